package no.inkasso.gateway.queues;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * Takes a queue's text messages in batches, each batch in one local broker transaction committed only
 * after {@code handler} (which holds its own database transaction) returns. A failing batch is rolled
 * back and its messages are then taken one at a time, so the good ones go through and the broker
 * dead-letters the bad one after its redeliveries (the eligibility stage and agency routing both take their queues this way).
 */
public final class QueueBatchDrainer {

    private static final Logger log = LoggerFactory.getLogger(QueueBatchDrainer.class);
    private static final long FIRST_MESSAGE_WAIT_MS = 100;
    private static final long TICK_BUDGET_MS = 5_000;

    private final JmsTemplate jms;
    private final String queue;
    private final int batchSize;
    private final Consumer<List<String>> handler;
    private int singlesLeft;

    public QueueBatchDrainer(ConnectionFactory connectionFactory, String queue, int batchSize, Consumer<List<String>> handler) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        this.queue = queue;
        this.batchSize = batchSize;
        this.handler = handler;
    }

    /** Handles what is on the queue now, batch by batch; returns how many messages were taken. */
    public synchronized int drain() {
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
                    handler.accept(bodies);
                } catch (RuntimeException e) {
                    session.rollback();
                    if (size > 1) {
                        singlesLeft = bodies.size();
                        log.warn("A batch of {} {} messages failed ({}); taking them one at a time", bodies.size(), queue, e.getMessage());
                    } else {
                        log.warn("A {} message failed and goes back to the queue (dead-lettered to {}.dlq after its redeliveries): {}",
                                queue, queue, e.getMessage());
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
        return "";
    }
}
