package no.inkasso.gateway.intake.file;

import java.io.IOException;

/** An open export file read one claim at a time, so a file of any size is read in constant memory. */
public interface ClaimLines extends AutoCloseable {

    /** The next claim of the file, or null at its end. */
    FileLine next() throws UnreadableFileException;

    @Override
    void close() throws IOException;
}
