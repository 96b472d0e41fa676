package no.inkasso.gateway.eligibility;

/** How far a configured figure can be trusted, as marked in the rate files and in DOMAIN.md. */
public enum Provenance {
    /** Read from the cited law or official source. */
    SOURCED,
    /** Follows from a rule; not read from an official table. */
    COMPUTED,
    /** From one secondary source. */
    UNVERIFIED
}
