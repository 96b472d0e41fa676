package no.inkasso.gateway.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.inkasso.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves stored messages from the outbox to the broker: a batch is sent in one broker transaction,
 * then deleted from the outbox. At least once: a crash between the two sends the batch again, and
 * every consumer is idempotent per message ({@code gatewayMessageId}, stable per announcement) or per
 * case. The broker's duplicate detection is deliberately not used: after a kill, {@code SftpCrashIT}
 * once saw the resend dropped as a duplicate while the first copy was not on the (paging) queue —
 * the ids were durable, the paged messages apparently not yet. A second copy is harmless; a dropped
 * first one is not.
 */
@Component("outboxRelay")
public class OutboxRelay {

    /** The announcement's stable id: a copy sent again after a crash carries the same one. */
    public static final String MESSAGE_ID_PROPERTY = "gatewayMessageId";
    public static final String CASE_ID_PROPERTY = "caseId";
    public static final String CORRELATION_ID_PROPERTY = "correlationId";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxStore outbox;
    private final JmsTemplate jms;
    private final int batchSize;

    public OutboxRelay(OutboxStore outbox, ConnectionFactory connectionFactory, GatewayProperties properties, MeterRegistry meters) {
        this.outbox = outbox;
        Gauge.builder("gateway.outbox.pending", outbox, OutboxStore::pending)
                .description("Messages stored but not yet on the broker")
                .register(meters);
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        this.batchSize = properties.outbox().batchSize();
    }

    /** Relays until the outbox is empty; returns how many messages went to the broker. */
    public int relayPending() {
        int relayed = 0;
        List<OutboxMessage> batch;
        do {
            batch = outbox.oldest(batchSize);
            if (batch.isEmpty()) {
                break;
            }
            send(batch, jms);
            outbox.remove(batch.stream().map(OutboxMessage::id).toList());
            relayed += batch.size();
        } while (batch.size() == batchSize);
        if (relayed > 0) {
            log.debug("Relayed {} outbox messages to the broker", relayed);
        }
        return relayed;
    }

    private static void send(List<OutboxMessage> batch, JmsTemplate jms) {
        jms.execute(session -> {
            try {
                Map<String, MessageProducer> producers = new HashMap<>();
                for (OutboxMessage m : batch) {
                    MessageProducer producer = producers.get(m.destination());
                    if (producer == null) {
                        producer = session.createProducer(session.createQueue(m.destination()));
                        producers.put(m.destination(), producer);
                    }
                    TextMessage message = session.createTextMessage(m.payload());
                    message.setStringProperty(MESSAGE_ID_PROPERTY, m.dedupId());
                    if (m.caseId() != null) {
                        message.setStringProperty(CASE_ID_PROPERTY, m.caseId());
                        // One group per case keeps its messages in order across competing consumers.
                        message.setStringProperty("JMSXGroupID", m.caseId());
                    }
                    if (m.correlationId() != null) {
                        message.setStringProperty(CORRELATION_ID_PROPERTY, m.correlationId());
                        message.setJMSCorrelationID(m.correlationId());
                    }
                    producer.send(message);
                }
                for (MessageProducer producer : producers.values()) {
                    producer.close();
                }
                if (session.getTransacted()) {
                    session.commit();
                }
                return null;
            } catch (JMSException e) {
                if (session.getTransacted()) {
                    rollbackQuietly(session);
                }
                throw e;
            }
        }, true);
    }

    private static void rollbackQuietly(Session session) {
        try {
            session.rollback();
        } catch (JMSException ignored) {
            // the broker discards an uncommitted transaction when the session goes anyway
        }
    }
}
