package no.inkasso.gateway.eligibility;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the whole {@link RuleBook} from a config directory: {@code rules/no-rules.yml},
 * {@code rules/se-rules.yml}, the rate tables beside them, and {@code agencies.yml}. A file that is
 * malformed or inconsistent is refused whole, naming the file and the problem: the gateway does
 * not start on half a rule book.
 */
public final class RuleFiles {

    public static final String NORWAY_RULES = "no-rules.yml";
    public static final String SWEDEN_RULES = "se-rules.yml";
    public static final String AGENCIES = "agencies.yml";

    private static final JsonMapper YAML = JsonMapper.builder(new YAMLFactory())
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private RuleFiles() {
    }

    record PackFile(String country, List<PackRow> packs) {
    }

    /** A pack as written in the file; the country comes from the file. */
    record PackRow(java.time.LocalDate from, String source, List<String> currencies, Integer minDaysAfterDue,
                   no.inkasso.gateway.claims.model.NoticeKind requiredNotice, Integer requiredNoticeMinDeadlineDays,
                   no.inkasso.gateway.claims.model.NoticeKind reminderKind, Integer feeMinDaysAfterDue,
                   Integer limitationConsumerYears, Integer limitationBusinessYears, Integer limitationLegalStepYears,
                   Boolean noticesInterruptLimitation, Integer reviewDaysBeforeLimitation, Integer minorAge,
                   String postalCodePattern, java.util.Set<no.inkasso.gateway.claims.model.ClaimType> loanClaimTypes,
                   Integer limitationLoanYears) {

        /** Every field but {@code required-notice} must be given: a rule left out is not a rule defaulted. */
        RulePack in(String country) {
            String at = "pack from " + from + ": ";
            return new RulePack(country, from, source, currencies,
                    Objects.requireNonNull(minDaysAfterDue, at + "min-days-after-due"), requiredNotice,
                    Objects.requireNonNull(requiredNoticeMinDeadlineDays, at + "required-notice-min-deadline-days"),
                    reminderKind,
                    Objects.requireNonNull(feeMinDaysAfterDue, at + "fee-min-days-after-due"),
                    Objects.requireNonNull(limitationConsumerYears, at + "limitation-consumer-years"),
                    Objects.requireNonNull(limitationBusinessYears, at + "limitation-business-years"),
                    Objects.requireNonNull(limitationLegalStepYears, at + "limitation-legal-step-years"),
                    Objects.requireNonNull(noticesInterruptLimitation, at + "notices-interrupt-limitation"),
                    Objects.requireNonNull(reviewDaysBeforeLimitation, at + "review-days-before-limitation"),
                    Objects.requireNonNull(minorAge, at + "minor-age"), postalCodePattern, loanClaimTypes,
                    limitationLoanYears == null ? 0 : limitationLoanYears);
        }
    }

    record AgencyFile(List<AgencyTerms> agencies, List<Agreement> agreements, List<LedgerTerms> ledgers) {
    }

    /** Reads the rule book from {@code configDir} (normally {@code config}). */
    public static RuleBook load(Path configDir) {
        return load(configDir.resolve("rules"), configDir.resolve(AGENCIES));
    }

    /** Reads the rule packs and rate tables from {@code rulesDir} and the agencies from {@code agenciesFile}. */
    public static RuleBook load(Path rulesDir, Path agenciesFile) {
        List<RulePack> packs = new ArrayList<>();
        packs.addAll(packs(rulesDir.resolve(NORWAY_RULES), "NO"));
        packs.addAll(packs(rulesDir.resolve(SWEDEN_RULES), "SE"));
        NorwayRates norway = RateFiles.norway(rulesDir);
        SwedenRates sweden = RateFiles.sweden(rulesDir);
        AgencyFile agencies = read(agenciesFile, AgencyFile.class);
        try {
            return new RuleBook(packs, norway, sweden, nonNull(agencies.agencies()), nonNull(agencies.agreements()),
                    nonNull(agencies.ledgers()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RateFiles.InvalidRateFileException(agenciesFile + ": " + e.getMessage(), e);
        }
    }

    private static List<RulePack> packs(Path file, String country) {
        PackFile f = read(file, PackFile.class);
        try {
            if (!country.equals(f.country())) {
                throw new IllegalArgumentException("country must be " + country + ", is " + f.country());
            }
            if (f.packs() == null || f.packs().isEmpty()) {
                throw new IllegalArgumentException("no packs");
            }
            return f.packs().stream().map(p -> p.in(country)).toList();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RateFiles.InvalidRateFileException(file + ": " + e.getMessage(), e);
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> T read(Path file, Class<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readValue(in, type);
        } catch (IOException | RuntimeException e) {
            throw new RateFiles.InvalidRateFileException(file + ": " + e.getMessage(), e);
        }
    }
}
