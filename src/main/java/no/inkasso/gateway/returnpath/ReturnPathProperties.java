package no.inkasso.gateway.returnpath;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The return path from agencies (prefix {@code gateway.return-path}).
 *
 * @param timestampToleranceSeconds how far a webhook's X-Gateway-Timestamp may be from now (replay window)
 * @param eventsEndpoint            the Camel endpoint of an agency's events queue; {@code %s} is the queue name
 * @param deadLetterEndpoint        the Camel endpoint a malformed events message is put on at once; {@code %s} is the .dlq
 * @param redeliveryDelayMs         first backoff of a failing events message (doubling, at most 60 s)
 * @param maxDeliveryAttempts       attempts before a failing events message goes to {@code <queue>.dlq}
 * @param agencies                  per agency id: {@code webhook-secret} (secret), {@code events-queue} and/or
 *                                  {@code status-endpoint} (a Camel sftp URI of the folder it puts status files in)
 */
@ConfigurationProperties(prefix = "gateway.return-path")
public record ReturnPathProperties(long timestampToleranceSeconds, String eventsEndpoint, String deadLetterEndpoint, long redeliveryDelayMs, int maxDeliveryAttempts,
                                   Map<String, Agency> agencies) {

    public ReturnPathProperties {
        agencies = agencies == null ? Map.of() : Map.copyOf(agencies);
    }

    /** One agency's inbound settings: the HMAC secret of its webhook calls, the queue it puts events on, its status-file folder. */
    public record Agency(String webhookSecret, String eventsQueue, String statusEndpoint) {}

    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }
}
