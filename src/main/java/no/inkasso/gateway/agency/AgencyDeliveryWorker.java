package no.inkasso.gateway.agency;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.cases.CaseMdc;
import no.inkasso.gateway.outbox.OutboxRelay;
import no.inkasso.gateway.queues.DeadLetterCopies;
import no.inkasso.gateway.routing.DeliveryState;
import no.inkasso.gateway.routing.RoutingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * Delivers what is on an agency's outbound queue ({@code agency.<id>.outbound}), one agency at a time,
 * in queue order (so a case's messages arrive in sequence order). Messages are taken in a local broker
 * transaction that commits only after the delivery is recorded in the database; a message whose row is
 * already DELIVERED or DEAD (a copy after a crash) is only acknowledged, never sent again.
 * <p>
 * A failure rolls the messages back to the head of the queue and the agency's {@link AgencyBreaker}
 * decides when to try again (exponential backoff, then an open circuit with half-open trials). A
 * permanent refusal, or a message out of counted attempts, goes to {@code agency.<id>.outbound.dlq}
 * with its original body and properties plus {@code deadLetterReason} and {@code deliveryAttempts}.
 * <p>
 * An agency with a {@link RateLimiter} gets at most its rate: each tick takes only as many messages as
 * the limiter allows now, the rest waits on the queue. A {@link BatchingTransport} (SFTP) is taken only
 * when its schedule is due, a file's worth at a time, each recorded as a batch before the commit.
 */
public class AgencyDeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(AgencyDeliveryWorker.class);
    private static final long FIRST_MESSAGE_WAIT_MS = 100;
    private static final long TICK_BUDGET_MS = 3_000;

    private final JmsTemplate jms;
    private final DeliveryStore store;
    private final MeterRegistry meters;
    private final Map<String, AgencyTransport> transports;
    private final Map<String, AgencyBreaker> breakers = new LinkedHashMap<>();
    private final Map<String, RateLimiter> limiters;
    private final int maxAttempts;
    private final LongSupplier millis;

    public AgencyDeliveryWorker(ConnectionFactory connectionFactory, DeliveryStore store, MeterRegistry meters,
                                Map<String, AgencyTransport> transports, RoutingProperties.Delivery settings, LongSupplier millis) {
        this(connectionFactory, store, meters, transports, Map.of(), settings, millis);
    }

    /** @param limiters per agency with a rate limit (REST and JMS), its limiter */
    public AgencyDeliveryWorker(ConnectionFactory connectionFactory, DeliveryStore store, MeterRegistry meters,
                                Map<String, AgencyTransport> transports, Map<String, RateLimiter> limiters,
                                RoutingProperties.Delivery settings, LongSupplier millis) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        this.store = store;
        this.meters = meters;
        this.transports = Map.copyOf(transports);
        this.limiters = Map.copyOf(limiters);
        this.maxAttempts = settings.maxAttempts();
        this.millis = millis;
        for (String agencyId : transports.keySet()) {
            AgencyBreaker breaker = new AgencyBreaker(settings.breakerFailureThreshold(), settings.breakerOpenMs(),
                    settings.initialBackoffMs(), settings.backoffMultiplier(), settings.maxBackoffMs());
            breakers.put(agencyId, breaker);
            Gauge.builder("gateway.agency.circuit.open", breaker, b -> b.state(millis.getAsLong()) == AgencyBreaker.State.CLOSED ? 0 : 1)
                    .description("1 while the agency's circuit is open (deliveries paused) or half-open")
                    .tag("agency", agencyId).register(meters);
        }
    }

    /** The agency's transport (tests reach the SFTP one's crash hook through it). */
    public AgencyTransport transport(String agencyId) {
        return transports.get(agencyId);
    }

    public Map<String, AgencyBreaker> breakers() {
        return Collections.unmodifiableMap(breakers);
    }

    /** Delivers what the agency's queue holds now (for a few seconds at most); returns how many messages were handled. */
    public int deliverPending(String agencyId) {
        AgencyTransport transport = transports.get(agencyId);
        AgencyBreaker breaker = breakers.get(agencyId);
        if (transport == null) {
            throw new IllegalArgumentException("no delivery configured for agency " + agencyId);
        }
        synchronized (transport) {
            if (transport instanceof BatchingTransport batching) {
                return deliverFiles(agencyId, batching, breaker);
            }
            RateLimiter limiter = limiters.get(agencyId);
            long until = millis.getAsLong() + TICK_BUDGET_MS;
            int handled = 0;
            while (millis.getAsLong() < until && breaker.allowsAttempt(millis.getAsLong())) {
                int size = limiter == null ? transport.batchSize() : limiter.available(millis.getAsLong(), transport.batchSize());
                if (size <= 0) {
                    meters.counter("gateway.agency.rate.limited", "agency", agencyId).increment();
                    break;
                }
                Integer n = jms.execute(session -> deliverBatch(session, agencyId, transport, breaker, size), true);
                if (limiter != null && n != null && n != 0) {
                    limiter.take(millis.getAsLong(), n < 0 ? 1 : n);
                }
                if (n == null || n <= 0) {
                    break;
                }
                handled += n;
            }
            return handled;
        }
    }

    /**
     * A batching (SFTP) agency's tick: uploads the batches recorded but not confirmed uploaded; when the
     * schedule is due, takes the queue a file's worth at a time (each recorded as a batch) and uploads
     * those; reads receipts. A failure to reach the agency's server leaves everything recorded for the
     * next try and counts against the agency's breaker, never against a message.
     */
    private int deliverFiles(String agencyId, BatchingTransport batching, AgencyBreaker breaker) {
        long now = millis.getAsLong();
        if (!breaker.allowsAttempt(now)) {
            return 0;
        }
        int handled = 0;
        try {
            int uploaded = batching.uploadPending();
            if (batching.due(now)) {
                batching.ran(now);
                while (true) {
                    Integer n = jms.execute(session -> deliverBatch(session, agencyId, batching, breaker, batching.batchSize()), true);
                    if (n == null || n <= 0) {
                        break;
                    }
                    handled += n;
                    if (n < batching.batchSize()) {
                        break;
                    }
                }
                uploaded += batching.uploadPending();
            }
            int receipts = batching.readReceipts(now);
            if (uploaded > 0 || receipts >= 0) {
                breaker.onSuccess(millis.getAsLong());
            }
            meters.counter("gateway.agency.batch.files", "agency", agencyId).increment(uploaded);
            return handled + uploaded + Math.max(0, receipts);
        } catch (DeliveryException failure) {
            long wait = breaker.onFailure(millis.getAsLong());
            meters.counter("gateway.agency.deliveries", "agency", agencyId, "outcome", "unavailable").increment();
            log.warn("Delivery to {} failed (unavailable; {} consecutive, circuit {}), next try in {} ms; nothing is lost: {}", agencyId,
                    breaker.consecutiveFailures(), breaker.state(millis.getAsLong()), wait, failure.getMessage());
            return handled;
        }
    }

    private int deliverBatch(Session session, String agencyId, AgencyTransport transport, AgencyBreaker breaker, int size)
            throws JMSException {
        List<TextMessage> taken = take(session, RoutingProperties.outboundQueue(agencyId), size);
        if (taken.isEmpty()) {
            return 0;
        }
        List<Outbound> todo = new ArrayList<>();
        List<Outbound> feed = new ArrayList<>();
        for (TextMessage message : taken) {
            Optional<Outbound> outbound = read(message);
            if (outbound.isEmpty()) {
                deadLetter(session, agencyId, message, "not a case feed message", 0);
                continue;
            }
            feed.add(outbound.get());
        }
        Map<String, DeliveryStore.Row> rows = feed.isEmpty() ? Map.of() : store.findAll(feed);
        for (Outbound m : feed) {
            Optional<DeliveryStore.Row> row = Optional.ofNullable(rows.get(DeliveryStore.key(m)));
            if (row.isPresent() && row.get().state() == DeliveryState.DEAD) {
                // recorded as dead-lettered, yet back on the queue: the transaction that sent its copy to the
                // dead-letter queue was rolled back (a later message of the batch failed, or a crash), so again
                deadLetter(session, agencyId, m.original(), row.get().lastError() == null ? "dead-lettered" : row.get().lastError(),
                        row.get().attempts());
                continue;
            }
            if (row.isPresent() && row.get().state() != DeliveryState.QUEUED) {
                log.info("Case {} #{} is already {} at {}; copy acknowledged, not sent again", m.caseId(), m.sequence(),
                        row.get().state(), agencyId);
                meters.counter("gateway.agency.deliveries", "agency", agencyId, "outcome", "copy-skipped").increment();
                continue;
            }
            if (row.isPresent() && row.get().attempts() >= maxAttempts) {
                deadLetter(session, agencyId, m.original(), "out of attempts: " + row.get().lastError(), row.get().attempts());
                store.dead(agencyId, m.caseId(), m.sequence(), m.kind(), "out of attempts (" + row.get().attempts() + "): "
                        + row.get().lastError());
                // a copy later in this batch finds it dead, as it would have read it from the database
                rows.put(DeliveryStore.key(m), new DeliveryStore.Row(DeliveryState.DEAD, row.get().attempts(),
                        "out of attempts (" + row.get().attempts() + "): " + row.get().lastError()));
                continue;
            }
            todo.add(m);
        }
        if (transport instanceof BatchingTransport batching) {
            return stage(session, agencyId, batching, todo, taken.size());
        }
        if (todo.isEmpty()) {
            session.commit();
            return taken.size();
        }
        if (transport.oneByOne()) {
            return deliverOneByOne(session, agencyId, transport, breaker, todo, taken.size());
        }
        try {
            List<String> numbers = transport.deliver(session, todo);
            store.delivered(agencyId, todo, numbers);
            session.commit();
            breaker.onSuccess(millis.getAsLong());
            meters.counter("gateway.agency.deliveries", "agency", agencyId, "outcome", "delivered").increment(todo.size());
            return taken.size();
        } catch (DeliveryException.Permanent refused) {
            // Only a single-message transport refuses one message; nothing of it went out in this session.
            for (Outbound m : todo) {
                deadLetter(session, agencyId, m.original(), refused.getMessage(), 1);
                store.dead(agencyId, m.caseId(), m.sequence(), m.kind(), refused.getMessage());
            }
            session.commit();
            breaker.onSuccess(millis.getAsLong());
            try (CaseMdc ignored = CaseMdc.of(todo.get(0).caseId(), correlationId(todo.get(0)))) {
                log.warn("Agency {} refused case {}: dead-lettered to {} ({})", agencyId, todo.get(0).caseId(),
                        RoutingProperties.deadLetterQueue(agencyId), refused.getMessage());
            }
            meters.counter("gateway.agency.deliveries", "agency", agencyId, "outcome", "refused").increment(todo.size());
            return taken.size();
        } catch (DeliveryException failure) {
            return failed(session, agencyId, breaker, todo, failure);
        } catch (RuntimeException unexpected) {
            session.rollback();
            breaker.onFailure(millis.getAsLong());
            throw unexpected;
        }
    }

    /** The correlation id the message carries (the claim's, from intake); null when it has none. */
    private static String correlationId(Outbound m) throws JMSException {
        return m.original() == null ? null : m.original().getStringProperty(OutboxRelay.CORRELATION_ID_PROPERTY);
    }

    /**
     * Delivers and records each message on its own, in order. A refusal dead-letters that message and
     * goes on; any other failure rolls the broker transaction back (the messages recorded as delivered
     * come back as copies and are only acknowledged; a refused one comes back DEAD and is dead-lettered
     * again, its first copy having been rolled back with the rest) and leaves the agency to its breaker.
     */
    private int deliverOneByOne(Session session, String agencyId, AgencyTransport transport, AgencyBreaker breaker,
                                List<Outbound> todo, int taken) throws JMSException {
        int delivered = 0;
        for (Outbound m : todo) {
            try {
                List<String> number = transport.deliver(session, List.of(m));
                store.delivered(agencyId, List.of(m), number);
                delivered++;
            } catch (DeliveryException.Permanent refused) {
                deadLetter(session, agencyId, m.original(), refused.getMessage(), 1);
                store.dead(agencyId, m.caseId(), m.sequence(), m.kind(), refused.getMessage());
                try (CaseMdc ignored = CaseMdc.of(m.caseId(), correlationId(m))) {
                    log.warn("Agency {} refused case {}: dead-lettered to {} ({})", agencyId, m.caseId(),
                            RoutingProperties.deadLetterQueue(agencyId), refused.getMessage());
                }
                meters.counter("gateway.agency.deliveries", "agency", agencyId, "outcome", "refused").increment();
            } catch (DeliveryException failure) {
                meters.counter("gateway.agency.deliveries", "agency", agencyId, "outcome", "delivered").increment(delivered);
                return failed(session, agencyId, breaker, List.of(m), failure);
            } catch (RuntimeException unexpected) {
                session.rollback();
                breaker.onFailure(millis.getAsLong());
                throw unexpected;
            }
        }
        session.commit();
        breaker.onSuccess(millis.getAsLong());
        meters.counter("gateway.agency.deliveries", "agency", agencyId, "outcome", "delivered").increment(delivered);
        return taken;
    }

    /** Records the messages as the agency's next batch file (a message no file can hold is dead-lettered), then commits. */
    private int stage(Session session, String agencyId, BatchingTransport batching, List<Outbound> todo, int taken) throws JMSException {
        try {
            List<Outbound> fit = new ArrayList<>();
            for (Outbound m : todo) {
                String refused = batching.check(m);
                if (refused == null) {
                    fit.add(m);
                    continue;
                }
                deadLetter(session, agencyId, m.original(), refused, 1);
                store.dead(agencyId, m.caseId(), m.sequence(), m.kind(), refused);
                log.warn("Case {} #{} cannot go to {}: dead-lettered to {} ({})", m.caseId(), m.sequence(), agencyId,
                        RoutingProperties.deadLetterQueue(agencyId), refused);
            }
            if (!fit.isEmpty()) {
                batching.stage(fit);
            }
            session.commit();
            return taken;
        } catch (RuntimeException e) {
            session.rollback();
            throw e;
        }
    }

    /** Rolls the batch back, counts the failure against {@code failing} (if it was theirs) and the agency's breaker; returns -1. */
    private int failed(Session session, String agencyId, AgencyBreaker breaker, List<Outbound> failing, DeliveryException failure)
            throws JMSException {
        session.rollback();
        boolean counted = failure instanceof DeliveryException.Transient;
        int attempts = store.failed(failing, failure.getMessage(), counted);
        long wait = breaker.onFailure(millis.getAsLong());
        String outcome = counted ? "failed" : "unavailable";
        meters.counter("gateway.agency.deliveries", "agency", agencyId, "outcome", outcome).increment(failing.size());
        log.warn("Delivery to {} failed ({}; {} consecutive, circuit {}), next try in {} ms{}: {}", agencyId, outcome,
                breaker.consecutiveFailures(), breaker.state(millis.getAsLong()), wait,
                counted ? " (attempt " + attempts + " of " + maxAttempts + ")" : "", failure.getMessage());
        return -1;
    }

    private static List<TextMessage> take(Session session, String queue, int size) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        try {
            List<TextMessage> taken = new ArrayList<>();
            Message message = consumer.receive(FIRST_MESSAGE_WAIT_MS);
            while (message != null) {
                if (message instanceof TextMessage text) {
                    taken.add(text);
                } else {
                    taken.add(null);
                }
                message = taken.size() < size ? consumer.receiveNoWait() : null;
            }
            taken.removeIf(m -> m == null);
            return taken;
        } finally {
            consumer.close();
        }
    }

    /**
     * The message's key and kind, read with a streaming parser that stops once it has them (they come first
     * in a feed message; building a tree of the whole claim only to read them was most of the worker's JSON time).
     */
    private static Optional<Outbound> read(TextMessage message) {
        try {
            String body = message.getText();
            String caseId = null;
            int sequence = 0;
            String kind = null;
            try (JsonParser parser = ApiJson.mapper().getFactory().createParser(body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return Optional.empty();
                }
                while ((caseId == null || sequence == 0 || kind == null) && parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    switch (field) {
                        case "caseId" -> caseId = parser.getValueAsString();
                        case "sequence" -> sequence = parser.getValueAsInt(0);
                        case "kind" -> kind = parser.getValueAsString();
                        default -> parser.skipChildren();
                    }
                }
            }
            if (caseId == null || sequence < 1 || kind == null) {
                return Optional.empty();
            }
            return Optional.of(new Outbound(caseId, sequence, kind, body, message));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private void deadLetter(Session session, String agencyId, TextMessage original, String reason, int attempts) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(RoutingProperties.deadLetterQueue(agencyId)));
        try {
            TextMessage copy = DeadLetterCopies.copy(session, original);
            copy.setStringProperty("deadLetterReason", DeadLetterCopies.shortReason(reason));
            copy.setIntProperty("deliveryAttempts", attempts);
            copy.setStringProperty("originalQueue", RoutingProperties.outboundQueue(agencyId));
            producer.send(copy);
        } finally {
            producer.close();
        }
        meters.counter("gateway.agency.deliveries", "agency", agencyId, "outcome", "dead-lettered").increment();
    }
}
