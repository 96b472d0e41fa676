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
    CREDITED;

    /** States from which a fresh eligibility decision may be made (on demand or on its date). */
    public boolean mayBeRechecked() {
        return this == RECEIVED || this == WAITING || this == REJECTED || this == MANUAL_REVIEW;
    }
}
