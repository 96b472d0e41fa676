package no.inkasso.gateway.routing;

/** Where one feed message (case, sequence) stands on its way to the agency. */
public enum DeliveryState {
    /** On the agency's outbound queue (or in the outbox on its way there). */
    QUEUED,
    /**
     * SFTP: taken from the queue into a recorded batch file of the agency (agency_batch), to be uploaded
     * or uploaded and waiting for the agency's receipt.
     */
    BATCHED,
    /** The agency's transport took it. */
    DELIVERED,
    /** Refused by the agency or out of attempts: on {@code agency.<id>.outbound.dlq} with the original message. */
    DEAD
}
