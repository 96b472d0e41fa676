package no.inkasso.gateway.eligibility;

import java.math.BigDecimal;
import java.util.List;

/** Late-payment interest owed as of a date: one line per rate period, and the total (2 decimals). */
public record Interest(List<InterestLine> lines, BigDecimal total) {

    public Interest {
        lines = List.copyOf(lines);
    }

    public long days() {
        return lines.stream().mapToLong(InterestLine::days).sum();
    }
}
