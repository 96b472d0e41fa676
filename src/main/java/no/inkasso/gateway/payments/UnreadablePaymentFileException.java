package no.inkasso.gateway.payments;

/** The file as a whole is not a payment file of its format (permanent: rejected with this reason, never retried). */
public class UnreadablePaymentFileException extends Exception {

    private final String reason;

    public UnreadablePaymentFileException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A stable code: NOT_OCR_GIRO, NOT_CAMT_054, CONTROL_TOTALS, NOT_XML, ... */
    public String reason() {
        return reason;
    }
}
