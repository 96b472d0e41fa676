package no.inkasso.gateway.intake.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.claims.ClaimReading;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.intake.csv.CsvRecordReader.CsvRecord;
import no.inkasso.gateway.intake.file.ClaimLines;
import no.inkasso.gateway.intake.file.FileLine;
import no.inkasso.gateway.intake.file.UnreadableFileException;

/**
 * Reads a ledger's CSV export line by line as claims: each data line is mapped by the file's
 * {@link CsvFormat} and validated like a claim posted to the API, on its own. The caller pulls one
 * line at a time, so a file of any size is read in constant memory.
 */
public final class CsvClaimFile implements ClaimLines {

    private final CsvRecordReader records;
    private final CsvClaimMapper mapper;
    private final ClaimReader reader;
    private final LocalDate today;
    private final String encoding;

    private CsvClaimFile(CsvRecordReader records, CsvClaimMapper mapper, ClaimReader reader, LocalDate today, String encoding) {
        this.records = records;
        this.mapper = mapper;
        this.reader = reader;
        this.today = today;
        this.encoding = encoding;
    }

    /**
     * Opens {@code in} as a CSV export of {@code format}: reads the header row (if the format has one)
     * and checks it has every mapped column. Bytes that are not valid in the format's encoding are
     * replaced, and the lines holding them reported, not guessed at.
     */
    public static CsvClaimFile open(InputStream in, CsvFormat format, ClaimReader reader, LocalDate today)
            throws UnreadableFileException {
        CharsetDecoder decoder = format.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CsvRecordReader records = new CsvRecordReader(new InputStreamReader(in, decoder), format.separator());
        List<String> header = null;
        try {
            if (format.header()) {
                CsvRecord first = records.next();
                if (first == null) {
                    // An empty file: no header, no lines. Nothing to take, nothing wrong.
                    return new CsvClaimFile(records, null, reader, today, format.encoding());
                }
                header = first.fields();
                if (first.raw().indexOf('\uFFFD') >= 0) {
                    throw new UnreadableFileException("the header row has bytes that are not valid " + format.encoding()
                            + " (is the file in another encoding, e.g. ISO-8859-1? Then set encoding in the source's format)", 1, null);
                }
            }
            return new CsvClaimFile(records, new CsvClaimMapper(format, header), reader, today, format.encoding());
        } catch (CsvClaimMapper.HeaderException e) {
            throw new UnreadableFileException(e.getMessage(), 1, e);
        } catch (CsvRecordReader.MalformedCsvException e) {
            throw new UnreadableFileException(e.getMessage(), e.lineNumber(), e);
        } catch (IOException e) {
            throw new UnreadableFileException("the file could not be read: " + e.getMessage(), 1, e);
        }
    }

    /** The next data line (blank lines skipped), or null at the end of the file. */
    @Override
    public FileLine next() throws UnreadableFileException {
        if (mapper == null) {
            return null;
        }
        CsvRecord record;
        try {
            do {
                record = records.next();
            } while (record != null && record.blank());
        } catch (CsvRecordReader.MalformedCsvException e) {
            throw new UnreadableFileException(e.getMessage(), e.lineNumber(), e);
        } catch (IOException e) {
            throw new UnreadableFileException("the file could not be read: " + e.getMessage(), -1, e);
        }
        if (record == null) {
            return null;
        }
        if (record.raw().indexOf('\uFFFD') >= 0) {
            return new FileLine.Invalid(record.lineNumber(), record.raw(), List.of(FieldError.of("", "invalid-encoding",
                    "the line has bytes that are not valid " + encoding + " (is the file in another encoding, e.g. ISO-8859-1?)")));
        }
        CsvClaimMapper.MappedLine mapped = mapper.map(record);
        ClaimReading reading = reader.read(mapped.claim(), today);
        if (mapped.conversionErrors().isEmpty() && reading instanceof ClaimReading.Valid valid) {
            return new FileLine.Valid(record.lineNumber(), record.raw(), valid);
        }
        List<FieldError> errors = new ArrayList<>(mapped.conversionErrors());
        if (reading instanceof ClaimReading.Invalid invalid) {
            for (FieldError e : invalid.errors()) {
                boolean converted = mapped.conversionErrors().stream().anyMatch(c -> c.pointer().equals(e.pointer()));
                if (!converted) {
                    String column = mapper.columnOf(e.pointer());
                    errors.add(column == null ? e : FieldError.of(e.pointer(), e.code(), e.message() + " (column " + column + ")"));
                }
            }
        }
        return new FileLine.Invalid(record.lineNumber(), record.raw(), errors);
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
