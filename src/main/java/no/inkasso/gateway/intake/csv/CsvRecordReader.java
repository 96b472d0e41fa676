package no.inkasso.gateway.intake.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads CSV records one at a time from a character stream (RFC 4180: fields split by a separator,
 * optionally quoted with {@code "}, a quote inside a quoted field doubled, line breaks inside quotes
 * kept). Holds one record in memory, never the file. A record remembers the physical line it
 * started on and its raw text, so an error report can quote it.
 */
public final class CsvRecordReader implements AutoCloseable {

    /** One record: its fields, the line number it starts on (1-based), and its text as read. */
    public record CsvRecord(List<String> fields, long lineNumber, String raw) {
        public CsvRecord {
            fields = List.copyOf(fields);
        }

        /** A blank line: skipped by readers of data. */
        public boolean blank() {
            return fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    /** A record that cannot be read (e.g. a quote never closed); the rest of the file is not readable either. */
    public static final class MalformedCsvException extends IOException {
        private final long lineNumber;

        MalformedCsvException(String message, long lineNumber) {
            super(message + " (line " + lineNumber + ")");
            this.lineNumber = lineNumber;
        }

        public long lineNumber() {
            return lineNumber;
        }
    }

    /** Longest record accepted: protects the heap from a file that is not line-oriented at all. */
    static final int MAX_RECORD_CHARS = 64 * 1024;

    private final Reader in;
    private final char separator;
    private long line = 1;
    private int pushedBack = -2;
    private boolean bomChecked;

    public CsvRecordReader(Reader in, char separator) {
        Objects.requireNonNull(in, "in");
        this.in = in instanceof java.io.BufferedReader ? in : new java.io.BufferedReader(in, 64 * 1024);
        if (separator == '"' || separator == '\n' || separator == '\r') {
            throw new IllegalArgumentException("separator cannot be a quote or a line break");
        }
        this.separator = separator;
    }

    /** The next record, or null at the end of the stream. */
    public CsvRecord next() throws IOException {
        int c = read();
        if (!bomChecked) {
            bomChecked = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c == -1) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (raw.length() > MAX_RECORD_CHARS) {
                throw new MalformedCsvException("record longer than " + MAX_RECORD_CHARS + " characters", startLine);
            }
            if (c == -1) {
                if (quoted) {
                    throw new MalformedCsvException("a quoted field is not closed before the end of the file", startLine);
                }
                fields.add(field.toString());
                return new CsvRecord(fields, startLine, raw.toString());
            }
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    int after = read();
                    if (after == '"') {
                        field.append('"');
                        raw.append("\"\"");
                    } else {
                        quoted = false;
                        raw.append('"');
                        c = after;
                        continue;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                    raw.append(ch);
                }
            } else if (ch == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                raw.append(ch);
            } else if (ch == separator) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                raw.append(ch);
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r') {
                    int after = read();
                    if (after != '\n') {
                        unread(after);
                    }
                }
                line++;
                fields.add(field.toString());
                return new CsvRecord(fields, startLine, raw.toString());
            } else if (wasQuoted) {
                throw new MalformedCsvException("text after a closing quote", startLine);
            } else {
                field.append(ch);
                raw.append(ch);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
