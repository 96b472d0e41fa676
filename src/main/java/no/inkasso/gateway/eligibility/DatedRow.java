package no.inkasso.gateway.eligibility;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of a rate table: {@code value} applies from {@code from} up to and including {@code to};
 * a {@code null} {@code to} means "until a later row starts" (open-ended).
 */
public record DatedRow<T>(LocalDate from, LocalDate to, T value, Provenance status, String source) {

    public DatedRow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(status, "status");
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("row from " + from + " has no source");
        }
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("row from " + from + " ends before it starts (" + to + ")");
        }
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(from) && (to == null || !date.isAfter(to));
    }
}
