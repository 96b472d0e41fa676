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
    PAID;

    /** States from which a fresh eligibility decision may be made (on demand or on its date). */
    public boolean mayBeRechecked() {
        return this == RECEIVED || this == WAITING || this == REJECTED || this == MANUAL_REVIEW;
    }
}
