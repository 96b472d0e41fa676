package no.inkasso.gateway.intake.ehf;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import no.inkasso.gateway.cases.Channel;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.intake.file.FileIntakeStore;
import no.inkasso.gateway.security.GatewayClient;
import org.springframework.stereotype.Service;

/**
 * EHF documents dropped as files (an SFTP source with {@code format: ehf}, one UBL document per file):
 * each file's content is taken once per source (table file_intake, like the CSV exports), through the
 * {@link EhfIntake}. A rejection, or a credit note held for an invoice not yet received, comes back
 * as a report in the error-report format of the CSV exports (schemas/files/error-report-v1.md).
 */
@Service
public class EhfFiles {

    /** The {@code format} of an SFTP source whose files are EHF documents. */
    public static final String FORMAT = "ehf";
    /** The files such a source takes unless it says otherwise. */
    public static final String DEFAULT_INCLUDE = ".*\\.xml";

    /** What became of a file: {@code report} to send back (or null), and whether the document was refused. */
    public record Taken(Path report, boolean rejected, String reason) {}

    private final EhfIntake intake;
    private final FileIntakeStore files;
    private final Clock clock;
    private final long maxBytes;

    public EhfFiles(EhfIntake intake, FileIntakeStore files, Clock clock, EhfProperties properties) {
        this.intake = intake;
        this.files = files;
        this.clock = clock;
        this.maxBytes = properties.maxDocumentBytes();
    }

    public Taken process(Path file, String fileName, String sourceId, GatewayClient client) {
        try {
            // one byte more than the limit is enough for the reader to say TOO_LARGE; the rest is only checksummed
            byte[] document;
            try (var in = Files.newInputStream(file)) {
                document = in.readNBytes((int) maxBytes + 1);
            }
            String sha = sha256(file);
            Path report = file.resolveSibling(fileName + ".errors.csv");
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            var seen = files.find(sourceId, sha);
            if (seen.isPresent() && seen.get().status() != FileIntakeStore.Status.PROCESSING) {
                write(report, 0, "", "duplicate-file", "the same content was received before as " + seen.get().fileName() + " ("
                        + seen.get().finishedAt() + "); nothing in this file was taken again");
                return new Taken(report, false, null);
            }
            files.start(sourceId, sha, fileName, now);
            EhfIntake.Outcome outcome = intake.receive(document,
                    new EhfIntake.Delivery(Channel.SFTP, client, "file-" + sha.substring(0, 12), "application/xml", fileName));
            Taken taken;
            long created = 0;
            long existing = 0;
            if (outcome instanceof EhfIntake.Outcome.Refused refused) {
                try (BufferedWriter out = report(report)) {
                    row(out, 0, "", refused.reason(), refused.message() + " (rejection " + refused.rejectionId() + ")");
                    for (FieldError e : refused.errors()) {
                        row(out, 0, e.pointer(), e.code(), e.message());
                    }
                }
                taken = new Taken(report, true, refused.reason() + ": " + refused.message());
            } else if (outcome instanceof EhfIntake.Outcome.CreditNoteTaken credit && credit.taken().state() != CreditNotes.State.APPLIED) {
                write(report, 0, "", credit.taken().state() == CreditNotes.State.HELD ? "credit-note-held" : "credit-note-review",
                        "credit note " + credit.creditNoteNumber() + " for invoice " + credit.invoiceNumber() + (credit.taken().state() == CreditNotes.State.HELD
                                ? " is held until that invoice is received" : " was not applied: " + credit.taken().note()));
                taken = new Taken(report, false, null);
            } else {
                if (outcome instanceof EhfIntake.Outcome.InvoiceTaken invoice) {
                    created = invoice.duplicate() ? 0 : 1;
                    existing = invoice.duplicate() ? 1 : 0;
                }
                taken = new Taken(null, false, null);
            }
            files.finish(sourceId, sha, taken.rejected() ? FileIntakeStore.Status.UNREADABLE : FileIntakeStore.Status.DONE,
                    new FileIntakeStore.Counts(1, created, existing, taken.rejected() ? 1 : 0),
                    OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            return taken;
        } catch (IOException e) {
            throw new UncheckedIOException("EHF file " + fileName + " of source " + sourceId + " could not be read", e);
        }
    }

    private static void write(Path report, long line, String field, String code, String message) throws IOException {
        try (BufferedWriter out = report(report)) {
            row(out, line, field, code, message);
        }
    }

    private static BufferedWriter report(Path report) throws IOException {
        Files.createDirectories(report.getParent());
        BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8);
        out.write("line;field;code;message;original\r\n");
        return out;
    }

    private static void row(BufferedWriter out, long line, String field, String code, String message) throws IOException {
        out.write(Long.toString(line));
        for (String value : new String[] {field, code, message, ""}) {
            out.write(';');
            String v = value == null ? "" : value;
            out.write(v.indexOf(';') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0 ? v
                    : '"' + v.replace("\"", "\"\"") + '"');
        }
        out.write("\r\n");
    }

    private static String sha256(Path file) throws IOException {
        try (var in = new java.security.DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
