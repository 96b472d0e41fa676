package no.inkasso.gateway.claims.ids;

/** Which check-digit algorithm a Norwegian KID satisfies; see {@link PaymentReferences}. */
public enum KidAlgorithm {
    /** Luhn check digit. Reported in preference to MOD11 when a KID satisfies both. */
    MOD10,
    /** MOD11 check digit (weights 2..7 from the right), possibly {@code -} for the value 10. */
    MOD11,
    /** Not 2-25 digits, or neither check digit matches. */
    INVALID
}
