package no.inkasso.gateway.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.cases.Channel;
import no.inkasso.gateway.claims.FieldError;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Every rejected input: the original bytes (up to a configured size) and every reason. */
@Repository
public class RejectionStore {

    private static final TypeReference<List<FieldError>> REASONS = new TypeReference<>() {};

    private final NamedParameterJdbcTemplate jdbc;
    private final int maxStoredBytes;

    public RejectionStore(NamedParameterJdbcTemplate jdbc, GatewayProperties properties) {
        this.jdbc = jdbc;
        this.maxStoredBytes = properties.rejections().maxStoredBytes();
    }

    public void add(RejectedInput rejection, byte[] original) {
        boolean truncated = original.length > maxStoredBytes;
        byte[] kept = truncated ? Arrays.copyOf(original, maxStoredBytes) : original;
        try {
            jdbc.update("""
                    insert into rejected_input (rejection_id, channel, client_id, source_system, correlation_id, content_type,
                        summary, reasons_json, original, original_truncated, received_at)
                    values (:id, :channel, :client, :source, :correlation, :contentType, :summary, :reasons, :original, :truncated, :at)
                    """, new MapSqlParameterSource()
                    .addValue("id", rejection.rejectionId())
                    .addValue("channel", rejection.channel().name())
                    .addValue("client", rejection.clientId())
                    .addValue("source", rejection.sourceSystem())
                    .addValue("correlation", rejection.correlationId())
                    .addValue("contentType", rejection.contentType() == null ? null : truncate(rejection.contentType(), 200))
                    .addValue("summary", truncate(rejection.summary(), 500))
                    .addValue("reasons", ApiJson.mapper().writeValueAsString(rejection.reasons()))
                    .addValue("original", kept, Types.BINARY)
                    .addValue("truncated", truncated)
                    .addValue("at", rejection.receivedAt(), Types.TIMESTAMP_WITH_TIMEZONE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A rejected line of a file: the line's own bytes are its original. */
    public record FileLine(long lineNumber, RejectedInput rejection, byte[] original) {}

    /**
     * Stores rejected lines of the file with content {@code fileSha256}, each once: a line stored
     * before (the file's processing was interrupted and is being repeated) is left as it is.
     * Returns how many were new.
     */
    public int addFileLines(String fileSha256, List<FileLine> lines) {
        if (lines.isEmpty()) {
            return 0;
        }
        java.util.Set<Long> known = new java.util.HashSet<>(jdbc.queryForList("""
                select line_number from rejected_input where file_sha256 = :sha and line_number in (:lines)
                """, new MapSqlParameterSource("sha", fileSha256)
                .addValue("lines", lines.stream().map(FileLine::lineNumber).toList()), Long.class));
        List<MapSqlParameterSource> rows = new java.util.ArrayList<>();
        for (FileLine line : lines) {
            if (known.add(line.lineNumber())) {
                RejectedInput r = line.rejection();
                boolean truncated = line.original().length > maxStoredBytes;
                try {
                    rows.add(new MapSqlParameterSource()
                            .addValue("id", r.rejectionId())
                            .addValue("channel", r.channel().name())
                            .addValue("client", r.clientId())
                            .addValue("source", r.sourceSystem())
                            .addValue("correlation", r.correlationId())
                            .addValue("contentType", r.contentType())
                            .addValue("summary", truncate(r.summary(), 500))
                            .addValue("reasons", ApiJson.mapper().writeValueAsString(r.reasons()))
                            .addValue("original", truncated ? Arrays.copyOf(line.original(), maxStoredBytes) : line.original(), Types.BINARY)
                            .addValue("truncated", truncated)
                            .addValue("at", r.receivedAt(), Types.TIMESTAMP_WITH_TIMEZONE)
                            .addValue("sha", fileSha256)
                            .addValue("line", line.lineNumber()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into rejected_input (rejection_id, channel, client_id, source_system, correlation_id, content_type,
                        summary, reasons_json, original, original_truncated, received_at, file_sha256, line_number)
                    values (:id, :channel, :client, :source, :correlation, :contentType, :summary, :reasons, :original, :truncated,
                        :at, :sha, :line)
                    """, rows.toArray(MapSqlParameterSource[]::new));
        }
        return rows.size();
    }

    public Optional<RejectedInput> find(String rejectionId) {
        return jdbc.query("select * from rejected_input where rejection_id = :id",
                new MapSqlParameterSource("id", rejectionId), RejectionStore::rejection).stream().findFirst();
    }

    public Optional<byte[]> original(String rejectionId) {
        return jdbc.query("select original from rejected_input where rejection_id = :id",
                new MapSqlParameterSource("id", rejectionId), (rs, n) -> rs.getBytes("original")).stream().findFirst();
    }

    /** The client's own rejections, newest first; {@code afterId} is the keyset cursor. */
    public List<RejectedInput> page(String clientId, String afterId, int limit) {
        var params = new MapSqlParameterSource("client", clientId).addValue("limit", limit);
        String sql = "select * from rejected_input where client_id = :client";
        if (afterId != null) {
            sql += " and rejection_id < :after";
            params.addValue("after", afterId);
        }
        return jdbc.query(sql + " order by rejection_id desc limit :limit", params, RejectionStore::rejection);
    }

    private static RejectedInput rejection(ResultSet rs, int n) throws SQLException {
        try {
            return new RejectedInput(rs.getString("rejection_id"), Channel.valueOf(rs.getString("channel")),
                    rs.getString("client_id"), rs.getString("source_system"), rs.getString("correlation_id"),
                    rs.getString("content_type"), rs.getString("summary"),
                    ApiJson.mapper().readValue(rs.getString("reasons_json"), REASONS),
                    rs.getObject("received_at", OffsetDateTime.class));
        } catch (JsonProcessingException e) {
            throw new SQLException("stored rejection reasons are not readable", e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
