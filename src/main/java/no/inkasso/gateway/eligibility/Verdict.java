package no.inkasso.gateway.eligibility;

/** The outcome of an eligibility decision. */
public enum Verdict {
    /** May go to the agency now. */
    ELIGIBLE,
    /** Not yet: becomes eligible on a known date, if nothing changes. */
    NOT_YET,
    /** Cannot go to collection as it stands; the reason codes say why. */
    REJECTED,
    /** A person must look at it; the reason says why. */
    MANUAL_REVIEW
}
