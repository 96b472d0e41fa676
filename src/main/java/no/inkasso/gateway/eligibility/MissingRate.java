package no.inkasso.gateway.eligibility;

import java.time.LocalDate;

/**
 * A computation needed a rate no table row covers. Never replaced by a default or an older rate:
 * the caller sends the claim to manual review with {@link #reason()}, and an operator fills in the table.
 *
 * @param table  the table's name as in the rate file, prefixed by country, e.g. {@code NO late-interest}
 * @param period the uncovered period, e.g. {@code 2026-H2}, or a date for tables without fixed periods
 * @param date   the first date found without a rate
 */
public record MissingRate(String table, String period, LocalDate date) {

    public String reason() {
        return "no rate configured for " + period + " (" + table + ")";
    }
}
