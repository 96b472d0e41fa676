package no.inkasso.gateway.agency;

import jakarta.jms.Session;
import java.util.List;

/** Delivers feed messages to one agency, in order, all or nothing. */
public interface AgencyTransport {

    /**
     * @param session the broker session the messages were taken in (its transaction commits after
     *                the delivery is recorded): a transport that sends to our own broker sends in it
     * @return per message, the agency's case number when it answered with one, else null
     * @throws DeliveryException how it failed; nothing is recorded as delivered
     */
    List<String> deliver(Session session, List<Outbound> messages);

    /** How many messages one delivery may take. */
    default int batchSize() {
        return 1;
    }
}
