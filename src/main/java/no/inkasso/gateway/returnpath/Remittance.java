package no.inkasso.gateway.returnpath;

import java.math.BigDecimal;

/**
 * A settlement's split of money the agency collected: {@code paid} by the debtor = {@code toCreditor}
 * (paid out to the creditor; negative when the agency charges the creditor, e.g. a fee for a withdrawn
 * case) + {@code fees} kept by the agency + {@code vat} on those fees; {@code interest} is the part of
 * {@code toCreditor} that is interest.
 */
public record Remittance(BigDecimal paid, BigDecimal toCreditor, BigDecimal interest, BigDecimal fees, BigDecimal vat, String currency) {}
