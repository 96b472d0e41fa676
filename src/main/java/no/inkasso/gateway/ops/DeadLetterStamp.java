package no.inkasso.gateway.ops;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.RoutingContext;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;

/**
 * Broker plugin: stamps the time a message is dead-lettered on the copy the broker routes to a
 * {@code .dlq} address, since Artemis keeps only the original send time. That is the message's last
 * delivery attempt, shown by the dead-letter API.
 */
public class DeadLetterStamp implements ActiveMQServerMessagePlugin {

    static final String DEAD_LETTERED_AT = "gatewayDeadLetteredAt";
    private static final SimpleString DEAD_LETTERED_AT_KEY = SimpleString.of(DEAD_LETTERED_AT);

    @Override
    public void beforeMessageRoute(Message message, RoutingContext context, boolean direct, boolean rejectDuplicates) {
        String address = message.getAddress();
        // Only the broker's own dead-lettering copies carry the original address; a message sent to a
        // .dlq by hand has none and is left as it is.
        if (address != null && address.endsWith(BrokerConfiguration.DLQ_SUFFIX)
                && message.getAnnotation(Message.HDR_ORIGINAL_ADDRESS) != null
                && !message.containsProperty(DEAD_LETTERED_AT_KEY)) {
            message.putLongProperty(DEAD_LETTERED_AT_KEY, System.currentTimeMillis());
            message.reencode();
        }
    }
}
