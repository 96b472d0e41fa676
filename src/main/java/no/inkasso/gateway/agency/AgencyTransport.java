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

    /** How many messages one broker transaction may take. */
    default int batchSize() {
        return 1;
    }

    /**
     * Whether the messages of a batch are delivered and recorded one by one (a remote API: each call
     * can succeed or fail on its own) rather than all or nothing (our own broker's transaction).
     */
    default boolean oneByOne() {
        return false;
    }
}
