package no.inkasso.gateway.eligibility;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Simple (not compounded) late-payment interest on the principal, per day, from the day after the
 * due date up to and including the as-of date, each day at the rate of the period it falls in.
 *
 * <p>Day count actual/365: every calendar day counts, each day is 1/365 of the annual rate, also in a
 * leap year (so 29 February earns a day's interest too and a leap year earns 366/365 of the rate).
 * Why: forsinkelsesrenteloven sets an annual rate that accrues per day of delay, and actual/365 is
 * the day count used in Norwegian practice for it; a fixed 365 divisor keeps a day's interest the
 * same all year, so a claim's interest does not depend on whether its days fall in a leap year.
 * The same calculation serves Swedish dröjsmålsränta (räntelagen), given its own table.
 *
 * <p>All arithmetic is exact {@link BigDecimal} (division at 34 significant digits); rounding HALF_UP
 * to 2 decimals happens once, on the total.
 */
public final class InterestCalculator {

    private static final BigDecimal DAYS_IN_YEAR = BigDecimal.valueOf(365);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final RateTable<BigDecimal> ratesPercent;

    /** @param ratesPercent annual rates in percent, e.g. {@link NorwayRates#lateInterest()} */
    public InterestCalculator(RateTable<BigDecimal> ratesPercent) {
        this.ratesPercent = Objects.requireNonNull(ratesPercent, "ratesPercent");
    }

    /**
     * Interest on {@code principal} owed as of {@code asOf} for an invoice due on {@code dueDate}.
     * No interest (zero, no lines) when {@code asOf} is on or before the due date. If any day in
     * between has no configured rate, the answer is the first missing period, never a partial sum.
     */
    public Outcome<Interest> interest(BigDecimal principal, LocalDate dueDate, LocalDate asOf) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(asOf, "asOf");
        if (principal.signum() < 0) {
            throw new IllegalArgumentException("principal must not be negative");
        }
        List<InterestLine> lines = new ArrayList<>();
        BigDecimal exactTotal = BigDecimal.ZERO;
        LocalDate start = dueDate.plusDays(1);
        while (!start.isAfter(asOf)) {
            Outcome<DatedRow<BigDecimal>> found = ratesPercent.rowAsOf(start);
            if (found instanceof Outcome.NoRate<DatedRow<BigDecimal>> no) {
                return Outcome.noRate(no.missing());
            }
            DatedRow<BigDecimal> row = ((Outcome.Ok<DatedRow<BigDecimal>>) found).value();
            LocalDate end = row.to() == null || row.to().isAfter(asOf) ? asOf : row.to();
            long days = ChronoUnit.DAYS.between(start, end) + 1;
            BigDecimal exact = principal.multiply(row.value()).multiply(BigDecimal.valueOf(days))
                    .divide(HUNDRED.multiply(DAYS_IN_YEAR), MathContext.DECIMAL128);
            lines.add(new InterestLine(start, end, days, row.value(), exact.setScale(2, RoundingMode.HALF_UP)));
            exactTotal = exactTotal.add(exact);
            start = end.plusDays(1);
        }
        return Outcome.ok(new Interest(lines, exactTotal.setScale(2, RoundingMode.HALF_UP)));
    }
}
