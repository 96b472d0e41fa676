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

    private final CsvFormat format;
    private final DateTimeFormatter dates;
    private final Map<String, Integer> columnIndex = new LinkedHashMap<>();

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
        columnIndex.forEach((field, index) -> {
            String value = index < record.fields().size() ? record.fields().get(index).trim() : "";
            if (!value.isEmpty()) {
                values.put(field, value);
            }
        });
        List<FieldError> errors = new ArrayList<>();
        ObjectNode claim = JSON.objectNode();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String field = e.getKey();
            if (field.startsWith("reminder.") || field.startsWith("inkassovarsel.") || field.startsWith("debtor.address.line")) {
                continue;
            }
            put(claim, field, pointerOf(field), e.getValue(), errors);
        }
        putAddressLines(claim, values);
        ArrayNode notices = JSON.arrayNode();
        for (String kind : List.of("reminder", "inkassovarsel")) {
            if (values.keySet().stream().anyMatch(f -> f.startsWith(kind + "."))) {
                ObjectNode notice = notices.addObject().put("kind", kind.equals("reminder") ? "REMINDER" : "INKASSOVARSEL");
                int at = notices.size() - 1;
                for (String part : List.of("sentOn", "deadline", "fee")) {
                    String value = values.get(kind + "." + part);
                    if (value != null) {
                        setConverted(notice, part, kind + "." + part, "/notices/" + at + "/" + part, value, errors);
                    }
                }
            }
        }
        if (!notices.isEmpty()) {
            claim.set("notices", notices);
        }
        return new MappedLine(claim, errors);
    }

    private void putAddressLines(ObjectNode claim, Map<String, String> values) {
        List<String> lines = new ArrayList<>();
        for (String field : List.of("debtor.address.line1", "debtor.address.line2", "debtor.address.line3")) {
            if (values.containsKey(field)) {
                lines.add(values.get(field));
            }
        }
        if (!lines.isEmpty()) {
            ObjectNode address = objectAt(claim, List.of("debtor", "address"));
            ArrayNode array = address.putArray("lines");
            lines.forEach(array::add);
        }
    }

    private void put(ObjectNode claim, String field, String pointer, String value, List<FieldError> errors) {
        List<String> path = List.of(field.split("\\."));
        ObjectNode parent = objectAt(claim, path.subList(0, path.size() - 1));
        setConverted(parent, path.get(path.size() - 1), field, pointer, value, errors);
    }

    private void setConverted(ObjectNode parent, String name, String field, String pointer, String value, List<FieldError> errors) {
        String column = format.columns().get(field);
        String where = column == null ? "" : " (column " + column + ")";
        if (AMOUNTS.contains(field)) {
            String normalised = value.replace(" ", "").replace("\u00A0", "");
            if (format.decimalSeparator() == ',') {
                normalised = normalised.replace(".", "").replace(',', '.');
            } else {
                normalised = normalised.replace(",", "");
            }
            try {
                parent.put(name, new BigDecimal(normalised));
            } catch (NumberFormatException ex) {
                errors.add(FieldError.of(pointer, "invalid-number", "'" + value + "' is not an amount with decimal mark '"
                        + format.decimalSeparator() + "'" + where));
            }
        } else if (DATES.contains(field)) {
            try {
                parent.put(name, LocalDate.parse(value, dates).toString());
            } catch (DateTimeParseException ex) {
                errors.add(FieldError.of(pointer, "invalid-date", "'" + value + "' is not a date in the form " + format.datePattern() + where));
            }
        } else if (BOOLEANS.contains(field)) {
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

    private static ObjectNode objectAt(ObjectNode root, List<String> path) {
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
