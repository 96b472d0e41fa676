package no.inkasso.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Agency routing and delivery settings (prefix {@code gateway.routing}); each agency's transport is in
 * {@code config/agencies.yml} ({@link AgencyDirectory}).
 *
 * @param consumeEligible   whether cases.eligible is consumed (false pauses routing: cases wait on the queue)
 * @param batchSize         cases.eligible messages routed per (broker and database) transaction
 * @param heldRetryPeriodMs how often cases held in NO_AGENCY are routed again
 * @param delivery          how messages on the agencies' outbound queues are delivered
 */
@ConfigurationProperties(prefix = "gateway.routing")
public record RoutingProperties(boolean consumeEligible, int batchSize, long heldRetryPeriodMs, Delivery delivery) {

    /**
     * @param pollPeriodMs            how often each agency's delivery worker looks at its queue
     * @param maxAttempts             transient failures of one message before it is dead-lettered
     * @param initialBackoffMs        wait after the first failure; then × backoffMultiplier, up to maxBackoffMs
     * @param breakerFailureThreshold consecutive failures after which the agency's circuit opens
     * @param breakerOpenMs           how long an open circuit waits before one trial delivery (half-open)
     * @param batchSize               messages moved per broker transaction to a JMS agency (REST: one at a time)
     */
    public record Delivery(long pollPeriodMs, int maxAttempts, long initialBackoffMs, double backoffMultiplier, long maxBackoffMs,
                           int breakerFailureThreshold, long breakerOpenMs, int batchSize) {}

    public static String outboundQueue(String agencyId) {
        return "agency." + agencyId + ".outbound";
    }

    public static String deadLetterQueue(String agencyId) {
        return outboundQueue(agencyId) + ".dlq";
    }
}
