package no.inkasso.gateway.intake.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.inkasso.gateway.cases.Channel;
import no.inkasso.gateway.cases.TimeOrderedIds;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.intake.ClaimIntake;
import no.inkasso.gateway.intake.RejectedInput;
import no.inkasso.gateway.intake.RejectionStore;
import no.inkasso.gateway.security.GatewayClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Takes a ledger's export file, exactly once: every good line becomes a claim (through the same
 * {@link ClaimIntake} as the API, in chunks of 500 per transaction), every bad line is stored as a
 * rejection and written to the file's error report. The file's content (SHA-256) is recorded per
 * source, so the same content uploaded again is recognised, and a file whose processing was
 * interrupted is simply processed again: its stored claims come back as duplicates and its stored
 * rejections are not stored twice, so each line ends as one claim or one reported error.
 */
@Service
public class FileIntake {

    static final int CHUNK = 500;

    private static final Logger log = LoggerFactory.getLogger(FileIntake.class);

    /** A configured file source: its id, the client whose rights apply, and its files' format. */
    public record FileSource(String id, GatewayClient client, FileFormat format) {
        public FileSource {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(format, "format");
        }
    }

    /** What became of a file; {@code report} is the error report to send back, or null when there is nothing to report. */
    public sealed interface FileOutcome {
        Path report();

        record Taken(FileIntakeStore.Counts counts, Path report) implements FileOutcome {}

        record AlreadyTaken(String previousName, OffsetDateTime at, Path report) implements FileOutcome {}

        record Unreadable(String reason, Path report) implements FileOutcome {}
    }

    private final ClaimIntake intake;
    private final ClaimReader reader;
    private final RejectionStore rejections;
    private final FileIntakeStore files;
    private final Clock clock;

    public FileIntake(ClaimIntake intake, ClaimReader reader, RejectionStore rejections, FileIntakeStore files, Clock clock) {
        this.intake = intake;
        this.reader = reader;
        this.rejections = rejections;
        this.files = files;
        this.clock = clock;
    }

    /**
     * Processes {@code file} (a local copy, read twice: once for its checksum, once for its lines)
     * as {@code fileName} from {@code source}; the error report is written beside it as
     * {@code <fileName>.errors.csv}.
     */
    public FileOutcome process(Path file, String fileName, FileSource source) {
        try {
            String sha = sha256(file);
            Path report = file.resolveSibling(fileName + ".errors.csv");
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            var seen = files.find(source.id(), sha);
            if (seen.isPresent() && seen.get().status() != FileIntakeStore.Status.PROCESSING) {
                try (ErrorReport errors = new ErrorReport(report)) {
                    errors.add(0, "", "duplicate-file", "the same content was received before as " + seen.get().fileName() + " ("
                            + seen.get().finishedAt() + "); nothing in this file was taken again", "");
                }
                log.info("File {} of source {} has the content of {} received before; not taken again", fileName, source.id(),
                        seen.get().fileName());
                return new FileOutcome.AlreadyTaken(seen.get().fileName(), seen.get().finishedAt(), report);
            }
            files.start(source.id(), sha, fileName, now);
            return take(file, fileName, source, sha, report);
        } catch (IOException e) {
            throw new UncheckedIOException("file " + fileName + " of source " + source.id() + " could not be read", e);
        }
    }

    private FileOutcome take(Path file, String fileName, FileSource source, String sha, Path report) throws IOException {
        LocalDate today = LocalDate.now(clock);
        long lines = 0;
        long created = 0;
        long existing = 0;
        long rejected = 0;
        // One chunk is written (on the writer thread) while the next is read and validated (here):
        // reading and validating is about half the work, storing the other half.
        ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "file-intake-writer-" + source.id());
            thread.setDaemon(true);
            return thread;
        });
        Future<long[]> writing = null;
        try (InputStream in = Files.newInputStream(file); ErrorReport errors = new ErrorReport(report)) {
            ClaimLines claims;
            try {
                claims = source.format().open(in, reader, today);
            } catch (UnreadableFileException e) {
                return unreadable(source, sha, fileName, errors, e);
            }
            try (claims) {
                List<FileLine.Valid> valid = new ArrayList<>();
                List<RejectionStore.FileLine> bad = new ArrayList<>();
                FileLine line;
                while (true) {
                    try {
                        line = claims.next();
                    } catch (UnreadableFileException e) {
                        // What was taken so far stays taken; the report says where reading stopped.
                        written(writing);
                        flush(valid, bad, source, sha, errors, fileName);
                        return unreadable(source, sha, fileName, errors, e);
                    }
                    if (line == null) {
                        break;
                    }
                    lines++;
                    if (line instanceof FileLine.Valid v) {
                        valid.add(v);
                    } else {
                        FileLine.Invalid invalid = (FileLine.Invalid) line;
                        bad.add(rejection(source, sha, fileName, invalid.lineNumber(), invalid.raw(), invalid.errors()));
                        for (FieldError error : invalid.errors()) {
                            errors.add(invalid.lineNumber(), error.pointer(), error.code(), error.message(), invalid.raw());
                        }
                    }
                    if (valid.size() + bad.size() >= CHUNK) {
                        long[] counted = written(writing);
                        created += counted[0];
                        existing += counted[1];
                        List<FileLine.Valid> chunk = valid;
                        List<RejectionStore.FileLine> chunkBad = bad;
                        writing = writer.submit(() -> flush(chunk, chunkBad, source, sha, errors, fileName));
                        valid = new ArrayList<>();
                        bad = new ArrayList<>();
                    }
                }
                long[] counted = written(writing);
                writing = null;
                created += counted[0];
                existing += counted[1];
                counted = flush(valid, bad, source, sha, errors, fileName);
                created += counted[0];
                existing += counted[1];
            }
            rejected = lines - created - existing;
            var counts = new FileIntakeStore.Counts(lines, created, existing, rejected);
            files.finish(source.id(), sha, FileIntakeStore.Status.DONE, counts, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            log.info("File {} of source {}: {} lines, {} claims created, {} already received, {} rejected", fileName, source.id(),
                    lines, created, existing, rejected);
            boolean anyErrors = errors.rows() > 0;
            errors.close();
            if (!anyErrors) {
                Files.deleteIfExists(report);
            }
            return new FileOutcome.Taken(counts, anyErrors ? report : null);
        } finally {
            // Never interrupt the writer: an interrupted H2 file channel closes the database. A chunk
            // still being written when this file failed finishes first (its transaction is whole either way).
            writer.shutdown();
            if (writing != null) {
                try {
                    writing.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException alreadyFailing) {
                    log.debug("A chunk of {} failed too: {}", fileName, alreadyFailing.getCause().toString());
                }
            }
        }
    }

    /** Waits for the chunk being written (if any); returns its {created, existing}, or its failure as this thread's. */
    private static long[] written(Future<long[]> writing) throws IOException {
        if (writing == null) {
            return new long[] {0, 0};
        }
        try {
            return writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a chunk was being stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Submits the chunk's good lines and stores its bad ones; returns {created, existing}. */
    private long[] flush(List<FileLine.Valid> valid, List<RejectionStore.FileLine> bad, FileSource source, String sha,
                         ErrorReport errors, String fileName) throws IOException {
        long created = 0;
        long existing = 0;
        if (!valid.isEmpty()) {
            List<ClaimIntake.Submission> submissions = new ArrayList<>();
            for (int i = 0; i < valid.size(); i++) {
                FileLine.Valid v = valid.get(i);
                submissions.add(new ClaimIntake.Submission(i, v.reading(), correlationId(sha, v.lineNumber())));
            }
            List<ClaimIntake.Outcome> outcomes = intake.submit(submissions, source.client(), Channel.SFTP);
            for (ClaimIntake.Outcome outcome : outcomes) {
                FileLine.Valid v = valid.get(outcome.index());
                if (outcome instanceof ClaimIntake.Outcome.Created) {
                    created++;
                } else if (outcome instanceof ClaimIntake.Outcome.Duplicate) {
                    existing++;
                } else {
                    FieldError error = outcome instanceof ClaimIntake.Outcome.Conflict c
                            ? FieldError.of("/invoice/number", "conflicting-resubmission",
                                    "this invoice was received before with other content (case " + c.caseId() + ")")
                            : FieldError.of("", "forbidden", ((ClaimIntake.Outcome.Forbidden) outcome).reason());
                    bad.add(rejection(source, sha, fileName, v.lineNumber(), v.raw(), List.of(error)));
                    errors.add(v.lineNumber(), error.pointer(), error.code(), error.message(), v.raw());
                }
            }
        }
        rejections.addFileLines(sha, bad);
        valid.clear();
        bad.clear();
        return new long[] {created, existing};
    }

    private FileOutcome unreadable(FileSource source, String sha, String fileName, ErrorReport errors,
                                   UnreadableFileException e) throws IOException {
        errors.add(Math.max(0, e.lineNumber()), "", "unreadable-file", e.getMessage(), "");
        files.finish(source.id(), sha, FileIntakeStore.Status.UNREADABLE, new FileIntakeStore.Counts(0, 0, 0, 0),
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        log.warn("File {} of source {} cannot be read: {}", fileName, source.id(), e.getMessage());
        return new FileOutcome.Unreadable(e.getMessage(), errors.file());
    }

    private RejectionStore.FileLine rejection(FileSource source, String sha, String fileName, long lineNumber, String raw,
                                              List<FieldError> reasons) {
        RejectedInput r = new RejectedInput(TimeOrderedIds.next(), Channel.SFTP, source.client().id(), null,
                correlationId(sha, lineNumber), source.format().mediaType(), fileName + " line " + lineNumber + ": " + reasons.get(0).message(),
                reasons, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        return new RejectionStore.FileLine(lineNumber, r, raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The claims of a file line carry the file's content id and their line: {@code file-<sha:12>-<line>}. */
    static String correlationId(String sha, long lineNumber) {
        return "file-" + sha.substring(0, 12) + "-" + lineNumber;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
