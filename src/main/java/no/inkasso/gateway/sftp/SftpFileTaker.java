package no.inkasso.gateway.sftp;

import java.nio.file.Path;
import java.util.Map;
import no.inkasso.gateway.intake.ehf.EhfFiles;
import no.inkasso.gateway.intake.file.FileIntake;
import no.inkasso.gateway.security.GatewayClient;

/**
 * The step of an SFTP poll route: takes the downloaded copy of one file through the
 * {@link FileIntake} as its source's file and says what the route must do next (send back an
 * error report; move the file to {@code .error/} when it could not be read).
 */
public class SftpFileTaker {

    /** What the route does with a taken file: upload {@code report} (if any) as {@code reportName}, and fail it if unreadable. */
    public record Taken(Path report, String reportName, boolean unreadable, String reason) {
        public boolean hasReport() {
            return report != null;
        }
    }

    private final FileIntake intake;
    private final Map<String, FileIntake.FileSource> sources;
    private final EhfFiles ehfFiles;
    private final Map<String, GatewayClient> ehfSources;

    public SftpFileTaker(FileIntake intake, Map<String, FileIntake.FileSource> sources, EhfFiles ehfFiles,
                         Map<String, GatewayClient> ehfSources) {
        this.intake = intake;
        this.sources = Map.copyOf(sources);
        this.ehfFiles = ehfFiles;
        this.ehfSources = Map.copyOf(ehfSources);
    }

    public Taken take(String localPath, String fileName, String sourceId) {
        GatewayClient ehfClient = ehfSources.get(sourceId);
        if (ehfClient != null) {
            // an EHF inbox (format: ehf): one document per file; a refused one is reported and moved to .error/
            String name = Path.of(fileName).getFileName().toString();
            EhfFiles.Taken taken = ehfFiles.process(Path.of(localPath), name, sourceId, ehfClient);
            return new Taken(taken.report(), name + ".errors.csv", taken.rejected(), taken.reason());
        }
        FileIntake.FileSource source = sources.get(sourceId);
        if (source == null) {
            throw new IllegalStateException("no SFTP source " + sourceId);
        }
        String name = Path.of(fileName).getFileName().toString();
        FileIntake.FileOutcome outcome = intake.process(Path.of(localPath), name, source);
        String reportName = name + ".errors.csv";
        if (outcome instanceof FileIntake.FileOutcome.Unreadable unreadable) {
            return new Taken(outcome.report(), reportName, true, unreadable.reason());
        }
        return new Taken(outcome.report(), reportName, false, null);
    }
}
