package no.inkasso.gateway.sftp;

import java.nio.file.Path;
import java.util.Map;
import no.inkasso.gateway.intake.file.FileIntake;

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

    public SftpFileTaker(FileIntake intake, Map<String, FileIntake.FileSource> sources) {
        this.intake = intake;
        this.sources = Map.copyOf(sources);
    }

    public Taken take(String localPath, String fileName, String sourceId) {
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
