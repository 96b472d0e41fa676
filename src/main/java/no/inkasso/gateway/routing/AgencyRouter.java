package no.inkasso.gateway.routing;

import no.inkasso.gateway.cases.CaseEvents;
import no.inkasso.gateway.cases.CaseMdc;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.cases.CaseState;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.eligibility.Agreement;
import no.inkasso.gateway.eligibility.Decision;
import no.inkasso.gateway.eligibility.EligibilityRules;
import no.inkasso.gateway.feed.CaseFeedCodec;
import no.inkasso.gateway.feed.CaseFeedMapper;
import no.inkasso.gateway.feed.model.CaseFeedMessage;
import no.inkasso.gateway.outbox.OutboxMessage;
import no.inkasso.gateway.outbox.OutboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each eligible case to its agency's outbound queue. Under the case row lock, in one database
 * transaction: the agency is the one the creditor's agreement names on the routing day; the NEW_CASE
 * feed message is recorded as delivery (case, 1), the case becomes ROUTED, and the message goes to the
 * outbox for {@code agency.<id>.outbound}. A case already routed is left alone (a redelivered
 * message), so it is never sent twice; it stays with the agency it went to whatever later agreements say.
 * <ul>
 * <li>No agreement in force, or the agency has no delivery configured: the case is held as NO_AGENCY
 * (event ROUTING_HELD with the reason, WARN, metric) and routed again by {@link #retryHeld()}.</li>
 * <li>The agreement in force names another agency than the decision (the creditor moved on a date between
 * decision and routing): the amounts were computed under the other agency's terms, so the case is sent
 * back to eligibility (RECEIVED, event AGENCY_CHANGED, claims.received) and decided for the new agency.</li>
 * </ul>
 */
@Service("agencyRouter")
public class AgencyRouter {

    public static final String ROUTED_TO_AGENCY = "ROUTED_TO_AGENCY";
    public static final String ROUTING_HELD = "ROUTING_HELD";
    public static final String AGENCY_CHANGED = "AGENCY_CHANGED";
    static final String ACTOR = "agency-routing";

    private static final Logger log = LoggerFactory.getLogger(AgencyRouter.class);
    /** Decisions are records: read with Jackson's defaults (the edge mapper sees fields only). */
    private static final ObjectMapper RECORDS = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // the edge mapper leaves empty lists out
            .withConfigOverride(List.class, o -> o.setSetterInfo(com.fasterxml.jackson.annotation.JsonSetter.Value.forValueNulls(
                    com.fasterxml.jackson.annotation.Nulls.AS_EMPTY)))
            .build();

    /** What routing did with one case. */
    public enum Outcome {
        ROUTED,
        HELD,
        REDECIDE,
        SKIPPED
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final OutboxStore outbox;
    private final TransactionTemplate transaction;
    private final EligibilityRules rules;
    private final AgencyDirectory agencies;
    private final Clock clock;
    private final MeterRegistry meters;
    private final GatewayProperties.Queues queues;

    public AgencyRouter(NamedParameterJdbcTemplate jdbc, OutboxStore outbox, TransactionTemplate transaction, EligibilityRules rules,
                        AgencyDirectory agencies, Clock clock, MeterRegistry meters, GatewayProperties properties) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transaction = transaction;
        this.rules = rules;
        this.agencies = agencies;
        this.clock = clock;
        this.meters = meters;
        this.queues = properties.queues();
        Gauge.builder("gateway.routing.held.cases", this, AgencyRouter::heldCount)
                .description("Eligible cases no agency can take now (state NO_AGENCY)")
                .register(meters);
    }

    /**
     * Routes the cases named by a batch of {@code cases.eligible} messages in one database transaction:
     * the cases' rows locked and read, and their decisions read, with one statement each; the rows of
     * the cases routed written in batches. A message naming no stored case fails the batch, so the
     * caller can isolate it (and dead-letter it).
     */
    public List<Outcome> routeEligible(List<String> messages) {
        List<String> caseIds = messages.stream().map(AgencyRouter::caseIdOf).toList();
        List<Outcome> outcomes = transaction.execute(tx -> route(caseIds));
        for (Outcome outcome : outcomes) {
            meters.counter("gateway.routing.cases", "outcome", outcome.name()).increment();
        }
        return outcomes;
    }

    /** Routes again the cases held in NO_AGENCY (an agreement or a delivery configured since); returns how many went on. */
    public int retryHeld() {
        List<String> held = jdbc.queryForList("select case_id from claim_case where state = :state order by case_id limit 500",
                new MapSqlParameterSource("state", CaseState.NO_AGENCY.name()), String.class);
        int moved = 0;
        for (String caseId : held) {
            Outcome outcome = transaction.execute(tx -> route(List.of(caseId))).get(0);
            if (outcome != Outcome.HELD) {
                moved++;
            }
        }
        return moved;
    }

    private record Locked(CaseState state, String claimJson, String correlationId, String creditor, String debtorCountry,
                          String receivedVia, OffsetDateTime createdAt, String sourceSystem, String invoiceNumber, String contentSha256) {}

    /** What a batch writes after its cases are decided: delivery rows, case states, events and outbox messages. */
    private final class Writes {
        final CaseEvents.Batch events;
        final List<MapSqlParameterSource> deliveries = new ArrayList<>();
        final List<MapSqlParameterSource> routed = new ArrayList<>();
        final List<String> routedIds = new ArrayList<>();
        final List<OutboxMessage> outbox = new ArrayList<>();

        Writes(Collection<String> caseIds) {
            events = CaseEvents.batch(jdbc, caseIds);
        }

        void write() {
            if (!deliveries.isEmpty()) {
                jdbc.batchUpdate("""
                        insert into agency_delivery (case_id, seq, kind, agency_id, state, attempts, payload, created_at)
                        values (:caseId, :seq, :kind, :agency, :state, 0, :payload, :at)
                        """, deliveries.toArray(MapSqlParameterSource[]::new));
                jdbc.batchUpdate(SET_STATE, routed.toArray(MapSqlParameterSource[]::new));
                // Credits booked while the case waited for routing are in the NEW_CASE's claim (its payments) already.
                for (int from = 0; from < routedIds.size(); from += IDS_PER_QUERY) {
                    jdbc.update("update case_command set state = 'WITH_NEW_CASE' where case_id in (:ids) and state = 'PENDING'",
                            new MapSqlParameterSource("ids", routedIds.subList(from, Math.min(routedIds.size(), from + IDS_PER_QUERY))));
                }
            }
            events.write();
            AgencyRouter.this.outbox.add(outbox);
        }
    }

    private static final int IDS_PER_QUERY = 1000;

    private static final String SET_STATE = """
            update claim_case set state = :state, agency_id = coalesce(:agency, agency_id), version = version + 1, updated_at = :at
            where case_id = :caseId
            """;

    /** Routes {@code caseIds} (in the caller's transaction); a case named twice is routed once and then SKIPPED. */
    private List<Outcome> route(List<String> caseIds) {
        Map<String, Locked> rows = lock(caseIds);
        Map<String, Decision> decisions = latestDecisions(rows);
        Writes writes = new Writes(rows.keySet());
        List<Outcome> done = new ArrayList<>(caseIds.size());
        Set<String> seen = new HashSet<>();
        LocalDate today = LocalDate.now(clock);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        for (String caseId : caseIds) {
            try (CaseMdc ignored = CaseMdc.of(caseId, null)) {
                Locked c = rows.get(caseId);
                if (c == null) {
                    throw new IllegalStateException("cases.eligible message for case " + caseId + ", which is not stored");
                }
                CaseMdc.correlation(c.correlationId());
                if (!seen.add(caseId)) {
                    log.info("Case {} named twice in one batch; routed once", caseId);
                    done.add(Outcome.SKIPPED);
                    continue;
                }
                done.add(routeLocked(caseId, c, decisions.get(caseId), today, now, writes));
            }
        }
        writes.write();
        return done;
    }

    /** Locks and reads the cases' rows, in case id order (every batch locks in the same order). */
    private Map<String, Locked> lock(List<String> caseIds) {
        List<String> ids = new ArrayList<>(new TreeSet<>(caseIds));
        Map<String, Locked> rows = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            jdbc.query("""
                    select case_id, state, claim_json, correlation_id, creditor_org, debtor_country, received_via, created_at,
                        source_system, invoice_number, content_sha256
                    from claim_case where case_id in (:ids) order by case_id for update
                    """, new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))), rs -> {
                rows.put(rs.getString("case_id"), new Locked(CaseState.valueOf(rs.getString("state")),
                        rs.getString("claim_json"), rs.getString("correlation_id"), rs.getString("creditor_org"),
                        rs.getString("debtor_country"), rs.getString("received_via"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getString("source_system"), rs.getString("invoice_number"), rs.getString("content_sha256")));
            });
        }
        return rows;
    }

    private Outcome routeLocked(String caseId, Locked c, Decision decision, LocalDate today, OffsetDateTime now, Writes writes) {
        if (c.state() != CaseState.ELIGIBLE && c.state() != CaseState.NO_AGENCY) {
            log.info("Case {} is {}; not routed again", caseId, c.state());
            return Outcome.SKIPPED;
        }
        if (decision == null) {
            throw new IllegalStateException("case " + caseId + " is eligible but has no ELIGIBILITY_DECIDED event");
        }
        Claim claim = ClaimReader.fromCanonicalJson(c.claimJson());
        Optional<Agreement> agreement = rules.book().agreementFor(c.creditor(), c.debtorCountry(), claim.getClaimType(),
                claim.getInvoice().getOutstandingAmount(), today);
        if (agreement.isEmpty()) {
            return hold(caseId, c, "no agreement of creditor " + c.creditor() + " in force on " + today + " covers debtor country "
                    + c.debtorCountry() + " and claim type " + claim.getClaimType(), now, writes);
        }
        String agencyId = agreement.get().agency();
        if (!agencyId.equals(decision.agency())) {
            return redecide(caseId, c, decision.agency(), agencyId, today, now, writes);
        }
        if (agencies.delivery(agencyId).isEmpty()) {
            return hold(caseId, c, "agency " + agencyId + " has no delivery configured (agencies.yml)", now, writes);
        }
        CaseFeedMessage message = CaseFeedMapper.newCase(caseId, agencyId, c.correlationId(), claim, decision, now);
        String json = CaseFeedCodec.toJson(message);
        writes.deliveries.add(new MapSqlParameterSource()
                .addValue("caseId", caseId)
                .addValue("seq", CaseFeedMapper.NEW_CASE_SEQUENCE)
                .addValue("kind", message.getKind().name())
                .addValue("agency", agencyId)
                .addValue("state", DeliveryState.QUEUED.name())
                .addValue("payload", json)
                .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
        writes.routed.add(stateChange(caseId, CaseState.ROUTED, agencyId, now));
        writes.routedIds.add(caseId);
        String queue = RoutingProperties.outboundQueue(agencyId);
        writes.events.add(caseId, ROUTED_TO_AGENCY, now, ACTOR, ApiJson.mapper().createObjectNode()
                .put("agency", agencyId).put("sequence", CaseFeedMapper.NEW_CASE_SEQUENCE).put("queue", queue));
        writes.outbox.add(OutboxMessage.of(queue, queue + ":" + caseId + ":" + CaseFeedMapper.NEW_CASE_SEQUENCE, caseId,
                c.correlationId(), json));
        return Outcome.ROUTED;
    }

    private Outcome hold(String caseId, Locked c, String reason, OffsetDateTime now, Writes writes) {
        if (c.state() == CaseState.NO_AGENCY) {
            return Outcome.HELD;
        }
        jdbc.update(SET_STATE, stateChange(caseId, CaseState.NO_AGENCY, null, now));
        writes.events.add(caseId, ROUTING_HELD, now, ACTOR, ApiJson.mapper().createObjectNode().put("reason", reason));
        log.warn("Case {} held, no agency can take it: {} (state NO_AGENCY; routed again every gateway.routing.held-retry-period-ms)",
                caseId, reason);
        meters.counter("gateway.routing.held").increment();
        return Outcome.HELD;
    }

    private Outcome redecide(String caseId, Locked c, String decidedFor, String agencyNow, LocalDate today, OffsetDateTime now,
                             Writes writes) {
        jdbc.update("""
                update claim_case set state = :state, agency_id = null, version = version + 1, updated_at = :at where case_id = :caseId
                """, new MapSqlParameterSource().addValue("caseId", caseId).addValue("state", CaseState.RECEIVED.name())
                .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
        int seq = writes.events.add(caseId, AGENCY_CHANGED, now, ACTOR, ApiJson.mapper().createObjectNode()
                .put("decidedFor", decidedFor).put("agreementNow", agencyNow).put("asOf", today.toString()));
        // the same claim check as at intake (schemas/messages/claims-received-v2)
        ObjectNode received = ApiJson.mapper().createObjectNode()
                .put("schema", "claims.received/v2")
                .put("caseId", caseId)
                .put("correlationId", c.correlationId())
                .put("receivedVia", c.receivedVia())
                .put("receivedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(c.createdAt()));
        received.putObject("claimKey").put("sourceSystem", c.sourceSystem()).put("creditorOrg", c.creditor())
                .put("invoiceNumber", c.invoiceNumber());
        received.put("contentSha256", c.contentSha256());
        writes.outbox.add(OutboxMessage.of(queues.claimsReceived(), queues.claimsReceived() + ":" + caseId + ":" + seq, caseId,
                c.correlationId(), received.toString()));
        log.info("Case {} was decided for agency {}, but creditor {}'s agreement on {} names {}: decided again", caseId, decidedFor,
                c.creditor(), today, agencyNow);
        return Outcome.REDECIDE;
    }

    private static MapSqlParameterSource stateChange(String caseId, CaseState state, String agencyId, OffsetDateTime now) {
        return new MapSqlParameterSource()
                .addValue("caseId", caseId)
                .addValue("state", state.name())
                .addValue("agency", agencyId)
                .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE);
    }

    /** The latest ELIGIBILITY_DECIDED of each case that may be routed (ELIGIBLE or NO_AGENCY), read in one statement. */
    private Map<String, Decision> latestDecisions(Map<String, Locked> rows) {
        List<String> ids = rows.entrySet().stream()
                .filter(e -> e.getValue().state() == CaseState.ELIGIBLE || e.getValue().state() == CaseState.NO_AGENCY)
                .map(Map.Entry::getKey).sorted().toList();
        Map<String, Integer> latestSeq = new HashMap<>();
        Map<String, String> latest = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            jdbc.query("""
                    select case_id, seq, detail_json from case_event where case_id in (:ids) and event_type = 'ELIGIBILITY_DECIDED'
                    """, new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))), rs -> {
                String caseId = rs.getString(1);
                int seq = rs.getInt(2);
                if (latestSeq.getOrDefault(caseId, Integer.MIN_VALUE) < seq) {
                    latestSeq.put(caseId, seq);
                    latest.put(caseId, rs.getString(3));
                }
            });
        }
        Map<String, Decision> decisions = new HashMap<>();
        latest.forEach((caseId, detail) -> {
            try {
                decisions.put(caseId, readDecision(detail));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("case " + caseId + ": stored decision unreadable: " + e.getOriginalMessage(), e);
            }
        });
        return decisions;
    }

    /** The event detail {@code {trigger, decision}} as the eligibility stage stores it (ApiJson: fields, empty lists left out). */
    record DecidedDetail(String trigger, Decision decision) {}

    /** Read from the text (not a tree), so amounts keep their scale (4250.00 stays 4250.00). */
    static Decision readDecision(String detailJson) throws JsonProcessingException {
        return RECORDS.readValue(detailJson, DecidedDetail.class).decision();
    }

    private long heldCount() {
        Long count = jdbc.queryForObject("select count(*) from claim_case where state = :state",
                new MapSqlParameterSource("state", CaseState.NO_AGENCY.name()), Long.class);
        return count == null ? 0 : count;
    }

    /**
     * The message's top-level {@code caseId}, read with a streaming parser that stops there: the message
     * carries the whole decision and claim too, and building a tree of it cost more than routing's reads.
     */
    static String caseIdOf(String message) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("cases.eligible message without a text body");
        }
        try (JsonParser parser = ApiJson.mapper().getFactory().createParser(message)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("cases.eligible message without a caseId");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("caseId".equals(field)) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new IllegalArgumentException("cases.eligible message without a caseId");
                    }
                    return parser.getText();
                }
                parser.skipChildren();
            }
            throw new IllegalArgumentException("cases.eligible message without a caseId");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cases.eligible message is not JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
