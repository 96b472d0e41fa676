package no.inkasso.gateway.ehf;

/**
 * One thing a layer of the EHF intake found in a document.
 *
 * @param ruleId   the rule's own id: a schematron assertion id ({@code BR-CO-15}, {@code PEPPOL-EN16931-R001},
 *                 {@code NO-R-001}), an XSD error key ({@code cvc-complex-type.2.4.a}) or one of the gateway's
 *                 codes in {@link Findings}
 * @param severity how serious it is
 * @param message  what is wrong, in the rule's words
 * @param location where: an XPath for schematron findings, {@code line L, column C} for XSD findings,
 *                 a claim field or UBL path for the gateway's own; empty when the whole document is meant
 */
public record Finding(String ruleId, Severity severity, String message, String location) {

    public Finding {
        location = location == null ? "" : location;
    }

    public boolean isFatal() {
        return severity == Severity.FATAL;
    }
}
