package no.inkasso.gateway.cases;

/** Where a case stands. Later stages (agency, return path) add their states here. */
public enum CaseState {
    /** Stored; the eligibility decision is pending. */
    RECEIVED,
    /** Not yet eligible; re-checked on its date (the waiting store). */
    WAITING,
    /** Eligible; handed to agency routing ({@code cases.eligible}). */
    ELIGIBLE,
    /** Not collectable as it stands; the ledger is told why. */
    REJECTED,
    /** A person must decide; the ledger is told why. */
    MANUAL_REVIEW,
    /** Closed at no cost to the creditor: credit notes took the outstanding amount to zero. Terminal. */
    CREDITED,
    /** Eligible, but no agency can take it now (no agreement in force, or the agency has no delivery configured): held, re-tried. */
    NO_AGENCY,
    /** Its NEW_CASE is on the agency's outbound queue ({@code agency.<id>.outbound}). */
    ROUTED,
    /** The agency has the case (its case number is stored when the transport answers with one). */
    AT_AGENCY,
    /** The NEW_CASE could not be delivered (refused by the agency, or out of attempts): dead-lettered, for operations. */
    DELIVERY_FAILED,
    /** Closed: the debtor paid the creditor in full (a bank payment file) before the case reached an agency. Terminal. */
    PAID,
    /** The agency paused collection (agency event PAUSED); RESUMED takes it back to AT_AGENCY. */
    PAUSED,
    /** The debtor disputes the claim: ordinary collection has stopped (agency event DISPUTED). */
    DISPUTED,
    /** The agency waits for the creditor's answer to a question (a legal step, an instalment plan). */
    AWAITING_CREDITOR,
    /** Legal and enforcement steps: conciliation board, enforcement petition, attachment, forced sale, bankruptcy. */
    LEGAL,
    /** Nothing to attach: the agency keeps the case under long-term monitoring. */
    MONITORING,
    /** Closed by the agency: paid in full (nothing outstanding). Terminal. */
    CLOSED_PAID,
    /** Closed by the agency: the creditor withdrew the case. Terminal. */
    CLOSED_WITHDRAWN,
    /** Closed by the agency: the debtor is a minor. Terminal. */
    CLOSED_MINOR,
    /** Closed by the agency: not collectable. Terminal. */
    CLOSED_UNCOLLECTIBLE,
    /** Closed by the agency: time-barred (foreldet). Terminal. */
    CLOSED_TIME_BARRED;

    /** Closed for good: no event or command changes its state any more. */
    public boolean isClosed() {
        return this == CREDITED || this == REJECTED || this == PAID || name().startsWith("CLOSED_");
    }

    /** At an agency, collection going on in one of its phases: commands and agency events apply. */
    public boolean isAtAgency() {
        return this == AT_AGENCY || this == PAUSED || this == DISPUTED || this == AWAITING_CREDITOR || this == LEGAL
                || this == MONITORING;
    }

    /** States from which a fresh eligibility decision may be made (on demand or on its date). */
    public boolean mayBeRechecked() {
        return this == RECEIVED || this == WAITING || this == REJECTED || this == MANUAL_REVIEW;
    }
}
