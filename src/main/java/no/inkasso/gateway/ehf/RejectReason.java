package no.inkasso.gateway.ehf;

/**
 * Why an EHF document was refused. The names are stable: ledgers and operators match on them.
 * Every one is permanent (sending the same bytes again gives the same answer).
 */
public enum RejectReason {
    /** Not well-formed XML (also empty input, a wrong encoding, an undeclared entity reference). */
    NOT_XML,
    /** The document has a DOCTYPE. DTDs, and with them every entity trick (XXE, billion laughs), are refused unread. */
    DTD_FORBIDDEN,
    /** Larger than the configured limit. */
    TOO_LARGE,
    /** The root (or the SBDH payload) is called Invoice, CreditNote or StandardBusinessDocument but is in another namespace. */
    WRONG_NAMESPACE,
    /** Neither a UBL 2.1 Invoice nor CreditNote (bare or in an SBDH), e.g. an Order, a UBL Reminder, an SBDH without payload. */
    UNSUPPORTED_DOCUMENT,
    /** An Invoice or CreditNote whose CustomizationID is not PEPPOL BIS Billing 3.0 (e.g. EHF 2.0); the message names the id found. */
    UNSUPPORTED_CUSTOMIZATION,
    /** An EHF reminder (purring): it has an Invoice root but is not an invoice. */
    EHF_REMINDER,
    /** Fails the UBL 2.1 XSD; the findings carry the XSD errors with line and column. */
    SCHEMA_INVALID,
    /** A PEPPOL BIS 3 / EN 16931 / national schematron rule with flag fatal fired, and the creditor's mode is ENFORCE. */
    SCHEMATRON_FATAL,
    /** An invoice without a due date (no DueDate, PaymentMeans/PaymentDueDate or PaymentTerms/PaymentDueDate). */
    MISSING_DUE_DATE,
    /** An invoice whose payable amount is negative: the seller owes the buyer, so there is no claim. */
    NEGATIVE_AMOUNT,
    /** A value the canonical claim needs is missing or does not fit it; the findings name each claim field. */
    UNMAPPABLE
}
