package no.inkasso.gateway.agency;

/**
 * Why a feed message did not reach its agency. The split decides what happens next:
 * {@link Permanent} (the agency refused this message: dead-lettered at once, never retried),
 * {@link Transient} (this message failed, e.g. HTTP 500: retried with backoff, counted against its
 * attempts, dead-lettered after {@code max-attempts}), {@link AgencyUnavailable} (the agency is down,
 * unreachable, overloaded or refuses our credentials: retried, opens the circuit, never counted against
 * the message, so an outage loses nothing).
 */
public abstract sealed class DeliveryException extends RuntimeException {

    protected DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public static final class Permanent extends DeliveryException {
        public Permanent(String message) {
            super(message, null);
        }
    }

    public static final class Transient extends DeliveryException {
        public Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static final class AgencyUnavailable extends DeliveryException {
        public AgencyUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
