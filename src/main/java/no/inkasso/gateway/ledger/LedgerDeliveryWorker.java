package no.inkasso.gateway.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import no.inkasso.gateway.agency.AgencyBreaker;
import no.inkasso.gateway.ops.DeadLetters;
import no.inkasso.gateway.queues.DeadLetterCopies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * Delivers what is on a ledger's outbound queue ({@code ledger.<source system>.outbound}), one ledger at
 * a time and in queue order, so a case's events reach the ledger in the order they were filed. Messages
 * are taken in a local broker transaction committed only after the delivery is recorded; a message
 * whose row is already DELIVERED (a copy after a crash) is only acknowledged.
 * <p>
 * A failure rolls the batch back to the head of the queue and the ledger waits (exponential backoff):
 * a ledger that is unavailable is retried for as long as it takes, a message that fails by itself is
 * dead-lettered after {@code max-attempts}, a refused one at once, to {@code ledger.<system>.outbound.dlq}
 * with its original body and properties plus the reason. A dead letter replayed by operations comes back
 * with its reason on it: its row is queued again with fresh attempts.
 */
public class LedgerDeliveryWorker {

    static final String DEAD_LETTER_REASON = "deadLetterReason";
    private static final Logger log = LoggerFactory.getLogger(LedgerDeliveryWorker.class);
    private static final long FIRST_MESSAGE_WAIT_MS = 100;
    private static final long TICK_BUDGET_MS = 3_000;

    private final JmsTemplate jms;
    private final LedgerDeliveryStore store;
    private final MeterRegistry meters;
    private final Map<String, LedgerTransport> transports;
    private final Map<String, AgencyBreaker> pacing = new LinkedHashMap<>();
    private final int maxAttempts;
    private final LongSupplier millis;

    public LedgerDeliveryWorker(ConnectionFactory connectionFactory, LedgerDeliveryStore store, MeterRegistry meters,
                                Map<String, LedgerTransport> transports, LedgerProperties.Delivery settings, LongSupplier millis) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        this.store = store;
        this.meters = meters;
        this.transports = Map.copyOf(transports);
        this.maxAttempts = settings.maxAttempts();
        this.millis = millis;
        for (String system : transports.keySet()) {
            // backoff only: a ledger's worker never gives up on the ledger, only on a message
            pacing.put(system, new AgencyBreaker(Integer.MAX_VALUE, settings.maxBackoffMs(), settings.initialBackoffMs(),
                    settings.backoffMultiplier(), settings.maxBackoffMs()));
        }
    }

    /** Delivers what the ledger's queue holds now (for a few seconds at most); returns how many messages were handled. */
    public int deliverPending(String sourceSystem) {
        LedgerTransport transport = transports.get(sourceSystem);
        if (transport == null) {
            throw new IllegalArgumentException("no delivery configured for ledger " + sourceSystem);
        }
        AgencyBreaker backoff = pacing.get(sourceSystem);
        synchronized (transport) {
            long until = millis.getAsLong() + TICK_BUDGET_MS;
            int handled = 0;
            while (millis.getAsLong() < until && backoff.allowsAttempt(millis.getAsLong())) {
                Integer n = jms.execute(session -> deliverBatch(session, sourceSystem, transport, backoff), true);
                if (n == null || n <= 0) {
                    break;
                }
                handled += n;
            }
            return handled;
        }
    }

    private int deliverBatch(Session session, String system, LedgerTransport transport, AgencyBreaker backoff) throws JMSException {
        List<TextMessage> taken = take(session, LedgerProperties.outboundQueue(system), transport.batchSize());
        if (taken.isEmpty()) {
            return 0;
        }
        List<LedgerTransport.Pending> todo = new ArrayList<>();
        for (TextMessage message : taken) {
            Optional<LedgerTransport.Pending> pending = read(message);
            Optional<LedgerDeliveryStore.Row> row = pending.flatMap(p -> store.find(p.deliveryId()));
            if (row.isEmpty()) {
                deadLetter(session, system, message, pending.isEmpty() ? "not a ledger event" : "no ledger delivery row "
                        + pending.get().deliveryId(), 0);
                continue;
            }
            LedgerTransport.Pending p = pending.get();
            LedgerDeliveryStore.Row r = row.get();
            if (r.state() == LedgerDeliveryStore.State.DEAD && message.propertyExists(DEAD_LETTER_REASON)) {
                log.info("Ledger delivery {} replayed from {}: queued again", r.deliveryId(), LedgerProperties.deadLetterQueue(system));
                store.requeue(r.deliveryId());
                r = store.find(r.deliveryId()).orElseThrow();
            }
            if (r.state() == LedgerDeliveryStore.State.DEAD) {
                // dead-lettered, yet back: the broker transaction that put its copy on the .dlq was rolled back
                deadLetter(session, system, message, r.lastError() == null ? "dead-lettered" : r.lastError(), r.attempts());
                continue;
            }
            if (r.state() != LedgerDeliveryStore.State.QUEUED) {
                log.info("Ledger delivery {} is already {}; copy acknowledged, not sent again", r.deliveryId(), r.state());
                count(system, "copy-skipped", 1);
                continue;
            }
            if (r.attempts() >= maxAttempts) {
                String reason = "out of attempts (" + r.attempts() + "): " + r.lastError();
                store.dead(r.deliveryId(), reason);
                deadLetter(session, system, message, reason, r.attempts());
                continue;
            }
            todo.add(p);
        }
        if (todo.isEmpty()) {
            session.commit();
            return taken.size();
        }
        int delivered = 0;
        List<List<LedgerTransport.Pending>> units = transport.oneByOne() ? todo.stream().map(List::of).toList() : List.of(todo);
        for (List<LedgerTransport.Pending> unit : units) {
            try {
                transport.deliver(session, unit);
                store.delivered(unit.stream().map(LedgerTransport.Pending::deliveryId).toList());
                delivered += unit.size();
            } catch (LedgerDeliveryException.Refused refused) {
                for (LedgerTransport.Pending m : unit) {
                    store.dead(m.deliveryId(), refused.getMessage());
                    deadLetter(session, system, m.original(), refused.getMessage(), 1);
                }
                log.warn("Ledger {} refused delivery {}: dead-lettered to {} ({})", system, unit.get(0).deliveryId(),
                        LedgerProperties.deadLetterQueue(system), refused.getMessage());
                count(system, "refused", unit.size());
            } catch (LedgerDeliveryException failure) {
                count(system, "delivered", delivered);
                return failed(session, system, backoff, unit, failure);
            } catch (RuntimeException unexpected) {
                session.rollback();
                backoff.onFailure(millis.getAsLong());
                throw unexpected;
            }
        }
        session.commit();
        backoff.onSuccess(millis.getAsLong());
        count(system, "delivered", delivered);
        return taken.size();
    }

    /** Rolls the batch back, counts the failure against {@code failing} (if it was theirs), waits; returns -1. */
    private int failed(Session session, String system, AgencyBreaker backoff, List<LedgerTransport.Pending> failing,
                       LedgerDeliveryException failure) throws JMSException {
        session.rollback();
        boolean counted = failure instanceof LedgerDeliveryException.Failed;
        int attempts = 0;
        for (LedgerTransport.Pending m : failing) {
            attempts = Math.max(attempts, store.failed(m.deliveryId(), failure.getMessage(), counted));
        }
        long wait = backoff.onFailure(millis.getAsLong());
        String outcome = counted ? "failed" : "unavailable";
        count(system, outcome, failing.size());
        meters.counter("gateway.ledger.retries", "ledger", system).increment();
        log.warn("Delivery to ledger {} failed ({}), next try in {} ms{}: {}", system, outcome, wait,
                counted ? " (attempt " + attempts + " of " + maxAttempts + ")" : "", failure.getMessage());
        return -1;
    }

    private static List<TextMessage> take(Session session, String queue, int size) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        try {
            List<TextMessage> taken = new ArrayList<>();
            Message message = consumer.receive(FIRST_MESSAGE_WAIT_MS);
            int seen = 0;
            while (message != null) {
                seen++;
                if (message instanceof TextMessage text) {
                    taken.add(text);
                } else {
                    log.warn("A non-text message on {} was dropped: {}", queue, message.getJMSMessageID());
                }
                message = seen < size ? consumer.receiveNoWait() : null;
            }
            return taken;
        } finally {
            consumer.close();
        }
    }

    private static Optional<LedgerTransport.Pending> read(TextMessage message) {
        try {
            String body = message.getText();
            JsonNode json = LedgerEvents.readEvent(body);
            String deliveryId = json.path("deliveryId").asText(null);
            if (deliveryId == null || !LedgerEvents.SCHEMA.equals(json.path("schema").asText())) {
                return Optional.empty();
            }
            return Optional.of(new LedgerTransport.Pending(deliveryId, json.path("caseId").asText(null), json.path("type").asText(),
                    json.at("/status/code").asText(), body, message));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private void deadLetter(Session session, String system, TextMessage original, String reason, int attempts) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(LedgerProperties.deadLetterQueue(system)));
        try {
            TextMessage copy = DeadLetterCopies.copy(session, original);
            String shortReason = DeadLetterCopies.shortReason(reason);
            copy.setStringProperty(DEAD_LETTER_REASON, shortReason);
            copy.setStringProperty(DeadLetters.FAILURE_REASON, shortReason);
            copy.setIntProperty("deliveryAttempts", attempts);
            copy.setStringProperty("originalQueue", LedgerProperties.outboundQueue(system));
            producer.send(copy);
        } finally {
            producer.close();
        }
        count(system, "dead-lettered", 1);
    }

    private void count(String system, String outcome, int n) {
        if (n > 0) {
            meters.counter("gateway.ledger.deliveries", "ledger", system, "outcome", outcome).increment(n);
        }
    }
}
