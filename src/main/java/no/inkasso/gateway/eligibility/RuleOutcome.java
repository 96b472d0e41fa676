package no.inkasso.gateway.eligibility;

/** How one rule judged a claim. */
public enum RuleOutcome {
    PASS,
    /** Satisfied from a later date ({@link RuleCheck#from()}). */
    NOT_YET,
    FAIL,
    REVIEW,
    NOT_APPLICABLE
}
