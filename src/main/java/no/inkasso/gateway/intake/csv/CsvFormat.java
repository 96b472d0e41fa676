package no.inkasso.gateway.intake.csv;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.intake.file.ClaimLines;
import no.inkasso.gateway.intake.file.FileFormat;
import no.inkasso.gateway.intake.file.UnreadableFileException;

/**
 * How one ledger's CSV export is laid out: separator, header row, decimal mark, date pattern,
 * encoding, which column holds which claim field, and constant values for fields the export does
 * not carry (e.g. the creditor's org number when each file is one creditor's).
 *
 * @param columns   claim field (see {@link #FIELDS}) → column name in the header, or {@code #n}
 *                  (1-based position) for files without a header
 * @param constants claim field → value used for every line
 */
public record CsvFormat(
        char separator,
        boolean header,
        char decimalSeparator,
        String datePattern,
        String encoding,
        Map<String, String> columns,
        Map<String, String> constants) implements FileFormat {

    /** The claim fields a CSV column or constant can fill. */
    public static final Set<String> FIELDS = Set.of(
            "source.system", "source.customerNumber", "source.reference",
            "creditor.orgNumber", "creditor.country", "creditor.name", "creditor.vatRegistered",
            "creditor.account.type", "creditor.account.number",
            "debtor.type", "debtor.nationalId.scheme", "debtor.nationalId.value", "debtor.name",
            "debtor.address.line1", "debtor.address.line2", "debtor.address.line3",
            "debtor.address.postalCode", "debtor.address.city", "debtor.country",
            "debtor.email", "debtor.phone", "debtor.dateOfBirth",
            "invoice.number", "invoice.issueDate", "invoice.dueDate", "invoice.currency",
            "invoice.originalAmount", "invoice.outstandingAmount", "invoice.vatAmount", "invoice.kid",
            "claimType", "disputed", "acknowledgedOn", "legalStepOn",
            "reminder.sentOn", "reminder.deadline", "reminder.fee",
            "inkassovarsel.sentOn", "inkassovarsel.deadline", "inkassovarsel.fee");

    public CsvFormat {
        if (separator == decimalSeparator) {
            throw new IllegalArgumentException("separator and decimal separator are both '" + separator + "'");
        }
        if (decimalSeparator != '.' && decimalSeparator != ',') {
            throw new IllegalArgumentException("decimal separator must be '.' or ','");
        }
        Objects.requireNonNull(datePattern, "date-pattern");
        DateTimeFormatter.ofPattern(datePattern);
        Charset.forName(Objects.requireNonNull(encoding, "encoding"));
        columns = columns == null ? Map.of() : new LinkedHashMap<>(columns);
        constants = constants == null ? Map.of() : new LinkedHashMap<>(constants);
        for (String field : columns.keySet()) {
            requireKnown(field);
            String column = columns.get(field);
            if (!header && (column == null || !column.matches("#[1-9][0-9]*"))) {
                throw new IllegalArgumentException("without a header row, column of " + field + " must be #<position>, is " + column);
            }
        }
        for (String field : constants.keySet()) {
            requireKnown(field);
            if (columns.containsKey(field)) {
                throw new IllegalArgumentException(field + " is both a column and a constant");
            }
        }
        columns = Map.copyOf(columns);
        constants = Map.copyOf(constants);
    }

    public Charset charset() {
        return Charset.forName(encoding);
    }

    private static void requireKnown(String field) {
        if (!FIELDS.contains(field)) {
            throw new IllegalArgumentException("unknown claim field '" + field + "'; known: " + new java.util.TreeSet<>(FIELDS));
        }
    }

    @Override
    public ClaimLines open(InputStream in, ClaimReader reader, LocalDate today) throws UnreadableFileException {
        return CsvClaimFile.open(in, this, reader, today);
    }

    @Override
    public String mediaType() {
        return "text/csv";
    }
}
