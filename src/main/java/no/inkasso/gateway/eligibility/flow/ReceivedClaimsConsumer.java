package no.inkasso.gateway.eligibility.flow;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import no.inkasso.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
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
 * {@code claims.received.dlq} (5 attempts).
 */
@Component("receivedClaimsConsumer")
public class ReceivedClaimsConsumer {

    private static final Logger log = LoggerFactory.getLogger(ReceivedClaimsConsumer.class);
    /** How long a poll waits for the first message of a batch. */
    private static final long FIRST_MESSAGE_WAIT_MS = 250;
    /** A tick keeps taking batches for at most this long, so the route's timer stays responsive. */
    private static final long TICK_BUDGET_MS = 5_000;

    private final EligibilityService eligibility;
    private final JmsTemplate jms;
    private final String queue;
    private final int batchSize;
    private int singlesLeft;

    public ReceivedClaimsConsumer(EligibilityService eligibility, ConnectionFactory connectionFactory, GatewayProperties properties) {
        this.eligibility = eligibility;
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        this.queue = properties.queues().claimsReceived();
        this.batchSize = properties.eligibility().batchSize();
    }

    /** Decides what is on the queue now, batch by batch; returns how many messages were taken. */
    public synchronized int decidePending() {
        long until = System.currentTimeMillis() + TICK_BUDGET_MS;
        int taken = 0;
        int last;
        do {
            last = singlesLeft > 0 ? takeBatch(1) : takeBatch(batchSize);
            taken += last;
        } while (last > 0 && System.currentTimeMillis() < until);
        return taken;
    }

    private int takeBatch(int size) {
        Integer taken = jms.execute(session -> {
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            try {
                List<String> bodies = new ArrayList<>();
                Message message = consumer.receive(FIRST_MESSAGE_WAIT_MS);
                while (message != null) {
                    bodies.add(text(message));
                    message = bodies.size() < size ? consumer.receiveNoWait() : null;
                }
                if (bodies.isEmpty()) {
                    return 0;
                }
                if (size == 1) {
                    singlesLeft--;
                }
                try {
                    eligibility.decideReceived(bodies);
                } catch (RuntimeException e) {
                    session.rollback();
                    if (size > 1) {
                        singlesLeft = bodies.size();
                        log.warn("A batch of {} claims.received messages failed ({}); taking them one at a time", bodies.size(),
                                e.getMessage());
                    } else {
                        log.warn("A claims.received message failed and goes back to the queue (dead-lettered after 5 attempts): {}",
                                e.getMessage());
                    }
                    return bodies.size();
                }
                session.commit();
                return bodies.size();
            } finally {
                consumer.close();
            }
        }, true);
        return taken == null ? 0 : taken;
    }

    private static String text(Message message) throws JMSException {
        if (message instanceof TextMessage text && text.getText() != null) {
            return text.getText();
        }
        // Not ours: decideReceived refuses it, so it ends on the dead-letter queue.
        return "";
    }
}
