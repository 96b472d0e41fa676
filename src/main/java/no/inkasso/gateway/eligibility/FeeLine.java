package no.inkasso.gateway.eligibility;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A fee the creditor charged with a notice, and how much of it may be claimed (with why). */
public record FeeLine(String notice, LocalDate sentOn, BigDecimal charged, BigDecimal allowed, String note) {
}
