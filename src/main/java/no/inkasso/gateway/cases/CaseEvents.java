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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Appends to a case's history; the caller holds the case row lock and the transaction. */
public final class CaseEvents {

    /** Case ids per {@code in (...)} list: well inside what H2 and PostgreSQL take as parameters. */
    static final int IDS_PER_QUERY = 1000;

    private static final String INSERT = """
            insert into case_event (case_id, seq, event_type, occurred_at, actor, detail_json)
            values (:caseId, :seq, :type, :at, :actor, :detail)
            """;

    private CaseEvents() {}

    public static int append(NamedParameterJdbcTemplate jdbc, String caseId, String type, OffsetDateTime at, String actor,
                             ObjectNode detail) {
        var params = new MapSqlParameterSource("caseId", caseId);
        Integer last = jdbc.queryForObject("select max(seq) from case_event where case_id = :caseId", params, Integer.class);
        int seq = (last == null ? 0 : last) + 1;
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

    /** Each case's highest event sequence (a case with no events is left out). */
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
            int seq = last.merge(caseId, 1, Integer::sum);
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
