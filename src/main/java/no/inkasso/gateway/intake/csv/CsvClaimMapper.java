package no.inkasso.gateway.intake.csv;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.intake.csv.CsvRecordReader.CsvRecord;

/**
 * Turns one CSV record into the JSON form of a claim (the OpenAPI {@code Claim}), by a
 * {@link CsvFormat}: columns and constants to fields, dates in the file's pattern to ISO dates,
 * amounts with the file's decimal mark to numbers. Values it cannot convert are reported as field
 * errors, named by claim pointer and by column, so the claim validation that follows can report
 * everything about a line at once.
 */
public final class CsvClaimMapper {

    /** The header does not have a column the format maps: no line of the file can be read. */
    public static final class HeaderException extends Exception {
        public HeaderException(String message) {
            super(message);
        }
    }

    /** A record as a claim document, with the values that could not be converted. */
    public record MappedLine(ObjectNode claim, List<FieldError> conversionErrors) {
        public MappedLine {
            conversionErrors = List.copyOf(conversionErrors);
        }
    }

    private static final Set<String> AMOUNTS = Set.of("invoice.originalAmount", "invoice.outstandingAmount", "invoice.vatAmount",
            "reminder.fee", "inkassovarsel.fee");
    private static final Set<String> DATES = Set.of("debtor.dateOfBirth", "invoice.issueDate", "invoice.dueDate", "acknowledgedOn",
            "legalStepOn", "reminder.sentOn", "reminder.deadline", "inkassovarsel.sentOn", "inkassovarsel.deadline");
    private static final Set<String> BOOLEANS = Set.of("creditor.vatRegistered", "disputed");
    private static final Map<String, Boolean> BOOLEAN_WORDS = Map.ofEntries(
            Map.entry("true", true), Map.entry("false", false), Map.entry("yes", true), Map.entry("no", false),
            Map.entry("ja", true), Map.entry("nei", false), Map.entry("nej", false), Map.entry("j", true), Map.entry("n", false),
            Map.entry("y", true), Map.entry("1", true), Map.entry("0", false));
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private enum Kind { AMOUNT, DATE, BOOLEAN, TEXT }

    /**
     * What the mapper needs of a field on every line, worked out once per file: a million-line file
     * maps thirty-odd fields per line, and splitting the name, building the pointer and the error
     * suffix each time was most of the mapping's allocation.
     */
    private record Field(String name, String[] parentPath, String leaf, String pointer, String where, Kind kind) {

        static Field of(String name, Map<String, String> columns) {
            String[] path = name.split("\\.");
            String column = columns.get(name);
            Kind kind = AMOUNTS.contains(name) ? Kind.AMOUNT : DATES.contains(name) ? Kind.DATE
                    : BOOLEANS.contains(name) ? Kind.BOOLEAN : Kind.TEXT;
            return new Field(name, java.util.Arrays.copyOf(path, path.length - 1), path[path.length - 1], pointerOf(name),
                    column == null ? "" : " (column " + column + ")", kind);
        }
    }

    private final CsvFormat format;
    private final DateTimeFormatter dates;
    private final Map<String, Integer> columnIndex = new LinkedHashMap<>();
    private final Map<String, Field> fields = new HashMap<>();
    private final boolean dayFirst;
    private final boolean isoDates;

    /**
     * @param header the header record's fields, or null when the format has no header row
     * @throws HeaderException when a mapped column is not in the header
     */
    public CsvClaimMapper(CsvFormat format, List<String> header) throws HeaderException {
        this.format = format;
        // Strict, so 31.09 is refused rather than moved to 30.09; "yyyy" read as the proleptic year "uuuu",
        // which strict resolving needs (year-of-era would need an era field).
        this.dates = DateTimeFormatter.ofPattern(format.datePattern().replace('y', 'u'), Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
        this.dayFirst = format.datePattern().equals("dd.MM.yyyy");
        this.isoDates = format.datePattern().equals("yyyy-MM-dd");
        Map<String, Integer> positions = new HashMap<>();
        if (header != null) {
            for (int i = 0; i < header.size(); i++) {
                positions.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
            }
        }
        List<String> missing = new ArrayList<>();
        format.columns().forEach((field, column) -> {
            if (column.matches("#[1-9][0-9]*")) {
                columnIndex.put(field, Integer.parseInt(column.substring(1)) - 1);
            } else {
                Integer at = positions.get(column.trim().toLowerCase(Locale.ROOT));
                if (at == null) {
                    missing.add(column);
                } else {
                    columnIndex.put(field, at);
                }
            }
        });
        for (String field : format.constants().keySet()) {
            fields.put(field, Field.of(field, format.columns()));
        }
        for (String field : format.columns().keySet()) {
            fields.put(field, Field.of(field, format.columns()));
        }
        if (!missing.isEmpty()) {
            throw new HeaderException("the header row has no column " + String.join(", ", missing)
                    + (header == null ? "" : " (it has " + String.join(", ", header) + ")"));
        }
    }

    /** The column a claim pointer came from, for error reports; null for constants and unmapped fields. */
    public String columnOf(String pointer) {
        String field = fieldOf(pointer);
        return field == null ? null : format.columns().get(field);
    }

    public MappedLine map(CsvRecord record) {
        Map<String, String> values = new LinkedHashMap<>(format.constants());
        List<String> recordFields = record.fields();
        for (Map.Entry<String, Integer> column : columnIndex.entrySet()) {
            int index = column.getValue();
            String value = index < recordFields.size() ? recordFields.get(index).trim() : "";
            if (!value.isEmpty()) {
                values.put(column.getKey(), value);
            }
        }
        List<FieldError> errors = new ArrayList<>();
        ObjectNode claim = JSON.objectNode();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String field = e.getKey();
            if (field.startsWith("reminder.") || field.startsWith("inkassovarsel.") || field.startsWith("debtor.address.line")) {
                continue;
            }
            Field f = fields.get(field);
            setConverted(objectAt(claim, f.parentPath()), f.leaf(), f, f.pointer(), e.getValue(), errors);
        }
        putAddressLines(claim, values);
        ArrayNode notices = JSON.arrayNode();
        for (String kind : NOTICE_KINDS) {
            if (hasNotice(values, kind)) {
                ObjectNode notice = notices.addObject().put("kind", kind.equals("reminder") ? "REMINDER" : "INKASSOVARSEL");
                int at = notices.size() - 1;
                for (String part : List.of("sentOn", "deadline", "fee")) {
                    String value = values.get(kind + "." + part);
                    if (value != null) {
                        setConverted(notice, part, fields.get(kind + "." + part), "/notices/" + at + "/" + part, value, errors);
                    }
                }
            }
        }
        if (!notices.isEmpty()) {
            claim.set("notices", notices);
        }
        return new MappedLine(claim, errors);
    }

    private static final List<String> NOTICE_KINDS = List.of("reminder", "inkassovarsel");

    private static boolean hasNotice(Map<String, String> values, String kind) {
        for (String field : values.keySet()) {
            if (field.startsWith(kind) && field.length() > kind.length() && field.charAt(kind.length()) == '.') {
                return true;
            }
        }
        return false;
    }

    private void putAddressLines(ObjectNode claim, Map<String, String> values) {
        List<String> lines = new ArrayList<>();
        for (String field : List.of("debtor.address.line1", "debtor.address.line2", "debtor.address.line3")) {
            if (values.containsKey(field)) {
                lines.add(values.get(field));
            }
        }
        if (!lines.isEmpty()) {
            ObjectNode address = objectAt(claim, DEBTOR_ADDRESS);
            ArrayNode array = address.putArray("lines");
            lines.forEach(array::add);
        }
    }

    private static final String[] DEBTOR_ADDRESS = {"debtor", "address"};

    private void setConverted(ObjectNode parent, String name, Field field, String pointer, String value, List<FieldError> errors) {
        String where = field.where();
        if (field.kind() == Kind.AMOUNT) {
            String normalised = normalisedAmount(value, format.decimalSeparator());
            try {
                parent.put(name, new BigDecimal(normalised));
            } catch (NumberFormatException ex) {
                errors.add(FieldError.of(pointer, "invalid-number", "'" + value + "' is not an amount with decimal mark '"
                        + format.decimalSeparator() + "'" + where));
            }
        } else if (field.kind() == Kind.DATE) {
            try {
                parent.put(name, date(value).toString());
            } catch (DateTimeParseException ex) {
                errors.add(FieldError.of(pointer, "invalid-date", "'" + value + "' is not a date in the form " + format.datePattern() + where));
            }
        } else if (field.kind() == Kind.BOOLEAN) {
            Boolean b = BOOLEAN_WORDS.get(value.toLowerCase(Locale.ROOT));
            if (b == null) {
                errors.add(FieldError.of(pointer, "invalid-boolean", "'" + value + "' is not yes/no (true/false, ja/nei, 1/0)" + where));
            } else {
                parent.put(name, b);
            }
        } else {
            parent.put(name, value);
        }
    }

    /**
     * The date in the file's pattern. The two usual patterns are read by hand when the value has their
     * exact shape (the formatter allocates a parse context and a map per date, five dates a line);
     * {@link LocalDate#of} refuses what the strict formatter refuses, such as 31.09.
     */
    LocalDate date(String value) {
        if (value.length() == 10) {
            try {
                if (dayFirst && value.charAt(2) == '.' && value.charAt(5) == '.') {
                    return LocalDate.of(digits(value, 6, 10), digits(value, 3, 5), digits(value, 0, 2));
                }
                if (isoDates && value.charAt(4) == '-' && value.charAt(7) == '-') {
                    return LocalDate.of(digits(value, 0, 4), digits(value, 5, 7), digits(value, 8, 10));
                }
            } catch (java.time.DateTimeException | NumberFormatException e) {
                throw new DateTimeParseException("not a date: " + e.getMessage(), value, 0);
            }
        }
        return LocalDate.parse(value, dates);
    }

    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("'" + c + "' is not a digit");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The amount without grouping (spaces, no-break spaces, the other mark), with a decimal point. */
    static String normalisedAmount(String value, char decimalSeparator) {
        char grouping = decimalSeparator == ',' ? '.' : ',';
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean dropped = c == ' ' || c == '\u00A0' || c == grouping;
            boolean changed = dropped || (c == decimalSeparator && c != '.');
            if (changed && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null && !dropped) {
                out.append(c == decimalSeparator ? '.' : c);
            }
        }
        return out == null ? value : out.toString();
    }

    private static ObjectNode objectAt(ObjectNode root, String[] path) {
        ObjectNode node = root;
        for (String part : path) {
            ObjectNode child = node.get(part) instanceof ObjectNode o ? o : null;
            if (child == null) {
                child = node.putObject(part);
            }
            node = child;
        }
        return node;
    }

    static String pointerOf(String field) {
        return "/" + field.replace('.', '/');
    }

    private String fieldOf(String pointer) {
        if (pointer == null) {
            return null;
        }
        if (pointer.startsWith("/debtor/address/lines/")) {
            String rest = pointer.substring("/debtor/address/lines/".length());
            return rest.matches("[0-2]") ? "debtor.address.line" + (Integer.parseInt(rest) + 1) : null;
        }
        if (pointer.matches("/notices/[0-9]+/.*")) {
            return null;
        }
        String field = pointer.substring(1).replace('/', '.');
        return CsvFormat.FIELDS.contains(field) ? field : null;
    }
}
