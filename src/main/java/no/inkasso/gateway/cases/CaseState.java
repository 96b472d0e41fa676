package no.inkasso.gateway.cases;

/** Where a case stands. Later stages (eligibility, agency, return path) add their states here. */
public enum CaseState {
    RECEIVED
}
