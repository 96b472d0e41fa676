package no.inkasso.gateway.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interest against the real config/rules tables. Expected totals were worked out day by day
 * (actual/365, HALF_UP to 2 decimals once at the end) in the comment above each row.
 */
class InterestCalculatorTest {

    private static final Path RULES = Path.of("config/rules");
    private static final InterestCalculator NO = new InterestCalculator(RateFiles.norway(RULES).lateInterest());
    private static final InterestCalculator SE = new InterestCalculator(RateFiles.sweden(RULES).lateInterest());

    // country, principal, due date, as of, days, total, missing period (empty when the rates are all there)
    @ParameterizedTest(name = "{0} {1} due {2} as of {3} -> {5}{6}")
    @CsvSource(textBlock = """
            # 10000 × 12.5% × 31/365 = 106.16  (31 days)
            NO, 10000, 2025-01-31, 2025-03-03, 31, 106.16, 
            # 10000 × 12.5% × 10/365 + 10000 × 12.25% × 10/365 = 67.81  (20 days)
            NO, 10000, 2025-06-20, 2025-07-10, 20, 67.81, 
            # 5000 × 12.25% × 16/365 + 5000 × 12% × 15/365 = 51.51  (31 days)
            NO, 5000, 2025-12-15, 2026-01-15, 31, 51.51, 
            # 10000 × 12.5% × 3/365 = 10.27  (3 days)
            NO, 10000, 2024-02-27, 2024-03-01, 3, 10.27, 
            # 10000 × 12.5% × 1/365 = 3.42  (1 day)
            NO, 10000, 2024-02-28, 2024-02-29, 1, 3.42, 
            # 0 days = 0.00  (0 days)
            NO, 10000, 2025-03-01, 2025-03-01, 0, 0.00, 
            # 0 days = 0.00  (0 days)
            NO, 10000, 2025-03-01, 2025-02-01, 0, 0.00, 
            # 1234.56 × 12.5% × 1/365 = 0.42  (1 day)
            NO, 1234.56, 2025-03-01, 2025-03-02, 1, 0.42, 
            # 100000 × 12.5% × 546/365 + 100000 × 12.25% × 184/365 = 24873.97  (730 days)
            NO, 100000, 2024-01-01, 2025-12-31, 730, 24873.97, 
            # 750 × 12.5% × 30/365 = 7.71  (30 days)
            NO, 750, 2024-06-15, 2024-07-15, 30, 7.71, 
            # a day in 2026-H2 has no NO rate → no rate configured for 2026-H2
            NO, 10000, 2026-06-25, 2026-07-05, , , 2026-H2
            # a day in 2026-H2 has no NO rate → no rate configured for 2026-H2
            NO, 10000, 2026-07-01, 2026-08-01, , , 2026-H2
            # a day in 2023-H2 has no NO rate → no rate configured for 2023-H2
            NO, 10000, 2023-12-20, 2024-01-10, , , 2023-H2
            # 10000 × 12% × 1/365 = 3.29  (1 day)
            NO, 10000, 2026-06-29, 2026-06-30, 1, 3.29, 
            # 10000 × 11% × 31/365 = 93.42  (31 days)
            SE, 10000, 2024-12-31, 2025-01-31, 31, 93.42, 
            # 10000 × 11% × 10/365 + 10000 × 10% × 10/365 = 30.137 + 27.397 = 57.53  (20 days)
            SE, 10000, 2025-06-20, 2025-07-10, 20, 57.53, 
            # a day in 2026-H2 has no SE rate → no rate configured for 2026-H2
            SE, 10000, 2026-06-30, 2026-07-01, , , 2026-H2
            """)
    void interest(String country, BigDecimal principal, LocalDate due, LocalDate asOf, Long days, BigDecimal total,
            String missingPeriod) {
        Outcome<Interest> outcome = ("NO".equals(country) ? NO : SE).interest(principal, due, asOf);
        if (missingPeriod != null) {
            assertThat(outcome).isInstanceOf(Outcome.NoRate.class);
            MissingRate missing = ((Outcome.NoRate<Interest>) outcome).missing();
            assertThat(missing.period()).isEqualTo(missingPeriod);
            assertThat(missing.reason()).isEqualTo("no rate configured for " + missingPeriod + " (" + country + " late-interest)");
        } else {
            Interest interest = ((Outcome.Ok<Interest>) outcome).value();
            assertThat(interest.total()).isEqualTo(total);
            assertThat(interest.days()).isEqualTo(days);
        }
    }

    @Test
    void oneLinePerRatePeriodAcrossTheH1H22025Boundary() {
        Interest interest = ((Outcome.Ok<Interest>) NO.interest(new BigDecimal("10000"),
                LocalDate.of(2025, 6, 20), LocalDate.of(2025, 7, 10))).value();
        assertThat(interest.lines()).containsExactly(
                // 10000 × 12.5% × 10/365 = 34.246... -> 34.25
                new InterestLine(LocalDate.of(2025, 6, 21), LocalDate.of(2025, 6, 30), 10, new BigDecimal("12.5"), new BigDecimal("34.25")),
                // 10000 × 12.25% × 10/365 = 33.561... -> 33.56
                new InterestLine(LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 10), 10, new BigDecimal("12.25"), new BigDecimal("33.56")));
        // total from the unrounded lines: 34.2466 + 33.5616 = 67.808 -> 67.81
        assertThat(interest.total()).isEqualTo(new BigDecimal("67.81"));
    }

    @Test
    void twoYearsGiveOneLinePerHalfYear() {
        Interest interest = ((Outcome.Ok<Interest>) NO.interest(new BigDecimal("100000"),
                LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31))).value();
        // H1 2024 from 2 Jan: 181 days; H2 2024: 184; H1 2025: 181; H2 2025: 184 = 730
        assertThat(interest.lines()).extracting(InterestLine::days).containsExactly(181L, 184L, 181L, 184L);
    }

    @Test
    void zeroDaysGiveZeroAndNoLines() {
        Outcome<Interest> outcome = NO.interest(new BigDecimal("10000"), LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 1));
        assertThat(outcome).isEqualTo(Outcome.ok(new Interest(List.of(), new BigDecimal("0.00"))));
    }
}
