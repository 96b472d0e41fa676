package no.inkasso.gateway.intake;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.cases.CaseStore;
import no.inkasso.gateway.cases.Channel;
import no.inkasso.gateway.cases.ClaimKey;
import no.inkasso.gateway.cases.ExistingCase;
import no.inkasso.gateway.cases.NewCase;
import no.inkasso.gateway.cases.TimeOrderedIds;
import no.inkasso.gateway.claims.ClaimReading;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.outbox.OutboxMessage;
import no.inkasso.gateway.outbox.OutboxStore;
import no.inkasso.gateway.security.GatewayClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts valid claims from any channel: checks the client may submit them, recognises
 * duplicates and conflicting resubmissions, and stores new cases together with their
 * {@code claims.received} messages in one transaction. When it returns, the cases are durable.
 */
@Service
public class ClaimIntake {

    private static final Logger log = LoggerFactory.getLogger(ClaimIntake.class);

    /** A valid claim to submit; {@code index} is its position in the request or file. */
    public record Submission(int index, ClaimReading.Valid reading, String correlationId) {}

    public sealed interface Outcome {
        int index();

        record Created(int index, String caseId) implements Outcome {}

        record Duplicate(int index, String caseId) implements Outcome {}

        record Conflict(int index, String caseId) implements Outcome {}

        record Forbidden(int index, String reason) implements Outcome {}
    }

    private final CaseStore cases;
    private final OutboxStore outbox;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String claimsReceivedQueue;
    private final List<NewCaseListener> listeners;

    public ClaimIntake(CaseStore cases, OutboxStore outbox, TransactionTemplate transaction, MeterRegistry meters,
                       Clock clock, GatewayProperties properties, ObjectProvider<NewCaseListener> listeners) {
        this.listeners = listeners.orderedStream().toList();
        this.cases = cases;
        this.outbox = outbox;
        this.transaction = transaction;
        this.meters = meters;
        this.clock = clock;
        this.claimsReceivedQueue = properties.queues().claimsReceived();
    }

    public List<Outcome> submit(List<Submission> submissions, GatewayClient client, Channel channel) {
        List<Outcome> outcomes;
        try {
            outcomes = transaction.execute(tx -> store(submissions, client, channel));
        } catch (DuplicateKeyException raced) {
            // Another request stored one of these keys between our lookup and insert: look again.
            outcomes = transaction.execute(tx -> store(submissions, client, channel));
        }
        record(outcomes, submissions, channel);
        return outcomes;
    }

    private List<Outcome> store(List<Submission> submissions, GatewayClient client, Channel channel) {
        Map<Integer, Outcome> outcomes = new LinkedHashMap<>();
        Map<ClaimKey, Submission> allowed = new LinkedHashMap<>();
        List<ClaimKey> keys = new ArrayList<>();
        for (Submission s : submissions) {
            Claim claim = s.reading().claim();
            ClaimKey key = keyOf(claim);
            if (!client.maySubmitFor(key.sourceSystem(), key.creditorOrg())) {
                outcomes.put(s.index(), new Outcome.Forbidden(s.index(), forbiddenReason(client, key)));
            } else {
                keys.add(key);
            }
        }
        Map<ClaimKey, ExistingCase> known = new HashMap<>(cases.findByKeys(keys));
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<NewCase> created = new ArrayList<>();
        List<OutboxMessage> messages = new ArrayList<>();
        for (Submission s : submissions) {
            if (outcomes.containsKey(s.index())) {
                continue;
            }
            Claim claim = s.reading().claim();
            ClaimKey key = keyOf(claim);
            ExistingCase existing = known.get(key);
            if (existing != null) {
                outcomes.put(s.index(), existing.contentSha256().equals(s.reading().sha256())
                        ? new Outcome.Duplicate(s.index(), existing.caseId())
                        : new Outcome.Conflict(s.index(), existing.caseId()));
                continue;
            }
            String caseId = TimeOrderedIds.next();
            created.add(new NewCase(caseId, key, channel, client.id(), s.correlationId(), claim.getInvoice().getCurrency(),
                    claim.getInvoice().getOutstandingAmount(), claim.getInvoice().getDueDate(), claim.getDebtor().getCountry(),
                    s.reading().sha256(), s.reading().canonicalJson(), now, paymentReference(claim)));
            messages.add(OutboxMessage.of(claimsReceivedQueue, claimsReceivedQueue + ":" + caseId, caseId, s.correlationId(),
                    claimsReceivedMessage(caseId, key, s, channel, now)));
            known.put(key, new ExistingCase(caseId, s.reading().sha256()));
            outcomes.put(s.index(), new Outcome.Created(s.index(), caseId));
        }
        cases.insert(created);
        outbox.add(messages);
        for (NewCaseListener listener : listeners) {
            listener.created(created, client.id());
        }
        return submissions.stream().map(s -> outcomes.get(s.index())).toList();
    }

    private void record(List<Outcome> outcomes, List<Submission> submissions, Channel channel) {
        Map<Integer, Submission> byIndex = new HashMap<>();
        submissions.forEach(s -> byIndex.put(s.index(), s));
        for (Outcome outcome : outcomes) {
            String kind = outcome.getClass().getSimpleName().toLowerCase();
            meters.counter("gateway.claims.received", "channel", channel.name(), "outcome", kind).increment();
            if (outcome instanceof Outcome.Created created) {
                Submission s = byIndex.get(outcome.index());
                // Each claim's line carries its own correlation id; the request's is restored after.
                String requestCorrelationId = MDC.get("correlationId");
                MDC.put("correlationId", s.correlationId());
                MDC.put("caseId", created.caseId());
                try {
                    Claim claim = s.reading().claim();
                    log.info("Claim received: invoice {} of creditor {} from {}", claim.getInvoice().getNumber(),
                            claim.getCreditor().getOrgNumber(), claim.getSource().getSystem());
                } finally {
                    MDC.remove("caseId");
                    if (requestCorrelationId == null) {
                        MDC.remove("correlationId");
                    } else {
                        MDC.put("correlationId", requestCorrelationId);
                    }
                }
            }
        }
    }

    static ClaimKey keyOf(Claim claim) {
        return new ClaimKey(claim.getSource().getSystem(), claim.getCreditor().getOrgNumber(), claim.getInvoice().getNumber());
    }

    private static String forbiddenReason(GatewayClient client, ClaimKey key) {
        if (!client.sourceSystems().contains(key.sourceSystem())) {
            return "client " + client.id() + " may not submit claims for source system " + key.sourceSystem();
        }
        return "client " + client.id() + " may not submit claims for creditor " + key.creditorOrg();
    }

    /** A claim check (schemas/messages/claims-received-v2): the case store holds the claim itself. */
    static String claimsReceivedMessage(String caseId, ClaimKey key, Submission s, Channel channel, OffsetDateTime at) {
        // Written directly rather than through a tree: one per claim, a million for a large file.
        StringBuilder json = new StringBuilder(384).append("{\"schema\":\"claims.received/v2\",\"caseId\":");
        quoted(json, caseId).append(",\"correlationId\":");
        quoted(json, s.correlationId()).append(",\"receivedVia\":");
        quoted(json, channel.name()).append(",\"receivedAt\":");
        quoted(json, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at)).append(",\"claimKey\":{\"sourceSystem\":");
        quoted(json, key.sourceSystem()).append(",\"creditorOrg\":");
        quoted(json, key.creditorOrg()).append(",\"invoiceNumber\":");
        quoted(json, key.invoiceNumber()).append("},\"contentSha256\":");
        return quoted(json, s.reading().sha256()).append('}').toString();
    }

    private static StringBuilder quoted(StringBuilder json, String value) {
        if (value == null) {
            return json.append("null");
        }
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, json);
        return json.append('"');
    }

    /** The claim's KID as payments quote it (no surrounding space), or null. */
    static String paymentReference(Claim claim) {
        String kid = claim.getInvoice().getKid();
        return kid == null || kid.isBlank() ? null : kid.strip();
    }
}
