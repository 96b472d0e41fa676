package no.inkasso.gateway.returnpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.cases.CaseEvents;
import no.inkasso.gateway.cases.CaseState;
import no.inkasso.gateway.cases.TimeOrderedIds;
import no.inkasso.gateway.outbox.OutboxMessage;
import no.inkasso.gateway.outbox.OutboxStore;
import no.inkasso.gateway.returnpath.AgencyEventReader.Item;
import no.inkasso.gateway.returnpath.AgencyEventReader.ParsedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records agency events on their cases, whatever the transport: each event in its own database
 * transaction under the case's row lock — the event row, the case's new state and outstanding amount,
 * its history entry, the payment / settlement / question rows and the {@code ledger.feedback} CASE_EVENT
 * message (outbox) together. Events apply in the agency's sequence per case: one that arrives early is
 * held and applied when the gap is filled; a copy is recognised; an event the case's state does not
 * allow is stored as ILLEGAL with the reason (WARN, metric) and the sequence moves past it.
 */
@Service
public class AgencyEventRecorder {

    public static final String REFUSED_EVENT = "AGENCY_EVENT_REFUSED";
    static final String ACTOR_PREFIX = "agency:";
    /** agency_event_rejection.payload keeps at most this much of a refused body (the column's size). */
    static final int MAX_KEPT_CHARS = 1_000_000;
    private static final Logger log = LoggerFactory.getLogger(AgencyEventRecorder.class);

    /** How one event went: {@code status} is its HTTP-like code (201 recorded, 202 held, 200 duplicate, 409, 422). */
    public record Result(int index, String caseId, Integer sequence, Outcome outcome, int status, String eventId, String code,
                         String reason) {}

    public enum Outcome { RECORDED, HELD, DUPLICATE, REJECTED }

    /** The whole body: every event's result, or the body refused as a whole (stored under {@code rejectionId}). */
    public sealed interface Receipt {
        record Results(List<Result> results) implements Receipt {}

        record Malformed(String reason, String rejectionId) implements Receipt {}
    }

    private record Locked(String caseId, CaseState state, BigDecimal outstanding, String currency, int agencySequence,
                          String correlationId, String sourceSystem, String creditor, String invoiceNumber, String claimJson,
                          String agencyCaseNumber) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final OutboxStore outbox;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String ledgerFeedback;

    public AgencyEventRecorder(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, OutboxStore outbox, MeterRegistry meters,
                               Clock clock, GatewayProperties gateway) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.outbox = outbox;
        this.meters = meters;
        this.clock = clock;
        this.ledgerFeedback = gateway.queues().ledgerFeedback();
    }

    /** Records every event of {@code body} from {@code agencyId} (already authenticated) received over {@code channel}. */
    public Receipt receive(String agencyId, String channel, byte[] body) {
        AgencyEventReader.Body read = AgencyEventReader.read(body);
        if (read instanceof AgencyEventReader.Body.Malformed m) {
            String rejectionId = reject(agencyId, channel, null, null, "MALFORMED", m.reason(),
                    new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8));
            count(agencyId, "malformed");
            log.warn("Agency {} sent a body that is not agency events ({}): {}", agencyId, channel, m.reason());
            return new Receipt.Malformed(m.reason(), rejectionId);
        }
        List<Result> results = new ArrayList<>();
        for (Item item : ((AgencyEventReader.Body.Events) read).items()) {
            results.add(record(agencyId, channel, item));
        }
        return new Receipt.Results(results);
    }

    private Result record(String agencyId, String channel, Item item) {
        if (item instanceof Item.Invalid invalid) {
            reject(agencyId, channel, text(invalid.json(), "caseId"), invalid.json().path("sequence").isInt()
                    ? invalid.json().get("sequence").asInt() : null, "INVALID_EVENT", invalid.reason(), invalid.json().toString());
            count(agencyId, "invalid");
            return new Result(item.index(), text(invalid.json(), "caseId"), null, Outcome.REJECTED, 422, null, "invalid-event",
                    invalid.reason());
        }
        ParsedEvent event = ((Item.Good) item).event();
        Result result = transaction.execute(tx -> recordLocked(agencyId, channel, item.index(), event));
        count(agencyId, result.outcome().name().toLowerCase());
        return result;
    }

    private Result recordLocked(String agencyId, String channel, int index, ParsedEvent event) {
        Optional<Locked> found = lock(agencyId, event);
        String sha = sha256(event.json().toString());
        if (found.isEmpty()) {
            String reason = "agency " + agencyId + " has no case " + (event.caseId() != null ? event.caseId()
                    : "with its case number " + event.agencyCaseNumber());
            reject(agencyId, channel, event.caseId(), event.sequence(), "UNKNOWN_CASE", reason, event.json().toString());
            log.warn("Agency event refused: {}", reason);
            return new Result(index, event.caseId(), event.sequence(), Outcome.REJECTED, 422, null, "unknown-case", reason);
        }
        Locked c = found.get();
        var key = new MapSqlParameterSource("caseId", c.caseId()).addValue("seq", event.sequence());
        List<String[]> taken = jdbc.query("select event_id, content_sha256, status from agency_event where case_id = :caseId and agency_sequence = :seq",
                key, (rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        if (!taken.isEmpty()) {
            String[] first = taken.get(0);
            if (first[1].equals(sha)) {
                return new Result(index, c.caseId(), event.sequence(), Outcome.DUPLICATE, 200, first[0], "duplicate",
                        "sequence " + event.sequence() + " was taken before (" + first[2] + ")");
            }
            String reason = "sequence " + event.sequence() + " of case " + c.caseId() + " was taken before with other content (event "
                    + first[0] + ")";
            reject(agencyId, channel, c.caseId(), event.sequence(), "CONFLICT", reason, event.json().toString());
            log.warn("Agency event refused: {}", reason);
            return new Result(index, c.caseId(), event.sequence(), Outcome.REJECTED, 409, null, "sequence-conflict", reason);
        }
        if (event.sequence() <= c.agencySequence()) {
            // not possible while every sequence taken keeps its row; a safety net for rows removed by hand
            String reason = "sequence " + event.sequence() + " is older than the last applied (" + c.agencySequence() + ")";
            reject(agencyId, channel, c.caseId(), event.sequence(), "STALE", reason, event.json().toString());
            return new Result(index, c.caseId(), event.sequence(), Outcome.REJECTED, 409, null, "stale-sequence", reason);
        }
        String eventId = TimeOrderedIds.next();
        OffsetDateTime now = now();
        jdbc.update("""
                insert into agency_event (event_id, case_id, agency_id, agency_sequence, event_type, occurred_at, received_at, channel,
                    status, content_sha256, payload)
                values (:eventId, :caseId, :agency, :seq, :type, :occurred, :at, :channel, 'HELD', :sha, :payload)
                """, new MapSqlParameterSource(key.getValues()).addValue("eventId", eventId).addValue("agency", agencyId)
                .addValue("type", event.type().name()).addValue("occurred", event.occurredAt(), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE).addValue("channel", channel).addValue("sha", sha)
                .addValue("payload", event.json().toString()));
        if (event.sequence() > c.agencySequence() + 1) {
            log.info("Agency event {} #{} on case {} held until #{} arrives", event.type(), event.sequence(), c.caseId(),
                    c.agencySequence() + 1);
            return new Result(index, c.caseId(), event.sequence(), Outcome.HELD, 202, eventId, "held",
                    "held until sequence " + (c.agencySequence() + 1) + " arrives");
        }
        String refusal = apply(agencyId, c, eventId, event, now);
        Locked current = lock(agencyId, event).orElseThrow();
        // the events held behind this one, as far as the sequence is unbroken
        while (true) {
            int next = current.agencySequence() + 1;
            List<String[]> held = jdbc.query("""
                    select event_id, payload from agency_event where case_id = :caseId and agency_sequence = :seq and status = 'HELD'
                    """, new MapSqlParameterSource("caseId", c.caseId()).addValue("seq", next),
                    (rs, n) -> new String[] {rs.getString(1), rs.getString(2)});
            if (held.isEmpty()) {
                break;
            }
            AgencyEventReader.Body again = AgencyEventReader.read(held.get(0)[1].getBytes(StandardCharsets.UTF_8));
            Item item = ((AgencyEventReader.Body.Events) again).items().get(0);
            apply(agencyId, current, held.get(0)[0], ((Item.Good) item).event(), now);
            current = lock(agencyId, event).orElseThrow();
        }
        if (refusal != null) {
            return new Result(index, c.caseId(), event.sequence(), Outcome.REJECTED, 409, eventId, "illegal-transition", refusal);
        }
        return new Result(index, c.caseId(), event.sequence(), Outcome.RECORDED, 201, eventId, "recorded", null);
    }

    /** Applies the next event in sequence; returns null, or why the case's state refuses it. */
    private String apply(String agencyId, Locked c, String eventId, ParsedEvent event, OffsetDateTime now) {
        CaseLifecycle.Outcome outcome = CaseLifecycle.apply(c.state(), c.outstanding(), c.currency(), event.figures());
        var params = new MapSqlParameterSource("caseId", c.caseId()).addValue("eventId", eventId).addValue("seq", event.sequence())
                .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE);
        String actor = ACTOR_PREFIX + agencyId;
        if (outcome instanceof CaseLifecycle.Outcome.Illegal illegal) {
            jdbc.update("update agency_event set status = 'ILLEGAL', reason = :reason, recorded_at = :at where event_id = :eventId",
                    new MapSqlParameterSource(params.getValues()).addValue("reason", illegal.reason()));
            jdbc.update("update claim_case set agency_sequence = :seq, version = version + 1, updated_at = :at where case_id = :caseId",
                    params);
            CaseEvents.append(jdbc, c.caseId(), REFUSED_EVENT, now, actor, ApiJson.mapper().createObjectNode()
                    .put("eventId", eventId).put("type", event.type().name()).put("agencySequence", event.sequence())
                    .put("reason", illegal.reason()));
            meters.counter("gateway.agency.events.illegal", "agency", agencyId, "type", event.type().name()).increment();
            withCase(c, () -> log.warn("Agency event refused on case {}: {}", c.caseId(), illegal.reason()));
            return illegal.reason();
        }
        CaseLifecycle.Outcome.Applied applied = (CaseLifecycle.Outcome.Applied) outcome;
        String caseNumber = event.type() == AgencyEventType.REGISTERED ? event.details().get("agencyCaseNumber").asText()
                : c.agencyCaseNumber();
        jdbc.update("""
                update agency_event set status = 'APPLIED', recorded_at = :at, state_after = :state, outstanding_after = :outstanding
                where event_id = :eventId
                """, new MapSqlParameterSource(params.getValues()).addValue("state", applied.state().name())
                .addValue("outstanding", applied.outstanding()));
        jdbc.update("""
                update claim_case set state = :state, outstanding_amount = :outstanding, agency_sequence = :seq,
                    agency_case_number = :number, version = version + 1, updated_at = :at
                where case_id = :caseId
                """, new MapSqlParameterSource(params.getValues()).addValue("state", applied.state().name())
                .addValue("outstanding", applied.outstanding()).addValue("number", caseNumber));
        switch (event.type()) {
            case PAYMENT_RECEIVED -> jdbc.update("""
                    insert into agency_payment (event_id, case_id, agency_id, creditor_org, currency, paid_on, amount, principal,
                        outstanding_after, recorded_at)
                    values (:eventId, :caseId, :agency, :creditor, :currency, :paidOn, :amount, :principal, :outstanding, :at)
                    """, new MapSqlParameterSource(params.getValues()).addValue("agency", agencyId).addValue("creditor", c.creditor())
                    .addValue("currency", c.currency()).addValue("paidOn", event.paidOn())
                    .addValue("amount", event.figures().paymentAmount())
                    .addValue("principal", c.outstanding().subtract(applied.outstanding()))
                    .addValue("outstanding", applied.outstanding()));
            case SETTLEMENT -> {
                Remittance r = event.figures().remittance();
                jdbc.update("""
                        insert into agency_settlement (event_id, case_id, agency_id, creditor_org, currency, settled_on, paid, to_creditor,
                            interest, fees, vat, recorded_at)
                        values (:eventId, :caseId, :agency, :creditor, :currency, :settledOn, :paid, :toCreditor, :interest, :fees, :vat, :at)
                        """, new MapSqlParameterSource(params.getValues()).addValue("agency", agencyId).addValue("creditor", c.creditor())
                        .addValue("currency", r.currency()).addValue("settledOn", event.occurredAt().toLocalDate())
                        .addValue("paid", r.paid()).addValue("toCreditor", r.toCreditor()).addValue("interest", r.interest())
                        .addValue("fees", r.fees()).addValue("vat", r.vat()));
            }
            case AWAITING_CREDITOR_DECISION -> {
                JsonNode q = event.details().get("question");
                var question = new MapSqlParameterSource(params.getValues()).addValue("questionId", q.get("questionId").asText())
                        .addValue("kind", q.get("kind").asText()).addValue("text", q.get("text").asText());
                // the same question asked again (the agency reuses its id) is open again, with the latest wording
                int reopened = jdbc.update("""
                        update agency_question set event_id = :eventId, kind = :kind, text = :text, state = 'OPEN', asked_at = :at,
                            answer = null, answered_at = null, command_id = null
                        where case_id = :caseId and question_id = :questionId
                        """, question);
                if (reopened == 0) {
                    jdbc.update("""
                            insert into agency_question (case_id, question_id, event_id, kind, text, state, asked_at)
                            values (:caseId, :questionId, :eventId, :kind, :text, 'OPEN', :at)
                            """, question);
                }
            }
            default -> { }
        }
        ObjectNode detail = ApiJson.mapper().createObjectNode().put("eventId", eventId).put("agency", agencyId)
                .put("agencySequence", event.sequence()).put("occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.occurredAt()))
                .put("caseState", applied.state().name()).put("outstanding", applied.outstanding());
        detail.set("details", event.details());
        CaseEvents.append(jdbc, c.caseId(), "AGENCY_" + event.type().name(), now, actor, detail);
        outbox.add(List.of(OutboxMessage.of(ledgerFeedback, ledgerFeedback + ":event:" + eventId, c.caseId(), c.correlationId(),
                caseEventMessage(agencyId, c, caseNumber, eventId, event, applied, now))));
        withCase(c, () -> log.info("Agency event {} #{} recorded on case {}: {} , outstanding {}", event.type(), event.sequence(),
                c.caseId(), applied.state(), applied.outstanding()));
        return null;
    }

    private String caseEventMessage(String agencyId, Locked c, String caseNumber, String eventId, ParsedEvent event,
                                    CaseLifecycle.Outcome.Applied applied, OffsetDateTime now) {
        ObjectNode message = ApiJson.mapper().createObjectNode()
                .put("schema", "ledger.feedback/v1")
                .put("kind", "CASE_EVENT")
                .put("caseId", c.caseId())
                .put("correlationId", c.correlationId())
                .put("occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now))
                .put("sourceSystem", c.sourceSystem())
                .put("creditorOrgNumber", c.creditor())
                .put("invoiceNumber", c.invoiceNumber());
        String reference = ledgerReference(c.claimJson());
        if (reference != null) {
            message.put("ledgerReference", reference);
        }
        message.put("agencyId", agencyId);
        if (caseNumber != null) {
            message.put("agencyCaseNumber", caseNumber);
        }
        ObjectNode e = message.putObject("event").put("eventId", eventId).put("type", event.type().name())
                .put("agencySequence", event.sequence())
                .put("occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.occurredAt()))
                .put("caseState", applied.state().name());
        e.putObject("outstanding").put("amount", applied.outstanding()).put("currency", c.currency());
        e.set("details", event.details());
        return message.toString();
    }

    private static String ledgerReference(String claimJson) {
        try {
            JsonNode ref = ApiJson.mapper().readTree(claimJson).at("/source/reference");
            return ref.isTextual() ? ref.asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private Optional<Locked> lock(String agencyId, ParsedEvent event) {
        String where = event.caseId() != null ? "case_id = :caseId" : "agency_case_number = :number";
        return jdbc.query("""
                select case_id, state, outstanding_amount, currency, agency_sequence, correlation_id, source_system, creditor_org,
                    invoice_number, claim_json, agency_case_number
                from claim_case where agency_id = :agency and %s for update
                """.formatted(where), new MapSqlParameterSource("caseId", event.caseId()).addValue("number", event.agencyCaseNumber())
                .addValue("agency", agencyId), (rs, n) -> new Locked(rs.getString("case_id"), CaseState.valueOf(rs.getString("state")),
                rs.getBigDecimal("outstanding_amount"), rs.getString("currency"), rs.getInt("agency_sequence"),
                rs.getString("correlation_id"), rs.getString("source_system"), rs.getString("creditor_org"),
                rs.getString("invoice_number"), rs.getString("claim_json"), rs.getString("agency_case_number")))
                .stream().findFirst();
    }

    /** Keeps an input that could not be placed on a case, with the reason; returns its id. */
    private String reject(String agencyId, String channel, String caseId, Integer sequence, String code, String reason, String payload) {
        String id = TimeOrderedIds.next();
        jdbc.update("""
                insert into agency_event_rejection (rejection_id, agency_id, channel, case_id, agency_sequence, code, reason, payload,
                    received_at)
                values (:id, :agency, :channel, :caseId, :seq, :code, :reason, :payload, :at)
                """, new MapSqlParameterSource("id", id).addValue("agency", agencyId).addValue("channel", channel)
                .addValue("caseId", caseId != null && caseId.length() <= 36 ? caseId : null).addValue("seq", sequence)
                .addValue("code", code).addValue("reason", reason.length() > 2000 ? reason.substring(0, 2000) : reason)
                .addValue("payload", payload.length() > MAX_KEPT_CHARS ? payload.substring(0, MAX_KEPT_CHARS) : payload)
                .addValue("at", now(), Types.TIMESTAMP_WITH_TIMEZONE));
        return id;
    }

    private void count(String agencyId, String outcome) {
        meters.counter("gateway.agency.events", "agency", agencyId, "outcome", outcome).increment();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static void withCase(Locked c, Runnable logLine) {
        String previous = MDC.get("caseId");
        MDC.put("caseId", c.caseId());
        try {
            logLine.run();
        } finally {
            if (previous == null) {
                MDC.remove("caseId");
            } else {
                MDC.put("caseId", previous);
            }
        }
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asText() : null;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
