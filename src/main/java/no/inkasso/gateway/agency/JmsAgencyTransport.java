package no.inkasso.gateway.agency;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import no.inkasso.gateway.routing.AgencyDelivery;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Puts feed messages (JSON text messages, properties caseId, sequence, kind, JMSXGroupID = caseId) on the
 * agency's queue. On our own broker the send is in the session the messages were taken in, so taking and
 * handing over commit together (exactly once). On the agency's own broker ({@code broker-url}) the batch is
 * committed there first, then ours: a crash between the two sends it again, which the agency recognises
 * by (caseId, sequence).
 */
public final class JmsAgencyTransport implements AgencyTransport {

    private final AgencyDelivery delivery;
    private final int batchSize;
    private final ConnectionFactory agencyBroker;

    public JmsAgencyTransport(AgencyDelivery delivery, int batchSize) {
        this.delivery = delivery;
        this.batchSize = batchSize;
        this.agencyBroker = delivery.ownBroker() ? new ActiveMQConnectionFactory(delivery.brokerUrl()) : null;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public List<String> deliver(Session session, List<Outbound> messages) {
        try {
            if (agencyBroker == null) {
                send(session, messages);
                return nulls(messages.size());
            }
            try (Connection connection = delivery.brokerUser() == null || delivery.brokerUser().isBlank()
                    ? agencyBroker.createConnection() : agencyBroker.createConnection(delivery.brokerUser(), delivery.brokerPassword());
                 Session theirs = connection.createSession(true, Session.SESSION_TRANSACTED)) {
                send(theirs, messages);
                theirs.commit();
            }
            return nulls(messages.size());
        } catch (JMSException e) {
            throw new DeliveryException.AgencyUnavailable(delivery.agencyId() + ": queue " + delivery.queue() + " not reachable: "
                    + e.getMessage(), e);
        }
    }

    private void send(Session session, List<Outbound> messages) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(delivery.queue()));
        try {
            for (Outbound m : messages) {
                TextMessage message = session.createTextMessage(m.json());
                message.setStringProperty("caseId", m.caseId());
                message.setIntProperty("sequence", m.sequence());
                message.setStringProperty("kind", m.kind());
                message.setStringProperty("JMSXGroupID", m.caseId());
                producer.send(message);
            }
        } finally {
            producer.close();
        }
    }

    private static List<String> nulls(int n) {
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(null);
        }
        return list;
    }
}
