package no.inkasso.gateway.eligibility;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** How a table's rates are fixed, which decides how a missing period is named to an operator. */
public enum PeriodKind {
    /** Fixed each 1 Jan and 1 Jul: a gap is named like {@code 2026-H2}. */
    @JsonProperty("half-year")
    HALF_YEAR,
    /** Any from-date: a gap is named by the date that has no rate. */
    @JsonProperty("date")
    DATE;

    public String label(LocalDate date) {
        return switch (this) {
            case HALF_YEAR -> date.getYear() + (date.getMonthValue() <= 6 ? "-H1" : "-H2");
            case DATE -> date.toString();
        };
    }
}
