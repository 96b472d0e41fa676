package no.inkasso.gateway.ledger;

import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;

/**
 * Publishes each event on the ledger's topic on our broker ({@code ledger.<source system>.events}) in the
 * worker's own transaction, so publishing and taking from the outbound queue commit together. Ledgers
 * subscribe durably to get what was published while they were away. Properties: deliveryId, caseId, type,
 * statusCode, JMSXGroupID = case.
 */
public class TopicLedgerTransport implements LedgerTransport {

    private final LedgerDelivery delivery;
    private final int batchSize;

    public TopicLedgerTransport(LedgerDelivery delivery, int batchSize) {
        this.delivery = delivery;
        this.batchSize = batchSize;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public boolean oneByOne() {
        return false;
    }

    @Override
    public void deliver(Session session, List<Pending> messages) {
        try {
            MessageProducer producer = session.createProducer(session.createTopic(delivery.topic()));
            try {
                for (Pending m : messages) {
                    TextMessage message = session.createTextMessage(m.json());
                    message.setStringProperty("deliveryId", m.deliveryId());
                    message.setStringProperty("type", m.type());
                    message.setStringProperty("statusCode", m.statusCode());
                    if (m.caseId() != null) {
                        message.setStringProperty("caseId", m.caseId());
                        message.setStringProperty("JMSXGroupID", m.caseId());
                    }
                    producer.send(message);
                }
            } finally {
                producer.close();
            }
        } catch (JMSException e) {
            throw new LedgerDeliveryException.Unavailable(delivery.sourceSystem() + ": topic " + delivery.topic() + ": " + e.getMessage(), e);
        }
    }
}
