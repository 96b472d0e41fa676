package no.inkasso.gateway.ehf;

import java.util.List;

/** The outcome of reading one EHF document: accepted (with any warnings) or rejected with a reason. */
public sealed interface EhfResult {

    /**
     * @param document the invoice (a claim) or credit note
     * @param warnings non-fatal findings: schematron warnings, and in WARN mode its fatal ones too,
     *                 and the gateway's own (e.g. a KID that fails its check digit)
     */
    record Accepted(EhfDocument document, List<Finding> warnings) implements EhfResult {
        public Accepted {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param reason   a stable code
     * @param message  one sentence a sender can act on
     * @param findings the rules that failed (with severity, message and location), where there are any
     */
    record Rejected(RejectReason reason, String message, List<Finding> findings) implements EhfResult {
        public Rejected {
            findings = List.copyOf(findings);
        }
    }
}
