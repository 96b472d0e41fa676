package no.inkasso.gateway.routing;

/** Where one feed message (case, sequence) stands on its way to the agency. */
public enum DeliveryState {
    /** On the agency's outbound queue (or in the outbox on its way there). */
    QUEUED,
    /** The agency's transport took it. */
    DELIVERED,
    /** Refused by the agency or out of attempts: on {@code agency.<id>.outbound.dlq} with the original message. */
    DEAD
}
