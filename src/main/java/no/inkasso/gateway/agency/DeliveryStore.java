package no.inkasso.gateway.agency;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.cases.CaseState;
import no.inkasso.gateway.cases.CaseEvents;
import no.inkasso.gateway.routing.DeliveryState;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The delivery rows (agency_delivery) and what a delivery's outcome does to its case. */
@Repository
public class DeliveryStore {

    public static final String AGENCY_DELIVERED = "AGENCY_DELIVERED";
    public static final String AGENCY_DELIVERY_FAILED = "AGENCY_DELIVERY_FAILED";
    static final String ACTOR = "agency-delivery";

    /** One row's state and how many counted attempts it has had. */
    public record Row(DeliveryState state, int attempts, String lastError) {}

    private static final int IDS_PER_QUERY = 1000;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public DeliveryStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    public Optional<Row> find(String caseId, int seq) {
        return jdbc.query("select state, attempts, last_error from agency_delivery where case_id = :caseId and seq = :seq",
                key(caseId, seq), (rs, n) -> new Row(DeliveryState.valueOf(rs.getString("state")), rs.getInt("attempts"),
                        rs.getString("last_error"))).stream().findFirst();
    }

    /** The rows of {@code messages}, by {@link #key(Outbound)}, read in one statement per thousand cases (a message without a row is left out). */
    public Map<String, Row> findAll(List<Outbound> messages) {
        List<String> ids = messages.stream().map(Outbound::caseId).distinct().toList();
        Map<String, Row> rows = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            jdbc.query("select case_id, seq, state, attempts, last_error from agency_delivery where case_id in (:ids)",
                    new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))), rs -> {
                rows.put(rs.getString("case_id") + "#" + rs.getInt("seq"), new Row(DeliveryState.valueOf(rs.getString("state")),
                        rs.getInt("attempts"), rs.getString("last_error")));
            });
        }
        return rows;
    }

    /** The key of a message's row in {@link #findAll}. */
    public static String key(Outbound message) {
        return message.caseId() + "#" + message.sequence();
    }

    /**
     * Records the messages as delivered: rows DELIVERED, a NEW_CASE's case AT_AGENCY with the agency's case number.
     * The cases are locked in case id order, then rows and events written in batches.
     */
    public void delivered(String agencyId, List<Outbound> messages, List<String> caseNumbers) {
        OffsetDateTime now = now();
        transaction.executeWithoutResult(tx -> {
            List<String> ids = new ArrayList<>(new TreeSet<>(messages.stream().map(Outbound::caseId).toList()));
            for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
                jdbc.queryForList("select case_id from claim_case where case_id in (:ids) order by case_id for update",
                        new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))), String.class);
            }
            List<MapSqlParameterSource> rows = new ArrayList<>();
            List<MapSqlParameterSource> cases = new ArrayList<>();
            CaseEvents.Batch events = CaseEvents.batch(jdbc, ids);
            for (int i = 0; i < messages.size(); i++) {
                Outbound m = messages.get(i);
                String number = caseNumbers.get(i);
                rows.add(key(m.caseId(), m.sequence()).addValue("state", DeliveryState.DELIVERED.name())
                        .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE).addValue("number", number));
                if (m.sequence() == 1) {
                    cases.add(new MapSqlParameterSource("caseId", m.caseId()).addValue("state", CaseState.AT_AGENCY.name())
                            .addValue("number", number).addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
                }
                var detail = ApiJson.mapper().createObjectNode().put("agency", agencyId).put("sequence", m.sequence())
                        .put("kind", m.kind());
                if (number != null) {
                    detail.put("agencyCaseNumber", number);
                }
                events.add(m.caseId(), AGENCY_DELIVERED, now, ACTOR, detail);
            }
            jdbc.batchUpdate("""
                    update agency_delivery set state = :state, attempts = attempts + 1, delivered_at = :at,
                        agency_case_number = :number, last_error = null
                    where case_id = :caseId and seq = :seq
                    """, rows.toArray(MapSqlParameterSource[]::new));
            if (!cases.isEmpty()) {
                jdbc.batchUpdate("""
                        update claim_case set state = :state, agency_case_number = coalesce(:number, agency_case_number),
                            version = version + 1, updated_at = :at
                        where case_id = :caseId and state in ('ROUTED', 'DELIVERY_FAILED')
                        """, cases.toArray(MapSqlParameterSource[]::new));
            }
            events.write();
        });
    }

    /** Counts a failed attempt on each message (a failure that was the message's, not the agency's); returns the most attempts. */
    public int failed(List<Outbound> messages, String error, boolean counted) {
        int most = 0;
        for (Outbound m : messages) {
            jdbc.update("""
                    update agency_delivery set attempts = attempts + :inc, last_error = :error where case_id = :caseId and seq = :seq
                    """, key(m.caseId(), m.sequence()).addValue("inc", counted ? 1 : 0).addValue("error", abbreviate(error)));
            most = Math.max(most, find(m.caseId(), m.sequence()).map(Row::attempts).orElse(0));
        }
        return most;
    }

    /** Records a message as dead-lettered; a NEW_CASE's case becomes DELIVERY_FAILED. */
    public void dead(String agencyId, String caseId, int seq, String kind, String reason) {
        OffsetDateTime now = now();
        transaction.executeWithoutResult(tx -> {
            if (!lockCase(caseId)) {
                return;
            }
            jdbc.update("update agency_delivery set state = :state, last_error = :error where case_id = :caseId and seq = :seq",
                    key(caseId, seq).addValue("state", DeliveryState.DEAD.name()).addValue("error", abbreviate(reason)));
            if (seq == 1) {
                jdbc.update("""
                        update claim_case set state = :state, version = version + 1, updated_at = :at
                        where case_id = :caseId and state = 'ROUTED'
                        """, new MapSqlParameterSource("caseId", caseId).addValue("state", CaseState.DELIVERY_FAILED.name())
                        .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
            }
            CaseEvents.append(jdbc, caseId, AGENCY_DELIVERY_FAILED, now, ACTOR, ApiJson.mapper().createObjectNode()
                    .put("agency", agencyId).put("sequence", seq).put("kind", kind).put("reason", abbreviate(reason))
                    .put("deadLetterQueue", no.inkasso.gateway.routing.RoutingProperties.deadLetterQueue(agencyId)));
        });
    }

    private boolean lockCase(String caseId) {
        return !jdbc.queryForList("select case_id from claim_case where case_id = :caseId for update",
                new MapSqlParameterSource("caseId", caseId), String.class).isEmpty();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static MapSqlParameterSource key(String caseId, int seq) {
        return new MapSqlParameterSource("caseId", caseId).addValue("seq", seq);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
