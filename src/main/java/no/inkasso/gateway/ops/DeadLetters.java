package no.inkasso.gateway.ops;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.ICoreMessage;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.QueueControl;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.reader.TextMessageUtil;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;

/**
 * The dead-letter queues of the embedded broker: every queue whose name ends in {@code .dlq}, found
 * when asked (so queues added later, e.g. per agency, appear by themselves). Reads them by browsing
 * the broker's own queue, and replays or removes messages through Artemis' queue management.
 */
public class DeadLetters {

    private final ActiveMQServer broker;

    public DeadLetters(ActiveMQServer broker) {
        this.broker = broker;
    }

    /** The names of every dead-letter queue, sorted. */
    public List<String> queues() {
        var control = broker.getActiveMQServerControl();
        if (control == null) {
            return List.of();
        }
        return java.util.Arrays.stream(control.getQueueNames())
                .filter(name -> name.endsWith(BrokerConfiguration.DLQ_SUFFIX))
                .sorted()
                .toList();
    }

    public boolean isDeadLetterQueue(String queue) {
        return queue != null && queue.endsWith(BrokerConfiguration.DLQ_SUFFIX) && queue(queue).isPresent();
    }

    /** A dead-letter queue with its count and at most {@code limit} of its messages, oldest first. */
    public DeadLetterQueue overview(String queueName, int limit) {
        Queue queue = queue(queueName).orElseThrow(() -> new IllegalArgumentException("no queue " + queueName));
        List<DeadLetter> messages = new ArrayList<>();
        try (LinkedListIterator<MessageReference> refs = queue.browserIterator()) {
            while (refs.hasNext() && messages.size() < limit) {
                messages.add(describe(queueName, refs.next()));
            }
        }
        return new DeadLetterQueue(queueName, defaultOriginal(queueName), queue.getMessageCount(), null, messages);
    }

    /** As {@link #overview}, with only the messages the filter takes (all are read to count them). */
    public DeadLetterQueue overview(String queueName, DeadLetterFilter filter, int limit) {
        if (filter.isAll()) {
            return overview(queueName, limit);
        }
        Queue queue = queue(queueName).orElseThrow(() -> new IllegalArgumentException("no queue " + queueName));
        List<DeadLetter> matching = matching(queueName, filter);
        return new DeadLetterQueue(queueName, defaultOriginal(queueName), queue.getMessageCount(), (long) matching.size(),
                matching.subList(0, Math.min(limit, matching.size())));
    }

    /** Every message of the queue the filter takes, oldest first. */
    public List<DeadLetter> matching(String queueName, DeadLetterFilter filter) {
        List<DeadLetter> matching = new ArrayList<>();
        queue(queueName).ifPresent(queue -> {
            try (LinkedListIterator<MessageReference> refs = queue.browserIterator()) {
                while (refs.hasNext()) {
                    DeadLetter message = describe(queueName, refs.next());
                    if (filter.matches(message)) {
                        matching.add(message);
                    }
                }
            }
        });
        return matching;
    }

    /**
     * Moves the messages the filter takes back to the queues they failed on, one by one (a filter on
     * the reason or the time the gateway shows cannot be given to the broker). Returns how many went
     * where; messages whose original queue no longer exists, or that left meanwhile, stay or are skipped.
     */
    public Map<String, Integer> replayMatching(String queueName, DeadLetterFilter filter) throws Exception {
        if (filter.isAll()) {
            return replayAll(queueName);
        }
        Map<String, Integer> moved = new java.util.LinkedHashMap<>();
        QueueControl control = control(queueName);
        for (DeadLetter message : matching(queueName, filter)) {
            if (queueExists(message.originalQueue())
                    && control.moveMessage(Long.parseLong(message.messageId()), message.originalQueue(), false)) {
                moved.merge(message.originalQueue(), 1, Integer::sum);
            }
        }
        return moved;
    }

    public Optional<DeadLetter> find(String queueName, long messageId) {
        Optional<Queue> queue = queue(queueName);
        if (queue.isEmpty()) {
            return Optional.empty();
        }
        try (LinkedListIterator<MessageReference> refs = queue.get().browserIterator()) {
            while (refs.hasNext()) {
                MessageReference ref = refs.next();
                if (ref.getMessageID() == messageId) {
                    return Optional.of(describe(queueName, ref));
                }
            }
        }
        return Optional.empty();
    }

    /** The ids of every message on the queue, oldest first. */
    public List<Long> messageIds(String queueName) {
        List<Long> ids = new ArrayList<>();
        queue(queueName).ifPresent(queue -> {
            try (LinkedListIterator<MessageReference> refs = queue.browserIterator()) {
                while (refs.hasNext()) {
                    ids.add(refs.next().getMessageID());
                }
            }
        });
        return ids;
    }

    public boolean queueExists(String queueName) {
        return queue(queueName).isPresent();
    }

    /**
     * Moves the message back to {@code target}. The broker's duplicate detection is bypassed: a
     * message an outside producer sent with a duplicate id would otherwise be dropped by the target.
     */
    public boolean replay(String queueName, long messageId, String target) throws Exception {
        return control(queueName).moveMessage(messageId, target, false);
    }

    /**
     * Moves every message of the dead-letter queue back to the queue it failed on, one pass of the
     * broker per original queue (not one per message). Returns how many went where; messages whose
     * original queue no longer exists stay.
     */
    public Map<String, Integer> replayAll(String queueName) throws Exception {
        java.util.Set<String> originals = new java.util.TreeSet<>();
        boolean unmarked = false;
        try (LinkedListIterator<MessageReference> refs = queue(queueName).orElseThrow().browserIterator()) {
            while (refs.hasNext()) {
                String original = annotation(refs.next().getMessage(), Message.HDR_ORIGINAL_QUEUE);
                if (original == null) {
                    unmarked = true;
                } else {
                    originals.add(original);
                }
            }
        }
        Map<String, Integer> moved = new java.util.LinkedHashMap<>();
        QueueControl control = control(queueName);
        for (String original : originals) {
            if (queueExists(original)) {
                moved.merge(original, control.moveMessages(FLUSH_LIMIT,
                        ORIGINAL_QUEUE + " = '" + original.replace("'", "''") + "'", original, false, -1), Integer::sum);
            }
        }
        String byName = defaultOriginal(queueName);
        if (unmarked && queueExists(byName)) {
            moved.merge(byName, control.moveMessages(FLUSH_LIMIT, ORIGINAL_QUEUE + " IS NULL", byName, false, -1), Integer::sum);
        }
        return moved;
    }

    private static final String ORIGINAL_QUEUE = Message.HDR_ORIGINAL_QUEUE.toString();
    /** Messages moved per broker transaction in a bulk replay. */
    private static final int FLUSH_LIMIT = 500;

    public boolean discard(String queueName, long messageId) throws Exception {
        return control(queueName).removeMessage(messageId);
    }

    private QueueControl control(String queueName) {
        Object control = broker.getManagementService().getResource(ResourceNames.QUEUE + queueName);
        if (!(control instanceof QueueControl queueControl)) {
            throw new IllegalArgumentException("no queue " + queueName);
        }
        return queueControl;
    }

    private Optional<Queue> queue(String queueName) {
        return Optional.ofNullable(broker.locateQueue(SimpleString.of(queueName)));
    }

    private DeadLetter describe(String queueName, MessageReference ref) {
        Message message = ref.getMessage();
        String originalQueue = annotation(message, Message.HDR_ORIGINAL_QUEUE);
        boolean deadLetteredByBroker = originalQueue != null;
        if (originalQueue == null) {
            originalQueue = defaultOriginal(queueName);
        }
        Integer maxAttempts = null;
        String reason;
        if (deadLetteredByBroker) {
            String originalAddress = Optional.ofNullable(annotation(message, Message.HDR_ORIGINAL_ADDRESS)).orElse(originalQueue);
            AddressSettings settings = broker.getAddressSettingsRepository().getMatch(originalAddress);
            maxAttempts = settings.getMaxDeliveryAttempts();
            reason = "Dead-lettered by the broker: " + maxAttempts + " deliveries from " + originalQueue
                    + " were not acknowledged (the consumer failed each time; its log names the cause).";
        } else {
            reason = "Put on " + queueName + " directly, not by the broker's redelivery limit.";
        }
        Object failure = message.getObjectProperty(SimpleString.of(FAILURE_REASON));
        if (failure != null) {
            reason = failure.toString();
        }
        Object deadLetteredAt = message.getObjectProperty(SimpleString.of(DeadLetterStamp.DEAD_LETTERED_AT));
        Instant firstAttempt = message.getTimestamp() > 0 ? Instant.ofEpochMilli(message.getTimestamp()) : null;
        Instant lastAttempt = deadLetteredAt instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;

        Map<String, Object> properties = new TreeMap<>();
        message.toPropertyMap(256).forEach((key, value) -> properties.put(key, value instanceof byte[] bytes
                ? Base64.getEncoder().encodeToString(bytes) : value instanceof SimpleString s ? s.toString() : value));
        Object userId = message.getUserID();
        byte[] body = body(message);
        boolean text = message.getType() == Message.TEXT_TYPE;
        return new DeadLetter(Long.toString(ref.getMessageID()), queueName, originalQueue,
                userId == null ? null : "ID:" + userId, ref.getDeliveryCount(), maxAttempts, reason, firstAttempt, lastAttempt,
                properties, text ? "text" : "base64",
                text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body), body.length);
    }

    /**
     * A property a consumer may set on a message it gives up on (e.g. a route's dead-letter channel)
     * to say why; shown as the failure reason instead of the broker's.
     */
    public static final String FAILURE_REASON = "gatewayFailureReason";

    /** The body as bytes: a text message's text in UTF-8, any other message's body buffer as it is. */
    static byte[] body(Message message) {
        ICoreMessage core = message.toCore();
        ActiveMQBuffer buffer = core.getReadOnlyBodyBuffer();
        if (message.getType() == Message.TEXT_TYPE) {
            SimpleString text = TextMessageUtil.readBodyText(buffer);
            return text == null ? new byte[0] : text.toString().getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }

    private static String annotation(Message message, SimpleString key) {
        Object value = message.getAnnotation(key);
        return value == null ? null : value.toString();
    }

    /** {@code claims.received.dlq} holds what failed on {@code claims.received}. */
    static String defaultOriginal(String deadLetterQueue) {
        return deadLetterQueue.substring(0, deadLetterQueue.length() - BrokerConfiguration.DLQ_SUFFIX.length());
    }
}
