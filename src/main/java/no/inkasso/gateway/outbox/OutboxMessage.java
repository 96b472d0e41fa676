package no.inkasso.gateway.outbox;

/**
 * A message stored in the same transaction as the change it announces, to be put on
 * {@code destination} by the relay. {@code dedupId} is stable per announcement (the JMS property
 * {@code gatewayMessageId}), so a consumer can recognise a copy the relay sends again after a crash.
 */
public record OutboxMessage(long id, String destination, String dedupId, String caseId, String correlationId, String payload) {

    public static OutboxMessage of(String destination, String dedupId, String caseId, String correlationId, String payload) {
        return new OutboxMessage(0, destination, dedupId, caseId, correlationId, payload);
    }
}
