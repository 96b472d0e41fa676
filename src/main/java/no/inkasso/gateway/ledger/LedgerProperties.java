package no.inkasso.gateway.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The return path to ledgers (prefix {@code gateway.ledger}); each ledger's transport and vocabulary are
 * in {@code configFile} (config/ledgers.yml, {@link LedgerDirectory}).
 *
 * @param configFile where the ledgers are configured
 * @param delivery   how ledger.feedback is filed and delivered
 */
@ConfigurationProperties(prefix = "gateway.ledger")
public record LedgerProperties(String configFile, Delivery delivery) {

    /**
     * @param enabled           whether ledger.feedback is consumed and delivered (false leaves the messages on the queue)
     * @param batchSize         ledger.feedback messages filed per (broker and database) transaction
     * @param pollPeriodMs      how often each webhook or topic ledger's worker looks at its queue (SFTP: the ledger's batch-period-ms)
     * @param maxAttempts       failures of one message that were its own (HTTP 500, 408) before it is dead-lettered
     * @param initialBackoffMs  wait after the first failure; then × backoffMultiplier, up to maxBackoffMs
     * @param heldRetryPeriodMs how often held messages are looked at again (released once their ledger has a delivery)
     */
    public record Delivery(boolean enabled, int batchSize, long pollPeriodMs, int maxAttempts, long initialBackoffMs,
                           double backoffMultiplier, long maxBackoffMs, long heldRetryPeriodMs) {}

    public static String outboundQueue(String sourceSystem) {
        return "ledger." + sourceSystem + ".outbound";
    }

    public static String deadLetterQueue(String sourceSystem) {
        return outboundQueue(sourceSystem) + ".dlq";
    }
}
