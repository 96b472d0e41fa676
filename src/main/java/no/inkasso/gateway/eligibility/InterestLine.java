package no.inkasso.gateway.eligibility;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Interest for the days {@code from}..{@code to} (both included) at {@code ratePercent} a year.
 * {@code amount} is rounded to 2 decimals for display; the total is rounded once from the unrounded
 * lines, so the displayed lines may differ from the total by a few øre.
 */
public record InterestLine(LocalDate from, LocalDate to, long days, BigDecimal ratePercent, BigDecimal amount) {
}
