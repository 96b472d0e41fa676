package no.inkasso.gateway.eligibility;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dated table of one figure (a rate, a fee, a set of brackets), looked up "as of" a date.
 * Rows never overlap; dates no row covers are gaps an operator must fill, so a lookup there
 * answers {@link Outcome.NoRate} instead of reusing a neighbouring row.
 */
public final class RateTable<T> {

    private final String name;
    private final PeriodKind periodKind;
    private final List<DatedRow<T>> rows;

    public RateTable(String name, PeriodKind periodKind, List<DatedRow<T>> rows) {
        this.name = Objects.requireNonNull(name, "name");
        this.periodKind = Objects.requireNonNull(periodKind, "periodKind");
        List<DatedRow<T>> sorted = rows.stream().sorted(Comparator.comparing(DatedRow::from)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            DatedRow<T> previous = sorted.get(i - 1);
            DatedRow<T> next = sorted.get(i);
            if (previous.to() == null || !previous.to().isBefore(next.from())) {
                throw new IllegalArgumentException(name + ": row from " + previous.from()
                        + " overlaps the row from " + next.from() + " (give the earlier row a `to` date)");
            }
        }
        this.rows = sorted;
    }

    public String name() {
        return name;
    }

    public PeriodKind periodKind() {
        return periodKind;
    }

    public List<DatedRow<T>> rows() {
        return rows;
    }

    /** The row in force on {@code date}, or the missing period. */
    public Outcome<DatedRow<T>> rowAsOf(LocalDate date) {
        Optional<DatedRow<T>> row = rows.stream().filter(r -> r.covers(date)).findFirst();
        return row.<Outcome<DatedRow<T>>>map(Outcome::ok).orElseGet(() -> Outcome.noRate(missingAt(date)));
    }

    /** The value in force on {@code date}, or the missing period. */
    public Outcome<T> asOf(LocalDate date) {
        return rowAsOf(date).map(DatedRow::value);
    }

    MissingRate missingAt(LocalDate date) {
        return new MissingRate(name, periodKind.label(date), date);
    }
}
