package no.inkasso.gateway.ledger;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The ledger delivery rows (ledger_delivery): what was filed for which ledger and how its delivery went. */
@Repository
public class LedgerDeliveryStore {

    public enum State {
        QUEUED,
        DELIVERED,
        DEAD,
        HELD,
        SKIPPED
    }

    /** A row as the delivery worker and the tests see it. */
    public record Row(String deliveryId, String messageKey, String kind, String eventType, String sourceSystem, String caseId,
                      State state, String transport, String statusCode, int attempts, String lastError, String feedback) {}

    /** A new row: {@code transport} and {@code statusCode} only for QUEUED. */
    public record NewRow(String deliveryId, LedgerEvents.Feedback feedback, State state, String transport, String statusCode,
                         Boolean statusMapped, String note) {}

    private static final String COLUMNS = """
            delivery_id, message_key, kind, event_type, source_system, case_id, state, transport, status_code, attempts,
            last_error, feedback""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public LedgerDeliveryStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Row> find(String deliveryId) {
        return jdbc.query("select " + COLUMNS + " from ledger_delivery where delivery_id = :id",
                new MapSqlParameterSource("id", deliveryId), this::row).stream().findFirst();
    }

    public Optional<Row> findByKey(String messageKey) {
        return jdbc.query("select " + COLUMNS + " from ledger_delivery where message_key = :key",
                new MapSqlParameterSource("key", messageKey), this::row).stream().findFirst();
    }

    /** The rows of a case, oldest first (for tests and operations). */
    public List<Row> ofCase(String caseId) {
        return jdbc.query("select " + COLUMNS + " from ledger_delivery where case_id = :caseId order by delivery_id",
                new MapSqlParameterSource("caseId", caseId), this::row);
    }

    public List<Row> inState(State state, int limit) {
        return jdbc.query("select " + COLUMNS + " from ledger_delivery where state = :state order by delivery_id limit :limit",
                new MapSqlParameterSource("state", state.name()).addValue("limit", limit), this::row);
    }

    public long count(State state) {
        Long n = jdbc.queryForObject("select count(*) from ledger_delivery where state = :state",
                new MapSqlParameterSource("state", state.name()), Long.class);
        return n == null ? 0 : n;
    }

    public void insert(NewRow r) {
        LedgerEvents.Feedback f = r.feedback();
        jdbc.update("""
                insert into ledger_delivery (delivery_id, message_key, kind, event_type, source_system, case_id, correlation_id, state,
                    transport, status_code, status_mapped, attempts, feedback, created_at, last_error)
                values (:id, :key, :kind, :type, :system, :caseId, :correlation, :state, :transport, :code, :mapped, 0, :feedback, :at, :note)
                """, new MapSqlParameterSource("id", r.deliveryId()).addValue("key", f.key()).addValue("kind", abbreviate(f.kind(), 40))
                .addValue("type", abbreviate(f.type(), 64)).addValue("system", abbreviate(f.sourceSystem(), 64))
                .addValue("caseId", f.caseId() != null && f.caseId().length() <= 36 ? f.caseId() : null)
                .addValue("correlation", abbreviate(f.correlationId(), 80)).addValue("state", r.state().name())
                .addValue("transport", r.transport()).addValue("code", abbreviate(r.statusCode(), 64)).addValue("mapped", r.statusMapped())
                .addValue("feedback", f.body()).addValue("at", now(), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("note", abbreviate(r.note(), 1000)));
    }

    /** A HELD row whose ledger now has a delivery: queued with its transport and status. */
    public boolean release(String deliveryId, String transport, String statusCode, boolean mapped) {
        return jdbc.update("""
                update ledger_delivery set state = 'QUEUED', transport = :transport, status_code = :code, status_mapped = :mapped,
                    last_error = null
                where delivery_id = :id and state = 'HELD'
                """, new MapSqlParameterSource("id", deliveryId).addValue("transport", transport)
                .addValue("code", abbreviate(statusCode, 64)).addValue("mapped", mapped)) == 1;
    }

    public void delivered(List<String> deliveryIds) {
        for (String id : deliveryIds) {
            jdbc.update("""
                    update ledger_delivery set state = 'DELIVERED', attempts = attempts + 1, delivered_at = :at, last_error = null
                    where delivery_id = :id
                    """, new MapSqlParameterSource("id", id).addValue("at", now(), Types.TIMESTAMP_WITH_TIMEZONE));
        }
    }

    /** Records a failed attempt (counted only when it was the message's failure); returns its attempts so far. */
    public int failed(String deliveryId, String error, boolean counted) {
        jdbc.update("update ledger_delivery set attempts = attempts + :inc, last_error = :error where delivery_id = :id",
                new MapSqlParameterSource("id", deliveryId).addValue("inc", counted ? 1 : 0).addValue("error", abbreviate(error, 1000)));
        return find(deliveryId).map(Row::attempts).orElse(0);
    }

    public void dead(String deliveryId, String reason) {
        jdbc.update("update ledger_delivery set state = 'DEAD', last_error = :error where delivery_id = :id",
                new MapSqlParameterSource("id", deliveryId).addValue("error", abbreviate(reason, 1000)));
    }

    /** A dead-lettered message replayed by operations: queued again with its attempts reset. */
    public void requeue(String deliveryId) {
        jdbc.update("update ledger_delivery set state = 'QUEUED', attempts = 0 where delivery_id = :id and state = 'DEAD'",
                new MapSqlParameterSource("id", deliveryId));
    }

    private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getString("delivery_id"), rs.getString("message_key"), rs.getString("kind"), rs.getString("event_type"),
                rs.getString("source_system"), rs.getString("case_id"), State.valueOf(rs.getString("state")), rs.getString("transport"),
                rs.getString("status_code"), rs.getInt("attempts"), rs.getString("last_error"), rs.getString("feedback"));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String abbreviate(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
