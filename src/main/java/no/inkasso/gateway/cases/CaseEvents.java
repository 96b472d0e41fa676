package no.inkasso.gateway.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import no.inkasso.gateway.api.ApiJson;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A case's append-only history. Its first entry, {@code CLAIM_RECEIVED} (seq 1), is the case row
 * itself (when, through which channel, from which client, under which correlation id), so intake
 * writes one row per claim rather than two; what follows is stored in {@code case_event} from seq 2.
 */
public final class CaseEvents {

    public static final String CLAIM_RECEIVED = "CLAIM_RECEIVED";

    private CaseEvents() {}

    /** The case's history, oldest first, its first entry read from the case row; empty for an unknown case. */
    public static List<CaseEvent> history(NamedParameterJdbcTemplate jdbc, String caseId) {
        var params = new MapSqlParameterSource("caseId", caseId);
        List<CaseEvent> events = new ArrayList<>();
        jdbc.query("select client_id, received_via, correlation_id, created_at from claim_case where case_id = :caseId", params,
                rs -> {
                    events.add(received(rs.getString("client_id"), Channel.valueOf(rs.getString("received_via")),
                            rs.getString("correlation_id"), rs.getObject("created_at", OffsetDateTime.class)));
                });
        if (events.isEmpty()) {
            return events;
        }
        events.addAll(jdbc.query("""
                select seq, event_type, occurred_at, actor, detail_json from case_event where case_id = :caseId and seq > 1 order by seq
                """, params, (rs, n) -> new CaseEvent(rs.getInt("seq"), rs.getString("event_type"),
                rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("actor"), rs.getString("detail_json"))));
        return events;
    }

    /** The first entry of every case's history, as its row records it. */
    public static CaseEvent received(String clientId, Channel channel, String correlationId, OffsetDateTime createdAt) {
        return new CaseEvent(1, CLAIM_RECEIVED, createdAt, clientId, ApiJson.mapper().createObjectNode()
                .put("channel", channel.name())
                .put("correlationId", correlationId)
                .put("clientId", clientId).toString());
    }

    public static int append(NamedParameterJdbcTemplate jdbc, String caseId, String type, OffsetDateTime at, String actor,
                             ObjectNode detail) {
        var params = new MapSqlParameterSource("caseId", caseId);
        // seq 1 is the case row (CLAIM_RECEIVED): stored events start at 2
        Integer last = jdbc.queryForObject("select max(seq) from case_event where case_id = :caseId", params, Integer.class);
        int seq = (last == null ? 1 : last) + 1;
        jdbc.update("""
                insert into case_event (case_id, seq, event_type, occurred_at, actor, detail_json)
                values (:caseId, :seq, :type, :at, :actor, :detail)
                """, new MapSqlParameterSource()
                .addValue("caseId", caseId)
                .addValue("seq", seq)
                .addValue("type", type)
                .addValue("at", at, Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("actor", actor)
                .addValue("detail", detail == null ? null : detail.toString()));
        return seq;
    }
}
