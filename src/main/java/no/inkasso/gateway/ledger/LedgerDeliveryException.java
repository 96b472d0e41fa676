package no.inkasso.gateway.ledger;

/**
 * Why a message did not reach its ledger; the split decides what happens next (as for agencies):
 * {@link Refused} (the ledger refused this message, e.g. HTTP 4xx: dead-lettered at once),
 * {@link Failed} (this message failed, e.g. HTTP 500: retried with backoff, counted, dead-lettered after
 * {@code max-attempts}), {@link Unavailable} (the ledger is down, unreachable or overloaded: retried with
 * backoff, never counted, so an outage of any length loses nothing and dead-letters nothing).
 */
public abstract sealed class LedgerDeliveryException extends RuntimeException {

    protected LedgerDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public static final class Refused extends LedgerDeliveryException {
        public Refused(String message) {
            super(message, null);
        }
    }

    public static final class Failed extends LedgerDeliveryException {
        public Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static final class Unavailable extends LedgerDeliveryException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
