package no.inkasso.gateway.eligibility;

import java.math.BigDecimal;

/**
 * Swedish charges a creditor may add, in SEK: for a consumer the reminder fee (only if agreed) and the
 * collection fee; for a business debtor the B2B förseningsersättning instead of both.
 */
public record SwedishFees(BigDecimal reminderFee, BigDecimal collectionFee, BigDecimal b2bCompensation) {

    public BigDecimal total() {
        return reminderFee.add(collectionFee).add(b2bCompensation);
    }
}
