package no.inkasso.gateway.intake.file;

/** The file cannot be read as its format at all (header, quoting, not well-formed): what follows is not taken. */
public final class UnreadableFileException extends Exception {
    private final long lineNumber;

    public UnreadableFileException(String message, long lineNumber, Throwable cause) {
        super(message, cause);
        this.lineNumber = lineNumber;
    }

    public long lineNumber() {
        return lineNumber;
    }
}
