package no.inkasso.gateway.eligibility;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads the rate tables from {@code config/rules/no-rates.yml} and {@code config/rules/se-rates.yml}.
 * A file that is malformed, has a row without value or source, or has overlapping rows is refused
 * as a whole with {@link InvalidRateFileException}: a half-read table would silently leave gaps.
 */
public final class RateFiles {

    public static final String NORWAY_FILE = "no-rates.yml";
    public static final String SWEDEN_FILE = "se-rates.yml";

    private static final JsonMapper YAML = JsonMapper.builder(new YAMLFactory())
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RateFiles() {
    }

    /** Thrown when a rate file cannot be used; the message names the file and what is wrong. */
    public static final class InvalidRateFileException extends RuntimeException {
        public InvalidRateFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    record TableFile<T>(@JsonProperty("period") PeriodKind period, @JsonProperty("rows") List<DatedRow<T>> rows) {
    }

    record NorwayFile(
            @JsonProperty("country") String country,
            @JsonProperty("currency") String currency,
            @JsonProperty("inkassosats") TableFile<BigDecimal> inkassosats,
            @JsonProperty("late-interest") TableFile<BigDecimal> lateInterest,
            @JsonProperty("reminder-fee-factor") TableFile<BigDecimal> reminderFeeFactor,
            @JsonProperty("creditor-payment-demand-fee-factor") TableFile<BigDecimal> creditorPaymentDemandFeeFactor,
            @JsonProperty("collection-fee-brackets") TableFile<List<FeeBracket>> collectionFeeBrackets,
            @JsonProperty("heavy-rate-multiplier") TableFile<BigDecimal> heavyRateMultiplier,
            @JsonProperty("business-multiplier") TableFile<BigDecimal> businessMultiplier,
            @JsonProperty("vat-when-creditor-not-registered") TableFile<BigDecimal> vatWhenCreditorNotRegistered) {
    }

    record SwedenFile(
            @JsonProperty("country") String country,
            @JsonProperty("currency") String currency,
            @JsonProperty("reminder-fee") TableFile<BigDecimal> reminderFee,
            @JsonProperty("collection-fee") TableFile<BigDecimal> collectionFee,
            @JsonProperty("b2b-compensation") TableFile<BigDecimal> b2bCompensation,
            @JsonProperty("late-interest") TableFile<BigDecimal> lateInterest) {
    }

    /** Reads {@value #NORWAY_FILE} from {@code rulesDir} (normally {@code config/rules}). */
    public static NorwayRates norway(Path rulesDir) {
        Path file = rulesDir.resolve(NORWAY_FILE);
        NorwayFile f = read(file, NorwayFile.class);
        try {
            return new NorwayRates(
                    table(file, "NO inkassosats", f.inkassosats()),
                    table(file, "NO late-interest", f.lateInterest()),
                    table(file, "NO reminder-fee-factor", f.reminderFeeFactor()),
                    table(file, "NO creditor-payment-demand-fee-factor", f.creditorPaymentDemandFeeFactor()),
                    table(file, "NO collection-fee-brackets", f.collectionFeeBrackets()),
                    table(file, "NO heavy-rate-multiplier", f.heavyRateMultiplier()),
                    table(file, "NO business-multiplier", f.businessMultiplier()),
                    table(file, "NO vat-when-creditor-not-registered", f.vatWhenCreditorNotRegistered()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRateFileException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@value #SWEDEN_FILE} from {@code rulesDir} (normally {@code config/rules}). */
    public static SwedenRates sweden(Path rulesDir) {
        Path file = rulesDir.resolve(SWEDEN_FILE);
        SwedenFile f = read(file, SwedenFile.class);
        try {
            return new SwedenRates(
                    table(file, "SE reminder-fee", f.reminderFee()),
                    table(file, "SE collection-fee", f.collectionFee()),
                    table(file, "SE b2b-compensation", f.b2bCompensation()),
                    table(file, "SE late-interest", f.lateInterest()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRateFileException(file + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(Path file, Class<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readValue(in, type);
        } catch (IOException | RuntimeException e) {
            throw new InvalidRateFileException(file + ": " + e.getMessage(), e);
        }
    }

    private static <T> RateTable<T> table(Path file, String name, TableFile<T> t) {
        if (t == null || t.period() == null || t.rows() == null) {
            throw new IllegalArgumentException("table " + name + " is missing or has no `period` / `rows`");
        }
        t.rows().forEach(r -> Objects.requireNonNull(r, name + ": empty row"));
        return new RateTable<>(name, t.period(), t.rows());
    }
}
