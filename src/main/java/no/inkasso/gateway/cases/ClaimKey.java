package no.inkasso.gateway.cases;

/** The idempotency key of a claim: the same invoice, from the same ledger, for the same creditor. */
public record ClaimKey(String sourceSystem, String creditorOrg, String invoiceNumber) {}
