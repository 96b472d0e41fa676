package no.inkasso.gateway.eligibility.flow;

import jakarta.jms.ConnectionFactory;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.queues.QueueBatchDrainer;
import org.springframework.stereotype.Component;

/**
 * Takes {@code claims.received} messages in batches: up to {@code gateway.eligibility.batch-size}
 * messages in one broker transaction, decided in one database transaction, then the broker
 * transaction is committed. A crash between the two commits redelivers the batch, and the cases,
 * already decided, are left alone. One commit per batch instead of one per claim is what lets the
 * stage keep up with the intake (docs/benchmarks.md).
 *
 * <p>When a batch fails (a message naming no stored case, a database error), it is rolled back and
 * the next messages are taken one at a time, each in its own transactions: the good ones go
 * through, and the broker redelivers the bad one with backoff until it dead-letters it to
 * {@code claims.received.dlq} (5 attempts). See {@link QueueBatchDrainer}.
 */
@Component("receivedClaimsConsumer")
public class ReceivedClaimsConsumer {

    private final QueueBatchDrainer drainer;

    public ReceivedClaimsConsumer(EligibilityService eligibility, ConnectionFactory connectionFactory, GatewayProperties properties) {
        this.drainer = new QueueBatchDrainer(connectionFactory, properties.queues().claimsReceived(),
                properties.eligibility().batchSize(), eligibility::decideReceived);
    }

    /** Decides what is on the queue now, batch by batch; returns how many messages were taken. */
    public int decidePending() {
        return drainer.drain();
    }
}
