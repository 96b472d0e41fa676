package no.inkasso.gateway.intake.file;

import java.io.InputStream;
import java.time.LocalDate;
import no.inkasso.gateway.claims.ClaimReader;

/** How a source's export files are read: a CSV format (config/sftp/*.yml) or the XML claim batch. */
public interface FileFormat {

    /** Opens {@code in} as a file of this format whose claims are read with {@code reader} as of {@code today}. */
    ClaimLines open(InputStream in, ClaimReader reader, LocalDate today) throws UnreadableFileException;

    /** The media type rejected lines are stored under. */
    String mediaType();
}
