package no.inkasso.gateway.eligibility;

import java.math.BigDecimal;
import java.util.List;

/**
 * The amount to collect as of the decision date, itemised, in the claim's currency; every figure is
 * rounded HALF_UP to the øre/öre once.
 *
 * @param principal             outstanding principal
 * @param interest              late-payment interest, one line per rate period
 * @param noticeFees            fees charged with reminders and notices, each capped by the rules
 * @param collectionFee         Norway: the agency's collection-fee ceiling at the light rate (business
 *                              ×1.5, VAT added when the creditor is not VAT-registered); Sweden: the
 *                              inkassoavgift, or the B2B förseningsersättning for a business debtor
 * @param heavyCollectionFee    Norway: the heavy-rate ceiling, which an agency may charge only later in
 *                              its process; null where it does not apply
 * @param total                 principal + interest + notice fees + collection fee
 */
public record Amounts(
        String currency,
        BigDecimal principal,
        Interest interest,
        List<FeeLine> noticeFees,
        BigDecimal noticeFeesTotal,
        BigDecimal collectionFee,
        BigDecimal heavyCollectionFee,
        boolean collectionFeeIncludesVat,
        BigDecimal total) {

    public Amounts {
        noticeFees = List.copyOf(noticeFees);
    }
}
