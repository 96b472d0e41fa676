package no.inkasso.gateway.intake.file;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which file contents each source has taken, so none is taken twice (table {@code file_intake}). */
@Repository
public class FileIntakeStore {

    public enum Status {
        PROCESSING,
        DONE,
        UNREADABLE
    }

    /** A file content a source has seen: under which name, when, and how far it got. */
    public record SeenFile(String fileName, Status status, OffsetDateTime startedAt, OffsetDateTime finishedAt) {}

    /** What a finished file gave. */
    public record Counts(long lines, long created, long existing, long rejected) {}

    private final NamedParameterJdbcTemplate jdbc;

    public FileIntakeStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SeenFile> find(String sourceId, String sha256) {
        return jdbc.query("""
                select file_name, status, started_at, finished_at from file_intake where source_id = :source and content_sha256 = :sha
                """, new MapSqlParameterSource("source", sourceId).addValue("sha", sha256), (rs, n) -> new SeenFile(
                rs.getString("file_name"), Status.valueOf(rs.getString("status")), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class))).stream().findFirst();
    }

    /** Records that processing of this content starts (again, after an interruption: then only the name and time change). */
    public void start(String sourceId, String sha256, String fileName, OffsetDateTime at) {
        var params = new MapSqlParameterSource("source", sourceId).addValue("sha", sha256).addValue("name", fileName)
                .addValue("status", Status.PROCESSING.name()).addValue("at", at, Types.TIMESTAMP_WITH_TIMEZONE);
        int updated = jdbc.update("""
                update file_intake set file_name = :name, status = :status, started_at = :at
                where source_id = :source and content_sha256 = :sha
                """, params);
        if (updated == 0) {
            jdbc.update("""
                    insert into file_intake (source_id, content_sha256, file_name, status, started_at)
                    values (:source, :sha, :name, :status, :at)
                    """, params);
        }
    }

    public void finish(String sourceId, String sha256, Status status, Counts counts, OffsetDateTime at) {
        jdbc.update("""
                update file_intake set status = :status, lines_total = :lines, claims_created = :created,
                    claims_existing = :existing, lines_rejected = :rejected, finished_at = :at
                where source_id = :source and content_sha256 = :sha
                """, new MapSqlParameterSource("source", sourceId).addValue("sha", sha256).addValue("status", status.name())
                .addValue("lines", counts.lines()).addValue("created", counts.created()).addValue("existing", counts.existing())
                .addValue("rejected", counts.rejected()).addValue("at", at, Types.TIMESTAMP_WITH_TIMEZONE));
    }
}
