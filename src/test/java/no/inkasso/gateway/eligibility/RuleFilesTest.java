package no.inkasso.gateway.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the rule book: the shipped config loads; a broken file is refused whole, naming the problem. */
class RuleFilesTest {

    static final Path RULES_DIR = Path.of("config/rules");
    static final Path TEST_AGENCIES = Path.of("src/test/resources/eligibility/agencies.yml");

    @TempDir
    Path dir;

    @Test
    void theShippedConfigLoads() {
        RuleBook book = RuleFiles.load(Path.of("config"));
        assertThat(book.agencies()).isNotEmpty();
        assertThat(book.pack("NO", LocalDate.parse("2025-03-01"))).get().extracting(RulePack::from)
                .isEqualTo(LocalDate.parse("2024-01-01"));
        assertThat(book.pack("SE", LocalDate.parse("2025-03-01"))).isPresent();
        assertThat(book.pack("NO", LocalDate.parse("2023-12-31"))).isEmpty();
    }

    @Test
    void theTestAgenciesLoadWithTheShippedRules() {
        RuleBook book = RuleFiles.load(RULES_DIR, TEST_AGENCIES);
        assertThat(book.agencies()).extracting(AgencyTerms::id)
                .containsExactly("no-standard", "no-strict", "se-lenient", "se-standard");
        assertThat(book.ledgerRequiresReminder("checkin")).isTrue();
        assertThat(book.ledgerRequiresReminder("demo-erp")).isFalse();
    }

    /** Every field of a pack but required-notice must be given: a rule left out is not a rule defaulted. */
    @ParameterizedTest(name = "no-rules.yml without {0}")
    @ValueSource(strings = {"source", "currencies", "min-days-after-due", "required-notice-min-deadline-days", "reminder-kind",
            "fee-min-days-after-due", "limitation-consumer-years", "limitation-business-years", "limitation-legal-step-years",
            "notices-interrupt-limitation", "review-days-before-limitation", "minor-age", "postal-code-pattern"})
    void aNorwegianPackMissingAFieldIsRefusedNamingIt(String field) throws IOException {
        Path rules = rulesWithout("no-rules.yml", field);
        assertThatThrownBy(() -> RuleFiles.load(rules, TEST_AGENCIES))
                .isInstanceOf(RateFiles.InvalidRateFileException.class)
                .hasMessageContaining("no-rules.yml")
                .hasMessageContaining(field);
    }

    @ParameterizedTest(name = "se-rules.yml without {0}")
    @ValueSource(strings = {"limitation-business-years", "notices-interrupt-limitation", "minor-age"})
    void aSwedishPackMissingAFieldIsRefusedNamingIt(String field) throws IOException {
        Path rules = rulesWithout("se-rules.yml", field);
        assertThatThrownBy(() -> RuleFiles.load(rules, TEST_AGENCIES))
                .isInstanceOf(RateFiles.InvalidRateFileException.class)
                .hasMessageContaining("se-rules.yml")
                .hasMessageContaining(field);
    }

    @Test
    void aPackFileForTheWrongCountryIsRefused() throws IOException {
        Path rules = copyRules();
        Files.writeString(rules.resolve("se-rules.yml"),
                Files.readString(rules.resolve("se-rules.yml")).replace("country: \"SE\"", "country: \"NO\""));
        assertThatThrownBy(() -> RuleFiles.load(rules, TEST_AGENCIES))
                .isInstanceOf(RateFiles.InvalidRateFileException.class)
                .hasMessageContaining("se-rules.yml")
                .hasMessageContaining("country must be SE");
    }

    @Test
    void anAgreementNamingAnUnknownAgencyIsRefused() throws IOException {
        Path agencies = dir.resolve("agencies.yml");
        Files.writeString(agencies, Files.readString(TEST_AGENCIES).replace("agreements:\n",
                "agreements:\n  - creditor: \"999999999\"\n    agency: no-such-agency\n    from: 2024-01-01\n"));
        assertThatThrownBy(() -> RuleFiles.load(RULES_DIR, agencies))
                .isInstanceOf(RateFiles.InvalidRateFileException.class)
                .hasMessageContaining("agencies.yml")
                .hasMessageContaining("999999999")
                .hasMessageContaining("no-such-agency")
                .hasMessageContaining("not configured");
    }

    @Test
    void anAgencyServingAJurisdictionWithoutRulesIsRefused() throws IOException {
        Path agencies = dir.resolve("agencies.yml");
        Files.writeString(agencies, Files.readString(TEST_AGENCIES)
                .replaceFirst("jurisdictions: \\[\"SE\"\\]", "jurisdictions: [\"SE\", \"DK\"]"));
        assertThatThrownBy(() -> RuleFiles.load(RULES_DIR, agencies))
                .isInstanceOf(RateFiles.InvalidRateFileException.class)
                .hasMessageContaining("se-standard")
                .hasMessageContaining("serves DK");
    }

    @Test
    void anUnknownFieldIsRefused() throws IOException {
        Path agencies = dir.resolve("agencies.yml");
        Files.writeString(agencies, Files.readString(TEST_AGENCIES).replace("    grace-days: 5\n", "    grace-days: 5\n    grace-dayz: 5\n"));
        assertThatThrownBy(() -> RuleFiles.load(RULES_DIR, agencies))
                .isInstanceOf(RateFiles.InvalidRateFileException.class)
                .hasMessageContaining("grace-dayz");
    }

    // ---- helpers ----

    private Path copyRules() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        try (Stream<Path> files = Files.list(RULES_DIR)) {
            for (Path f : files.toList()) {
                Files.copy(f, rules.resolve(f.getFileName().toString()));
            }
        }
        return rules;
    }

    /** A copy of config/rules in which {@code file} has no line setting {@code field}. */
    private Path rulesWithout(String file, String field) throws IOException {
        Path rules = copyRules();
        Path target = rules.resolve(file);
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(field) + ":.*$");
        String original = Files.readString(target);
        String edited = original.lines().filter(l -> !line.matcher(l).matches()).collect(Collectors.joining("\n", "", "\n"));
        assertThat(edited).as(field + " must be set in " + file).isNotEqualTo(original);
        Files.writeString(target, edited);
        return rules;
    }
}
