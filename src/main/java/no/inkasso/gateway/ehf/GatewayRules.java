package no.inkasso.gateway.ehf;

/** The rule ids of the findings the gateway itself makes (the standards' rules keep their own ids). */
public final class GatewayRules {

    /** PaymentID is not a KID with a valid MOD10 or MOD11 check digit; the claim is taken without a KID. */
    public static final String KID_CHECK_DIGIT = "GW-EHF-KID";
    /** The payee account is not an account number the gateway can pay to; the claim is taken without one. */
    public static final String ACCOUNT_UNUSABLE = "GW-EHF-ACCOUNT";
    /** The SBDH says one document type and the payload is another. */
    public static final String ENVELOPE_MISMATCH = "GW-EHF-ENVELOPE";
    /** More embedded attachments than a claim holds; the rest are returned but not referenced by the claim. */
    public static final String ATTACHMENT_LIMIT = "GW-EHF-ATTACHMENTS";
    /** A value the claim needs is missing or does not fit (location: the claim field). */
    public static final String UNMAPPABLE = "GW-EHF-UNMAPPABLE";
    /** No due date anywhere it may be given. */
    public static final String MISSING_DUE_DATE = "GW-EHF-DUE-DATE";
    /** A contact detail that does not fit the claim (e-mail not an address, phone too long) and was left out. */
    public static final String CONTACT_DROPPED = "GW-EHF-CONTACT";

    private GatewayRules() {
    }
}
