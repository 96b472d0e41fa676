package no.inkasso.gateway.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /** Case ids per {@code in (...)} list: well inside what H2 and PostgreSQL take as parameters. */
    static final int IDS_PER_QUERY = 1000;

    private static final String INSERT = """
            insert into case_event (case_id, seq, event_type, occurred_at, actor, detail_json)
            values (:caseId, :seq, :type, :at, :actor, :detail)
            """;

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
        jdbc.update(INSERT, row(caseId, seq, type, at, actor, detail));
        return seq;
    }

    /**
     * Events of many cases appended with one read of their last sequences and one batched insert (a
     * routing or delivery batch); the caller holds every case's row lock until its transaction ends.
     */
    public static Batch batch(NamedParameterJdbcTemplate jdbc, Collection<String> caseIds) {
        return new Batch(jdbc, lastSequences(jdbc, caseIds));
    }

    /** Each case's highest stored event sequence (a case with none stored is left out: its last is 1, the case row). */
    static Map<String, Integer> lastSequences(NamedParameterJdbcTemplate jdbc, Collection<String> caseIds) {
        Map<String, Integer> last = new HashMap<>();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(caseIds));
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            jdbc.query("select case_id, max(seq) from case_event where case_id in (:ids) group by case_id",
                    new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))),
                    rs -> {
                        last.put(rs.getString(1), rs.getInt(2));
                    });
        }
        return last;
    }

    private static MapSqlParameterSource row(String caseId, int seq, String type, OffsetDateTime at, String actor, ObjectNode detail) {
        return new MapSqlParameterSource()
                .addValue("caseId", caseId)
                .addValue("seq", seq)
                .addValue("type", type)
                .addValue("at", at, Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("actor", actor)
                .addValue("detail", detail == null ? null : detail.toString());
    }

    /** Events collected for {@link #write}; each gets the next sequence of its case, in the order added. */
    public static final class Batch {

        private final NamedParameterJdbcTemplate jdbc;
        private final Map<String, Integer> last;
        private final List<MapSqlParameterSource> rows = new ArrayList<>();

        private Batch(NamedParameterJdbcTemplate jdbc, Map<String, Integer> last) {
            this.jdbc = jdbc;
            this.last = last;
        }

        /** Returns the event's sequence. */
        public int add(String caseId, String type, OffsetDateTime at, String actor, ObjectNode detail) {
            // seq 1 is the case row itself (CLAIM_RECEIVED): a case with no stored events goes on at 2
            int seq = last.getOrDefault(caseId, 1) + 1;
            last.put(caseId, seq);
            rows.add(row(caseId, seq, type, at, actor, detail));
            return seq;
        }

        public void write() {
            if (!rows.isEmpty()) {
                jdbc.batchUpdate(INSERT, rows.toArray(MapSqlParameterSource[]::new));
                rows.clear();
            }
        }
    }
}
