package no.inkasso.gateway.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Types;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Appends to a case's history; the caller holds the case row lock and the transaction. */
public final class CaseEvents {

    private CaseEvents() {}

    public static int append(NamedParameterJdbcTemplate jdbc, String caseId, String type, OffsetDateTime at, String actor,
                             ObjectNode detail) {
        var params = new MapSqlParameterSource("caseId", caseId);
        Integer last = jdbc.queryForObject("select max(seq) from case_event where case_id = :caseId", params, Integer.class);
        int seq = (last == null ? 0 : last) + 1;
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
