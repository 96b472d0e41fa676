package no.inkasso.gateway.returnpath;

import no.inkasso.gateway.cases.CaseState;

/** Why an agency closed a case, and the closed state it leaves the case in. */
public enum CloseReason {
    PAID(CaseState.CLOSED_PAID),
    CREDITED(CaseState.CREDITED),
    WITHDRAWN(CaseState.CLOSED_WITHDRAWN),
    MINOR(CaseState.CLOSED_MINOR),
    UNCOLLECTIBLE(CaseState.CLOSED_UNCOLLECTIBLE),
    TIME_BARRED(CaseState.CLOSED_TIME_BARRED);

    private final CaseState state;

    CloseReason(CaseState state) {
        this.state = state;
    }

    public CaseState state() {
        return state;
    }
}
