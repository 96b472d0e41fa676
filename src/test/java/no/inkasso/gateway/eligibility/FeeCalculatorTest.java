package no.inkasso.gateway.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fee ceilings against the real config/rules tables; every expected amount is worked out in the comment above it. */
class FeeCalculatorTest {

    private static final Path RULES = Path.of("config/rules");
    private final FeeCalculator fees = new FeeCalculator(RateFiles.norway(RULES), RateFiles.sweden(RULES));

    // inkassosats 700 as of 2025-06-01, 750 as of 2026-03-01; brackets "up to" include their limit.
    @ParameterizedTest(name = "{0} NOK {2} as of {1}, VAT-registered {3}, minor {4} -> {5}")
    @CsvSource(textBlock = """
            # 0.01 → factor 0.25: 700 × 0.25 = 175.00
            0.01, 2025-06-01, CONSUMER, true, false, 175.00
            # 500 → factor 0.25: 700 × 0.25 = 175.00
            500, 2025-06-01, CONSUMER, true, false, 175.00
            # 500.01 → factor 0.35: 700 × 0.35 = 245.00
            500.01, 2025-06-01, CONSUMER, true, false, 245.00
            # 1000 → factor 0.35: 700 × 0.35 = 245.00
            1000, 2025-06-01, CONSUMER, true, false, 245.00
            # 1000.01 → factor 0.40: 700 × 0.40 = 280.00
            1000.01, 2025-06-01, CONSUMER, true, false, 280.00
            # 2500 → factor 0.40: 700 × 0.40 = 280.00
            2500, 2025-06-01, CONSUMER, true, false, 280.00
            # 2500.01 → factor 0.80: 700 × 0.80 = 560.00
            2500.01, 2025-06-01, CONSUMER, true, false, 560.00
            # 10000 → factor 0.80: 700 × 0.80 = 560.00
            10000, 2025-06-01, CONSUMER, true, false, 560.00
            # 10000.01 → factor 1.60: 700 × 1.60 = 1120.00
            10000.01, 2025-06-01, CONSUMER, true, false, 1120.00
            # 50000 → factor 1.60: 700 × 1.60 = 1120.00
            50000, 2025-06-01, CONSUMER, true, false, 1120.00
            # 50000.01 → factor 3.60: 700 × 3.60 = 2520.00
            50000.01, 2025-06-01, CONSUMER, true, false, 2520.00
            # 250000 → factor 3.60: 700 × 3.60 = 2520.00
            250000, 2025-06-01, CONSUMER, true, false, 2520.00
            # 250000.01 → factor 7.20: 700 × 7.20 = 5040.00
            250000.01, 2025-06-01, CONSUMER, true, false, 5040.00
            # 1000000 → factor 7.20: 700 × 7.20 = 5040.00
            1000000, 2025-06-01, CONSUMER, true, false, 5040.00
            # 0.01 → factor 0.25: 750 × 0.25 = 187.50
            0.01, 2026-03-01, CONSUMER, true, false, 187.50
            # 500 → factor 0.25: 750 × 0.25 = 187.50
            500, 2026-03-01, CONSUMER, true, false, 187.50
            # 500.01 → factor 0.35: 750 × 0.35 = 262.50
            500.01, 2026-03-01, CONSUMER, true, false, 262.50
            # 1000 → factor 0.35: 750 × 0.35 = 262.50
            1000, 2026-03-01, CONSUMER, true, false, 262.50
            # 1000.01 → factor 0.40: 750 × 0.40 = 300.00
            1000.01, 2026-03-01, CONSUMER, true, false, 300.00
            # 2500 → factor 0.40: 750 × 0.40 = 300.00
            2500, 2026-03-01, CONSUMER, true, false, 300.00
            # 2500.01 → factor 0.80: 750 × 0.80 = 600.00
            2500.01, 2026-03-01, CONSUMER, true, false, 600.00
            # 10000 → factor 0.80: 750 × 0.80 = 600.00
            10000, 2026-03-01, CONSUMER, true, false, 600.00
            # 10000.01 → factor 1.60: 750 × 1.60 = 1200.00
            10000.01, 2026-03-01, CONSUMER, true, false, 1200.00
            # 50000 → factor 1.60: 750 × 1.60 = 1200.00
            50000, 2026-03-01, CONSUMER, true, false, 1200.00
            # 50000.01 → factor 3.60: 750 × 3.60 = 2700.00
            50000.01, 2026-03-01, CONSUMER, true, false, 2700.00
            # 250000 → factor 3.60: 750 × 3.60 = 2700.00
            250000, 2026-03-01, CONSUMER, true, false, 2700.00
            # 250000.01 → factor 7.20: 750 × 7.20 = 5400.00
            250000.01, 2026-03-01, CONSUMER, true, false, 5400.00
            # 1000000 → factor 7.20: 750 × 7.20 = 5400.00
            1000000, 2026-03-01, CONSUMER, true, false, 5400.00
            # 500 business: 700 × 0.25 × 1.5 = 262.50
            500, 2025-06-01, BUSINESS, true, false, 262.50
            # 10000 business: 700 × 0.80 × 1.5 = 840.00
            10000, 2025-06-01, BUSINESS, true, false, 840.00
            # 500 consumer, creditor not VAT-registered: 700 × 0.25 × 1.25 (VAT) = 218.75
            500, 2025-06-01, CONSUMER, false, false, 218.75
            # 10000 consumer, creditor not VAT-registered: 700 × 0.80 × 1.25 (VAT) = 700.00
            10000, 2025-06-01, CONSUMER, false, false, 700.00
            # 10000 business, creditor not VAT-registered: 700 × 0.80 × 1.5 × 1.25 (VAT) = 1050.00
            10000, 2025-06-01, BUSINESS, false, false, 1050.00
            # 250000.01 business, creditor not VAT-registered: 700 × 7.20 × 1.5 × 1.25 (VAT) = 9450.00
            250000.01, 2025-06-01, BUSINESS, false, false, 9450.00
            # 500 business: 750 × 0.25 × 1.5 = 281.25
            500, 2026-03-01, BUSINESS, true, false, 281.25
            # 10000 business: 750 × 0.80 × 1.5 = 900.00
            10000, 2026-03-01, BUSINESS, true, false, 900.00
            # 500 consumer, creditor not VAT-registered: 750 × 0.25 × 1.25 (VAT) = 234.38
            500, 2026-03-01, CONSUMER, false, false, 234.38
            # 10000 consumer, creditor not VAT-registered: 750 × 0.80 × 1.25 (VAT) = 750.00
            10000, 2026-03-01, CONSUMER, false, false, 750.00
            # 10000 business, creditor not VAT-registered: 750 × 0.80 × 1.5 × 1.25 (VAT) = 1125.00
            10000, 2026-03-01, BUSINESS, false, false, 1125.00
            # 250000.01 business, creditor not VAT-registered: 750 × 7.20 × 1.5 × 1.25 (VAT) = 10125.00
            250000.01, 2026-03-01, BUSINESS, false, false, 10125.00
            # debtor under 18: no fees at all = 0.00
            10000, 2025-06-01, CONSUMER, true, true, 0.00
            # debtor under 18: no fees at all = 0.00
            250000.01, 2026-03-01, BUSINESS, false, true, 0.00
            """)
    void norwegianCollectionFeeCeiling(BigDecimal principal, LocalDate asOf, DebtorKind debtor,
            boolean creditorVatRegistered, boolean debtorMinor, BigDecimal expected) {
        assertThat(fees.norwegianCollectionFeeCeiling(principal, asOf, debtor, creditorVatRegistered, debtorMinor))
                .isEqualTo(Outcome.ok(expected));
    }

    @Test
    void collectionFeeBeforeTheFirstConfiguredDateIsReportedMissingNotGuessed() {
        // the bracket table starts 2025-01-01 (earliest date DOMAIN.md vouches for)
        assertThat(fees.norwegianCollectionFeeCeiling(new BigDecimal("1000"), LocalDate.of(2024, 12, 31),
                DebtorKind.CONSUMER, true, false))
                .isEqualTo(Outcome.noRate(new MissingRate("NO collection-fee-brackets", "2024-12-31", LocalDate.of(2024, 12, 31))));
    }

    @ParameterizedTest(name = "charged {0} NOK as of {1}, minor {2} -> {3}")
    @CsvSource(textBlock = """
            # cap 700 / 20 = 35.00; charged 35 → min = 35.00
            35, 2025-06-01, false, 35.00
            # cap 700 / 20 = 35.00; charged 70 → min = 35.00
            70, 2025-06-01, false, 35.00
            # cap 700 / 20 = 35.00; charged 20 → min = 20.00
            20, 2025-12-31, false, 20.00
            # cap 750 / 20 = 37.50; charged 70 → min = 37.50
            70, 2026-01-01, false, 37.50
            # cap 750 / 20 = 37.50; charged 37.50 → min = 37.50
            37.50, 2026-03-01, false, 37.50
            # cap 750 / 20 = 37.50; charged 37.51 → min = 37.50
            37.51, 2026-03-01, false, 37.50
            # debtor under 18: nothing = 0.00
            35, 2026-03-01, true, 0.00
            """)
    void norwegianReminderFeeIsCappedAtOneTwentiethOfTheInkassosats(BigDecimal charged, LocalDate asOf,
            boolean debtorMinor, BigDecimal expected) {
        assertThat(fees.norwegianReminderFeeAllowed(charged, asOf, debtorMinor)).isEqualTo(Outcome.ok(expected));
    }

    @ParameterizedTest(name = "SE {1} as of {0}, reminder fee agreed {2} -> {6}")
    @CsvSource(textBlock = """
            # consumer, reminder fee agreed: 60 + 180 + 0 = 240.00
            2025-03-01, CONSUMER, true, 60.00, 180.00, 0.00, 240.00
            # consumer, no agreement on a reminder fee: 0 + 180 = 180.00
            2025-03-01, CONSUMER, false, 0.00, 180.00, 0.00, 180.00
            # business: förseningsersättning 450 instead of both = 450.00
            2025-03-01, BUSINESS, true, 0.00, 0.00, 450.00, 450.00
            # business, no agreement: still 450 = 450.00
            2024-01-01, BUSINESS, false, 0.00, 0.00, 450.00, 450.00
            # fees are not half-yearly: rows are open-ended, so 2026-H2 still has them: 60 + 180 = 240.00
            2026-08-01, CONSUMER, true, 60.00, 180.00, 0.00, 240.00
            """)
    void swedishFees(LocalDate asOf, DebtorKind debtor, boolean reminderFeeAgreed, BigDecimal reminder,
            BigDecimal collection, BigDecimal b2b, BigDecimal total) {
        Outcome<SwedishFees> outcome = fees.swedishFees(asOf, debtor, reminderFeeAgreed);
        assertThat(outcome).isEqualTo(Outcome.ok(new SwedishFees(reminder, collection, b2b)));
        assertThat(((Outcome.Ok<SwedishFees>) outcome).value().total()).isEqualTo(total);
    }

    @Test
    void swedishFeesBeforeTheFirstConfiguredDateAreReportedMissing() {
        assertThat(fees.swedishFees(LocalDate.of(2023, 12, 31), DebtorKind.CONSUMER, false))
                .isEqualTo(Outcome.noRate(new MissingRate("SE collection-fee", "2023-12-31", LocalDate.of(2023, 12, 31))));
    }
}
