package no.inkasso.gateway.returnpath;

/** What an agency reports on a case: the one vocabulary of the return path (agency-event/v1, ledger.feedback CASE_EVENT). */
public enum AgencyEventType {
    REGISTERED,
    NOTICE_SENT,
    DEBTOR_CONTACTED,
    PAUSED,
    RESUMED,
    DISPUTED,
    INSTALMENT_PLAN_AGREED,
    AWAITING_CREDITOR_DECISION,
    CONCILIATION_BOARD,
    ENFORCEMENT_PETITION,
    ATTACHMENT_GRANTED,
    NOTHING_TO_ATTACH,
    LONG_TERM_MONITORING,
    FORCED_SALE,
    BANKRUPTCY_PETITION,
    PAYMENT_RECEIVED,
    SETTLEMENT,
    CLOSED
}
