package no.inkasso.gateway.eligibility;

/** Whether the debtor is a consumer or a business; business debtors have other fee ceilings. */
public enum DebtorKind {
    CONSUMER,
    BUSINESS
}
