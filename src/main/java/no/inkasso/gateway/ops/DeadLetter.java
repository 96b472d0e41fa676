package no.inkasso.gateway.ops;

import java.time.Instant;
import java.util.Map;

/**
 * One message on a dead-letter queue, as the broker holds it: where it came from, how often it was
 * tried, when, and the original body (text as it is, anything else base64).
 */
public record DeadLetter(
        String messageId,
        String queue,
        String originalQueue,
        String jmsMessageId,
        int deliveryCount,
        Integer maxDeliveryAttempts,
        String failureReason,
        Instant firstAttemptAt,
        Instant lastAttemptAt,
        Map<String, Object> properties,
        String bodyEncoding,
        String body,
        int bodyBytes) {
}
