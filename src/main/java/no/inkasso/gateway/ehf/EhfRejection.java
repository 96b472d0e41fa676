package no.inkasso.gateway.ehf;

import java.util.List;

/** Thrown inside the reader to stop at the first layer that refuses a document; the reader returns it as {@link EhfResult.Rejected}. */
final class EhfRejection extends Exception {

    private final RejectReason reason;
    private final List<Finding> findings;

    EhfRejection(RejectReason reason, String message) {
        this(reason, message, List.of());
    }

    EhfRejection(RejectReason reason, String message, List<Finding> findings) {
        super(message, null, false, false);
        this.reason = reason;
        this.findings = List.copyOf(findings);
    }

    EhfResult.Rejected toResult() {
        return new EhfResult.Rejected(reason, getMessage(), findings);
    }
}
