package no.inkasso.gateway.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import no.inkasso.gateway.cases.TimeOrderedIds;
import no.inkasso.gateway.outbox.OutboxMessage;
import no.inkasso.gateway.outbox.OutboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files ledger.feedback messages, a batch per database transaction: each message once (its identity
 * key), as a delivery row plus, for a ledger with a delivery, the outbox message to
 * {@code ledger.<source system>.outbound} in its words. Nothing is dropped: a message for a source
 * system without a delivery is HELD (and released when one is configured), one of a kind the return
 * path does not know is SKIPPED; both stay in the table, counted and logged.
 */
public class LedgerFeedbackFiler {

    private static final Logger log = LoggerFactory.getLogger(LedgerFeedbackFiler.class);

    private final LedgerDirectory directory;
    private final LedgerDeliveryStore store;
    private final OutboxStore outbox;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;

    public LedgerFeedbackFiler(LedgerDirectory directory, LedgerDeliveryStore store, OutboxStore outbox, TransactionTemplate transaction,
                               MeterRegistry meters) {
        this.directory = directory;
        this.store = store;
        this.outbox = outbox;
        this.transaction = transaction;
        this.meters = meters;
    }

    public void file(List<String> bodies) {
        List<Runnable> afterCommit = new ArrayList<>();
        transaction.executeWithoutResult(tx -> {
            List<OutboxMessage> next = new ArrayList<>();
            for (String body : bodies) {
                LedgerEvents.Feedback feedback = LedgerEvents.read(body);
                if (store.findByKey(feedback.key()).isPresent()) {
                    afterCommit.add(() -> count(feedback.sourceSystem(), "copy-skipped"));
                    continue;
                }
                String deliveryId = TimeOrderedIds.next();
                if (!feedback.known()) {
                    store.insert(new LedgerDeliveryStore.NewRow(deliveryId, feedback, LedgerDeliveryStore.State.SKIPPED, null, null, null,
                            "kind " + feedback.kind() + " is not known to the return path"));
                    afterCommit.add(() -> {
                        count(feedback.sourceSystem(), "skipped");
                        log.warn("ledger.feedback message of kind {} skipped (not a kind the return path knows); kept as ledger delivery {}",
                                feedback.kind(), deliveryId);
                    });
                    continue;
                }
                Optional<LedgerDirectory.Ledger> ledger = directory.ledger(feedback.sourceSystem());
                if (ledger.isEmpty() || ledger.get().delivery().isEmpty()) {
                    String why = feedback.sourceSystem() == null ? "the message names no source system"
                            : "no delivery configured for source system " + feedback.sourceSystem() + " (config/ledgers.yml)";
                    store.insert(new LedgerDeliveryStore.NewRow(deliveryId, feedback, LedgerDeliveryStore.State.HELD, null, null, null, why));
                    afterCommit.add(() -> {
                        count(feedback.sourceSystem(), "held");
                        log.warn("{} {} held (ledger delivery {}): {}", feedback.kind(), feedback.type(), deliveryId, why);
                    });
                    continue;
                }
                Queued queued = queue(deliveryId, feedback, ledger.get(), afterCommit);
                store.insert(new LedgerDeliveryStore.NewRow(deliveryId, feedback, LedgerDeliveryStore.State.QUEUED,
                        transport(ledger.get()), queued.mapping().status().code(), queued.mapping().mapped(), null));
                next.add(queued.message());
            }
            outbox.add(next);
        });
        afterCommit.forEach(Runnable::run);
    }

    /** Queues the HELD messages whose ledger now has a delivery; returns how many. */
    public int releaseHeld() {
        int released = 0;
        for (LedgerDeliveryStore.Row row : store.inState(LedgerDeliveryStore.State.HELD, 500)) {
            Optional<LedgerDirectory.Ledger> ledger = directory.ledger(row.sourceSystem());
            if (ledger.isEmpty() || ledger.get().delivery().isEmpty()) {
                continue;
            }
            List<Runnable> afterCommit = new ArrayList<>();
            Boolean done = transaction.execute(tx -> {
                LedgerEvents.Feedback feedback = LedgerEvents.read(row.feedback());
                Queued queued = queue(row.deliveryId(), feedback, ledger.get(), afterCommit);
                if (!store.release(row.deliveryId(), transport(ledger.get()), queued.mapping().status().code(), queued.mapping().mapped())) {
                    return false;
                }
                outbox.add(List.of(queued.message()));
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                afterCommit.forEach(Runnable::run);
                log.info("Held ledger delivery {} ({}) released to {}", row.deliveryId(), row.eventType(), row.sourceSystem());
                released++;
            }
        }
        return released;
    }

    private record Queued(OutboxMessage message, LedgerVocabulary.Mapping mapping) {}

    private Queued queue(String deliveryId, LedgerEvents.Feedback feedback, LedgerDirectory.Ledger ledger, List<Runnable> afterCommit) {
        LedgerEvents.Mapped mapped = LedgerEvents.toLedger(feedback, deliveryId, ledger.vocabulary());
        String system = ledger.sourceSystem();
        if (!mapped.mapping().mapped()) {
            afterCommit.add(() -> meters.counter("gateway.ledger.vocabulary.unmapped", "ledger", system, "type", feedback.type())
                    .increment());
        }
        afterCommit.add(() -> count(system, "queued"));
        String queue = LedgerProperties.outboundQueue(system);
        return new Queued(OutboxMessage.of(queue, queue + ":" + deliveryId, feedback.caseId(), feedback.correlationId(),
                LedgerEvents.write(mapped.event())), mapped.mapping());
    }

    private static String transport(LedgerDirectory.Ledger ledger) {
        return ledger.delivery().orElseThrow().transport().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void count(String system, String outcome) {
        meters.counter("gateway.ledger.deliveries", "ledger", system == null ? "none" : system, "outcome", outcome).increment();
    }
}
