package no.inkasso.gateway.ops;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The ops_audit table: operator actions, newest first; a discarded message is kept whole in its row. */
@Repository
public class OpsAudit {

    public enum Action { DEAD_LETTER_REPLAY, DEAD_LETTER_DISCARD, ROUTE_STOP, ROUTE_START }

    private final NamedParameterJdbcTemplate jdbc;

    public OpsAudit(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(AuditEntry entry, String messageProperties, byte[] messageBody) {
        jdbc.update("""
                insert into ops_audit (audit_id, at, client_id, action, queue_name, message_id, route_id, reason, detail,
                    correlation_id, message_properties, message_body)
                values (:id, :at, :client, :action, :queue, :message, :route, :reason, :detail, :correlation, :properties, :body)
                """, new MapSqlParameterSource()
                .addValue("id", entry.auditId())
                .addValue("at", entry.at(), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("client", entry.clientId())
                .addValue("action", entry.action())
                .addValue("queue", entry.queue())
                .addValue("message", entry.messageId())
                .addValue("route", entry.routeId())
                .addValue("reason", truncate(entry.reason(), 1000))
                .addValue("detail", truncate(entry.detail(), 1000))
                .addValue("correlation", entry.correlationId())
                .addValue("properties", truncate(messageProperties, 10000))
                .addValue("body", messageBody, Types.BINARY));
    }

    /** Newest first; {@code before} is the audit id the previous page ended with. */
    public List<AuditEntry> page(String before, int limit) {
        // Two statements: PostgreSQL cannot type a null parameter in "(:before is null or ...)".
        String where = before == null ? "" : "where audit_id < :before ";
        return jdbc.query("select audit_id, at, client_id, action, queue_name, message_id, route_id, reason, detail, correlation_id"
                + " from ops_audit " + where + "order by audit_id desc limit :limit", new MapSqlParameterSource("before", before).addValue("limit", limit), (rs, i) -> new AuditEntry(
                rs.getString("audit_id"), rs.getObject("at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                rs.getString("client_id"), rs.getString("action"), rs.getString("queue_name"), rs.getString("message_id"),
                rs.getString("route_id"), rs.getString("reason"), rs.getString("detail"), rs.getString("correlation_id")));
    }

    /** The body of a discarded message, as it was on the dead-letter queue. */
    public Optional<byte[]> discardedBody(String auditId) {
        return jdbc.query("select message_body from ops_audit where audit_id = :id",
                new MapSqlParameterSource("id", auditId), (rs, i) -> rs.getBytes(1)).stream().findFirst();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
