package no.inkasso.gateway.eligibility.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.cases.CaseEvents;
import no.inkasso.gateway.cases.CaseState;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.eligibility.Decision;
import no.inkasso.gateway.eligibility.EligibilityRules;
import no.inkasso.gateway.eligibility.Verdict;
import no.inkasso.gateway.outbox.OutboxMessage;
import no.inkasso.gateway.outbox.OutboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides cases with the {@link EligibilityRules} and moves them on. One decision is one database
 * transaction: the case row is locked, the decision stored as an {@code ELIGIBILITY_DECIDED} event,
 * the state set (ELIGIBLE, WAITING with its re-check date, REJECTED, MANUAL_REVIEW), and the message
 * for the next stage written to the outbox ({@code cases.eligible}, or {@code ledger.feedback} for a
 * rejection or manual review). Nothing leaves before that commit; a waiting case is a row, so a
 * restart loses none.
 */
@Service("eligibilityService")
public class EligibilityService {

    public static final String ELIGIBILITY_DECIDED = "ELIGIBILITY_DECIDED";

    private static final Logger log = LoggerFactory.getLogger(EligibilityService.class);

    /** What asked for the decision; stored on the event. */
    public enum Trigger {
        RECEIVED,
        SCHEDULED_RECHECK,
        RECHECK_REQUEST,
        /** A credit note changed the amount of a case that was already decided. */
        CREDIT_NOTE,
        /** A payment from a bank file changed the amount of a case that was already decided. */
        PAYMENT
    }

    /** The result of asking for a decision. */
    public sealed interface Result {
        record Decided(String caseId, CaseState state, Decision decision, int eventSeq, String correlationId) implements Result {}

        /** The case is in a state a decision may not change (e.g. already eligible, or decided meanwhile). */
        record NotAllowed(String caseId, CaseState state) implements Result {}

        record NotFound(String caseId) implements Result {}
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final OutboxStore outbox;
    private final TransactionTemplate transaction;
    private final EligibilityRules rules;
    private final Clock clock;
    private final MeterRegistry meters;
    private final GatewayProperties.Queues queues;
    private final int recheckBatchSize;

    public EligibilityService(NamedParameterJdbcTemplate jdbc, OutboxStore outbox, TransactionTemplate transaction,
                              EligibilityRules rules, Clock clock, MeterRegistry meters, GatewayProperties properties) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transaction = transaction;
        this.rules = rules;
        this.clock = clock;
        this.meters = meters;
        this.queues = properties.queues();
        this.recheckBatchSize = properties.eligibility().recheckBatchSize();
    }

    /**
     * Decides the cases named in a batch of {@code claims.received} messages, in one database
     * transaction; a case decided already (a redelivered message, or a recheck that came first) is
     * left alone. A message naming no stored case fails the whole batch, so the caller can isolate it.
     */
    public void decideReceived(List<String> messages) {
        List<Result> results = transaction.execute(tx -> {
            List<Result> decided = new java.util.ArrayList<>();
            List<OutboxMessage> next = new java.util.ArrayList<>();
            for (String message : messages) {
                String caseId = caseIdOf(message);
                Result result = decideLocked(caseId, Trigger.RECEIVED, "eligibility", state -> state == CaseState.RECEIVED, next);
                if (result instanceof Result.NotFound) {
                    throw new IllegalStateException("claims.received message for case " + caseId + ", which is not stored");
                }
                decided.add(result);
            }
            outbox.add(next);
            return decided;
        });
        for (Result result : results) {
            if (result instanceof Result.Decided d) {
                record(d);
            } else if (result instanceof Result.NotAllowed skipped) {
                log.info("Case {} is already {}; claims.received message ignored", skipped.caseId(), skipped.state());
            }
        }
    }

    /** Decides again now, on request (a ledger or operations), from any state a decision may change. */
    public Result recheck(String caseId, String actor) {
        return decide(caseId, Trigger.RECHECK_REQUEST, actor, CaseState::mayBeRechecked);
    }

    /**
     * Decides again after a credit note reduced the case's amount (it may now be below an agency's
     * minimum, or no longer disagree): from any state a recheck may change, except RECEIVED, whose
     * first decision is still to come and reads the reduced amount anyway.
     */
    public Result redecideAfterCredit(String caseId, String actor) {
        return decide(caseId, Trigger.CREDIT_NOTE, actor, state -> state != CaseState.RECEIVED && state.mayBeRechecked());
    }

    /** Decides again after a payment lowered the case's amount, from the same states as after a credit note. */
    public Result redecideAfterPayment(String caseId, String actor) {
        return decide(caseId, Trigger.PAYMENT, actor, state -> state != CaseState.RECEIVED && state.mayBeRechecked());
    }

    /** Re-checks waiting cases whose date has come, each in its own transaction; returns how many. */
    public int recheckDue() {
        LocalDate today = LocalDate.now(clock);
        int done = 0;
        List<String> due;
        do {
            due = jdbc.queryForList("""
                    select case_id from claim_case where state = :state and recheck_on <= :today
                    order by recheck_on, case_id limit :limit
                    """, new MapSqlParameterSource()
                    .addValue("state", CaseState.WAITING.name())
                    .addValue("today", today)
                    .addValue("limit", recheckBatchSize), String.class);
            for (String caseId : due) {
                // A case decided since the query (a recheck request) is left alone.
                // A NOT_YET decision's date is always after its as-of date, so a case never comes back the same day.
                decide(caseId, Trigger.SCHEDULED_RECHECK, "eligibility", state -> state == CaseState.WAITING);
                done++;
            }
        } while (due.size() == recheckBatchSize);
        return done;
    }

    private Result decide(String caseId, Trigger trigger, String actor, java.util.function.Predicate<CaseState> allowed) {
        Result result = transaction.execute(tx -> {
            List<OutboxMessage> next = new java.util.ArrayList<>();
            Result r = decideLocked(caseId, trigger, actor, allowed, next);
            outbox.add(next);
            return r;
        });
        if (result instanceof Result.Decided d) {
            record(d);
        }
        return result;
    }

    private record Locked(CaseState state, String claimJson, String correlationId, String sourceSystem, String creditor,
                          String invoiceNumber) {}

    /** Decides one case under its row lock; the message for the next stage is added to {@code next}, for the caller to store. */
    private Result decideLocked(String caseId, Trigger trigger, String actor, java.util.function.Predicate<CaseState> allowed,
                                List<OutboxMessage> next) {
        var params = new MapSqlParameterSource("caseId", caseId);
        Optional<Locked> row = jdbc.query("""
                select state, claim_json, correlation_id, source_system, creditor_org, invoice_number
                from claim_case where case_id = :caseId for update
                """, params, (rs, n) -> new Locked(CaseState.valueOf(rs.getString("state")), rs.getString("claim_json"),
                rs.getString("correlation_id"), rs.getString("source_system"), rs.getString("creditor_org"),
                rs.getString("invoice_number"))).stream().findFirst();
        if (row.isEmpty()) {
            return new Result.NotFound(caseId);
        }
        Locked c = row.get();
        if (!allowed.test(c.state())) {
            return new Result.NotAllowed(caseId, c.state());
        }
        Claim claim = ClaimReader.fromCanonicalJson(c.claimJson());
        LocalDate today = LocalDate.now(clock);
        Decision decision = rules.decide(claim, today);
        CaseState nextState = switch (decision.verdict()) {
            case ELIGIBLE -> CaseState.ELIGIBLE;
            case NOT_YET -> CaseState.WAITING;
            case REJECTED -> CaseState.REJECTED;
            case MANUAL_REVIEW -> CaseState.MANUAL_REVIEW;
        };
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        ObjectNode detail = ApiJson.mapper().createObjectNode().put("trigger", trigger.name());
        detail.set("decision", ApiJson.mapper().valueToTree(decision));
        int seq = CaseEvents.append(jdbc, caseId, ELIGIBILITY_DECIDED, now, actor, detail);
        jdbc.update("""
                update claim_case set state = :state, recheck_on = :recheck, agency_id = :agency, decided_at = :at,
                    version = version + 1, updated_at = :at
                where case_id = :caseId
                """, new MapSqlParameterSource()
                .addValue("caseId", caseId)
                .addValue("state", nextState.name())
                .addValue("recheck", decision.verdict() == Verdict.NOT_YET ? decision.eligibleFrom() : null)
                .addValue("agency", decision.agency())
                .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
        if (nextState == CaseState.ELIGIBLE) {
            next.add(OutboxMessage.of(queues.casesEligible(), queues.casesEligible() + ":" + caseId + ":" + seq, caseId,
                    c.correlationId(), casesEligibleMessage(caseId, c, decision, now)));
        } else if (nextState == CaseState.REJECTED || nextState == CaseState.MANUAL_REVIEW) {
            next.add(OutboxMessage.of(queues.ledgerFeedback(), queues.ledgerFeedback() + ":" + caseId + ":" + seq, caseId,
                    c.correlationId(), ledgerFeedbackMessage(caseId, c, claim, decision, now)));
        }
        return new Result.Decided(caseId, nextState, decision, seq, c.correlationId());
    }

    private static String casesEligibleMessage(String caseId, Locked c, Decision decision, OffsetDateTime at) {
        ObjectNode message = ApiJson.mapper().createObjectNode()
                .put("schema", "cases.eligible/v1")
                .put("caseId", caseId)
                .put("correlationId", c.correlationId())
                .put("decidedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at))
                .put("agency", decision.agency());
        message.set("decision", ApiJson.mapper().valueToTree(decision));
        message.putRawValue("claim", new RawValue(c.claimJson()));
        return message.toString();
    }

    private static String ledgerFeedbackMessage(String caseId, Locked c, Claim claim, Decision decision, OffsetDateTime at) {
        ObjectNode message = ApiJson.mapper().createObjectNode()
                .put("schema", "ledger.feedback/v1")
                .put("kind", decision.verdict() == Verdict.REJECTED ? "ELIGIBILITY_REJECTED" : "ELIGIBILITY_MANUAL_REVIEW")
                .put("caseId", caseId)
                .put("correlationId", c.correlationId())
                .put("occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at))
                .put("sourceSystem", c.sourceSystem())
                .put("creditorOrgNumber", c.creditor())
                .put("invoiceNumber", c.invoiceNumber());
        if (claim.getSource().getReference() != null) {
            message.put("ledgerReference", claim.getSource().getReference());
        }
        message.set("decision", ApiJson.mapper().valueToTree(decision));
        return message.toString();
    }

    private void record(Result.Decided d) {
        Decision decision = d.decision();
        String reason = decision.reasonCodes().isEmpty() ? "none" : decision.reasonCodes().get(0);
        meters.counter("gateway.eligibility.decisions", "verdict", decision.verdict().name(), "reason", reason).increment();
        String previousCase = MDC.get("caseId");
        String previousCorrelation = MDC.get("correlationId");
        MDC.put("caseId", d.caseId());
        MDC.put("correlationId", d.correlationId());
        try {
            log.info("Eligibility decided: {}", decision.summary());
        } finally {
            restore("caseId", previousCase);
            restore("correlationId", previousCorrelation);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private static String caseIdOf(String message) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("claims.received message without a text body");
        }
        try {
            JsonNode node = ApiJson.mapper().readTree(message);
            JsonNode id = node == null ? null : node.get("caseId");
            if (id == null || !id.isTextual()) {
                throw new IllegalArgumentException("claims.received message without a caseId");
            }
            return id.asText();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claims.received message is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
