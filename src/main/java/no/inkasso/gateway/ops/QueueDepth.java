package no.inkasso.gateway.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;

/**
 * A queue of the embedded broker as operations see it: messages waiting (delivered but unacknowledged
 * included), consumers, messages added since the broker started, and its dead letters (the count on
 * {@code <queue>.dlq}, when it has one). Read from the broker's counters, no browsing.
 */
public record QueueDepth(String queue, long messages, int consumers, long messagesAdded, String deadLetterQueue, Long deadLetters) {

    /** Every gateway queue but the dead-letter queues themselves (they are each queue's {@code deadLetters}), by name. */
    static List<QueueDepth> of(ActiveMQServer broker) {
        if (broker == null || broker.getActiveMQServerControl() == null) {
            return List.of();
        }
        List<String> names = Arrays.stream(broker.getActiveMQServerControl().getQueueNames())
                .filter(OpsMetrics::isGatewayQueue).sorted().toList();
        List<QueueDepth> depths = new ArrayList<>();
        for (String name : names) {
            Queue queue = broker.locateQueue(SimpleString.of(name));
            if (queue == null || (name.endsWith(BrokerConfiguration.DLQ_SUFFIX)
                    && names.contains(DeadLetters.defaultOriginal(name)))) {
                continue;
            }
            String dlqName = name + BrokerConfiguration.DLQ_SUFFIX;
            Queue dlq = names.contains(dlqName) ? broker.locateQueue(SimpleString.of(dlqName)) : null;
            depths.add(new QueueDepth(name, queue.getMessageCount(), queue.getConsumerCount(), queue.getMessagesAdded(),
                    dlq == null ? null : dlqName, dlq == null ? null : dlq.getMessageCount()));
        }
        return depths;
    }
}
