package no.inkasso.gateway.intake.file;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The error report for one file, written as it is read (never held in memory): a CSV file with a
 * header row, {@code ;}-separated, UTF-8, one row per problem: line, field (a JSON pointer into the
 * claim), code, message, and the original line. Described by {@code schemas/files/error-report-v1.md}.
 */
final class ErrorReport implements AutoCloseable {

    static final String HEADER = "line;field;code;message;original";

    private final Path file;
    private final BufferedWriter out;
    private long rows;

    ErrorReport(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.write("\r\n");
    }

    /** Rows may come from the reading and the writing thread of a file: one at a time. */
    synchronized void add(long line, String field, String code, String message, String original) throws IOException {
        out.write(Long.toString(line));
        for (String value : new String[] {field, code, message, original}) {
            out.write(';');
            out.write(quoted(value == null ? "" : value));
        }
        out.write("\r\n");
        rows++;
    }

    synchronized long rows() {
        return rows;
    }

    Path file() {
        return file;
    }

    private static String quoted(String value) {
        if (value.indexOf(';') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
