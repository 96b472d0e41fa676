package no.inkasso.gateway.agency.sftp;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import no.inkasso.gateway.agency.Outbound;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.cases.CaseEvents;
import no.inkasso.gateway.routing.DeliveryState;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** SFTP agencies' batch files (agency_batch), the delivery rows they carry, and the receipts read back (agency_receipt). */
public class BatchStore {

    public static final String AGENCY_BATCH_SENT = "AGENCY_BATCH_SENT";
    private static final String ACTOR = "agency-delivery";
    private static final int MAX_STORED_RECEIPT_CHARS = 262_144;

    /** A recorded batch file. */
    public record Batch(String batchId, String agencyId, int batchNo, String fileName, String state, OffsetDateTime createdAt) {}

    /** A delivery row of a batch, in file order. */
    public record Row(String caseId, int sequence, String kind, DeliveryState state, String payload, String batchId) {}

    public enum ReceiptOutcome {
        APPLIED,
        UNKNOWN_BATCH,
        MALFORMED
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public BatchStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    public TransactionTemplate transaction() {
        return transaction;
    }

    /**
     * Records {@code messages} as the agency's next batch (PENDING, its file name fixed now) and their rows
     * BATCHED in file order; rows no longer QUEUED (a copy) are left out. Returns the batch, or empty when
     * nothing was left to put in it.
     */
    public Optional<Batch> stage(String agencyId, String fileNamePattern, List<Outbound> messages) {
        OffsetDateTime now = now();
        return transaction.execute(tx -> {
            Integer last = jdbc.queryForObject("select max(batch_no) from agency_batch where agency_id = :agency",
                    new MapSqlParameterSource("agency", agencyId), Integer.class);
            int batchNo = last == null ? 1 : last + 1;
            String batchId = agencyId + "-" + String.format("%06d", batchNo);
            String fileName = fileNamePattern.replace("{agency}", agencyId).replace("{batch}", String.format("%06d", batchNo))
                    .replace("{date}", now.atZoneSameInstant(java.time.ZoneId.of("Europe/Oslo")).format(DateTimeFormatter.ofPattern("yyyyMMdd")));
            int position = 0;
            for (Outbound m : messages) {
                position += jdbc.update("""
                        update agency_delivery set state = :batched, batch_id = :batch, batch_position = :position
                        where case_id = :caseId and seq = :seq and state = :queued
                        """, new MapSqlParameterSource("batched", DeliveryState.BATCHED.name()).addValue("batch", batchId)
                        .addValue("position", position + 1).addValue("caseId", m.caseId()).addValue("seq", m.sequence())
                        .addValue("queued", DeliveryState.QUEUED.name()));
            }
            if (position == 0) {
                return Optional.<Batch>empty();
            }
            jdbc.update("""
                    insert into agency_batch (batch_id, agency_id, batch_no, file_name, state, message_count, created_at)
                    values (:batch, :agency, :no, :file, 'PENDING', :count, :at)
                    """, new MapSqlParameterSource("batch", batchId).addValue("agency", agencyId).addValue("no", batchNo)
                    .addValue("file", fileName).addValue("count", position).addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
            return Optional.of(new Batch(batchId, agencyId, batchNo, fileName, "PENDING", now));
        });
    }

    /** Batches recorded but not confirmed uploaded, oldest first. */
    public List<Batch> pending(String agencyId) {
        return jdbc.query("select * from agency_batch where agency_id = :agency and state = 'PENDING' order by batch_no",
                new MapSqlParameterSource("agency", agencyId), (rs, n) -> batch(rs));
    }

    public Optional<Batch> batch(String agencyId, String batchId) {
        return jdbc.query("select * from agency_batch where agency_id = :agency and batch_id = :batch",
                new MapSqlParameterSource("agency", agencyId).addValue("batch", batchId), (rs, n) -> batch(rs)).stream().findFirst();
    }

    /** The batch's messages in file order. */
    public List<Row> rows(String batchId) {
        return jdbc.query("""
                select case_id, seq, kind, state, payload, batch_id from agency_delivery where batch_id = :batch order by batch_position
                """, new MapSqlParameterSource("batch", batchId), (rs, n) -> row(rs));
    }

    public Optional<Row> row(String caseId, int sequence) {
        return jdbc.query("select case_id, seq, kind, state, payload, batch_id from agency_delivery where case_id = :caseId and seq = :seq",
                new MapSqlParameterSource("caseId", caseId).addValue("seq", sequence), (rs, n) -> row(rs)).stream().findFirst();
    }

    /** The batch's file is at the agency: UPLOADED (unless a receipt already said more), an event on each of its cases. */
    public void uploaded(Batch batch, List<Row> rows) {
        OffsetDateTime now = now();
        transaction.executeWithoutResult(tx -> {
            jdbc.update("""
                    update agency_batch set state = 'UPLOADED', uploaded_at = :at where batch_id = :batch and state = 'PENDING'
                    """, new MapSqlParameterSource("batch", batch.batchId()).addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
            for (Row row : rows) {
                CaseEvents.append(jdbc, row.caseId(), AGENCY_BATCH_SENT, now, ACTOR, ApiJson.mapper().createObjectNode()
                        .put("agency", batch.agencyId()).put("sequence", row.sequence()).put("kind", row.kind())
                        .put("batchId", batch.batchId()).put("file", batch.fileName()));
            }
        });
    }

    /** A receipt answered for the batch: RECEIPTED once none of its rows waits any more. */
    public void receipted(String batchId) {
        OffsetDateTime now = now();
        jdbc.update("""
                update agency_batch set state = case when exists (select 1 from agency_delivery d where d.batch_id = :batch and d.state = :waiting)
                    then 'UPLOADED' else 'RECEIPTED' end,
                    uploaded_at = coalesce(uploaded_at, :at), receipt_at = :at
                where batch_id = :batch
                """, new MapSqlParameterSource("batch", batchId).addValue("waiting", DeliveryState.BATCHED.name())
                .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
    }

    /** Keeps a receipt file read back (its content, up to 256 K characters) and what became of it. */
    public String recordReceipt(String agencyId, String fileName, String batchId, ReceiptOutcome outcome, String detail, String content) {
        String id = UUID.randomUUID().toString();
        jdbc.update("""
                insert into agency_receipt (receipt_id, agency_id, file_name, received_at, batch_id, outcome, detail, content)
                values (:id, :agency, :file, :at, :batch, :outcome, :detail, :content)
                """, new MapSqlParameterSource("id", id).addValue("agency", agencyId).addValue("file", fileName)
                .addValue("at", now(), Types.TIMESTAMP_WITH_TIMEZONE).addValue("batch", batchId).addValue("outcome", outcome.name())
                .addValue("detail", abbreviate(detail, 4000)).addValue("content", abbreviate(content, MAX_STORED_RECEIPT_CHARS)));
        return id;
    }

    private static Batch batch(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Batch(rs.getString("batch_id"), rs.getString("agency_id"), rs.getInt("batch_no"), rs.getString("file_name"),
                rs.getString("state"), rs.getObject("created_at", OffsetDateTime.class));
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString("case_id"), rs.getInt("seq"), rs.getString("kind"), DeliveryState.valueOf(rs.getString("state")),
                rs.getString("payload"), rs.getString("batch_id"));
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
