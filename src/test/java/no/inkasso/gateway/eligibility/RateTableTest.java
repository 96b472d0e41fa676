package no.inkasso.gateway.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lookups "as of" a date in the real config/rules tables, and refusal of broken rate files. */
class RateTableTest {

    private static final Path RULES = Path.of("config/rules");
    private static final NorwayRates NO = RateFiles.norway(RULES);
    private static final SwedenRates SE = RateFiles.sweden(RULES);

    private static RateTable<BigDecimal> table(String name) {
        return switch (name) {
            case "NO inkassosats" -> NO.inkassosats();
            case "NO late-interest" -> NO.lateInterest();
            case "NO reminder-fee-factor" -> NO.reminderFeeFactor();
            case "SE late-interest" -> SE.lateInterest();
            case "SE collection-fee" -> SE.collectionFee();
            default -> throw new IllegalArgumentException(name);
        };
    }

    // table, as of, expected value, or (empty value) the missing period named to the operator
    @ParameterizedTest(name = "{0} as of {1} -> {2}{3}")
    @CsvSource(textBlock = """
            NO inkassosats,         2017-01-01, 700,   
            NO inkassosats,         2025-12-31, 700,   
            NO inkassosats,         2026-01-01, 750,   
            NO inkassosats,         2030-01-01, 750,   
            NO inkassosats,         2016-12-31,      , 2016-12-31
            NO late-interest,       2024-01-01, 12.5,  
            NO late-interest,       2024-07-01, 12.5,  
            NO late-interest,       2025-06-30, 12.5,  
            NO late-interest,       2025-07-01, 12.25, 
            NO late-interest,       2026-06-30, 12.00, 
            NO late-interest,       2026-07-01,      , 2026-H2
            NO late-interest,       2027-02-01,      , 2027-H1
            NO late-interest,       2023-12-31,      , 2023-H2
            NO reminder-fee-factor, 2025-01-01, 0.05,  
            SE late-interest,       2024-12-31, 12,    
            SE late-interest,       2025-01-01, 11,    
            SE late-interest,       2025-07-01, 10,    
            SE late-interest,       2026-07-01,      , 2026-H2
            SE collection-fee,      2024-01-01, 180,   
            """)
    void asOf(String tableName, LocalDate asOf, BigDecimal value, String missingPeriod) {
        Outcome<BigDecimal> outcome = table(tableName).asOf(asOf);
        if (missingPeriod == null) {
            assertThat(outcome).isEqualTo(Outcome.ok(value));
        } else {
            assertThat(outcome).isEqualTo(Outcome.noRate(new MissingRate(tableName, missingPeriod, asOf)));
        }
    }

    @Test
    void missingRateReasonNamesThePeriod() {
        MissingRate missing = ((Outcome.NoRate<BigDecimal>) NO.lateInterest().asOf(LocalDate.of(2026, 9, 1))).missing();
        assertThat(missing.reason()).isEqualTo("no rate configured for 2026-H2 (NO late-interest)");
    }

    @Test
    void provenanceMarksFollowDomainNotes() {
        assertThat(NO.lateInterest().rows()).extracting(DatedRow::status).containsExactly(
                Provenance.SOURCED, Provenance.UNVERIFIED, Provenance.SOURCED, Provenance.COMPUTED, Provenance.SOURCED);
        assertThat(SE.lateInterest().rows()).extracting(DatedRow::status).containsExactly(
                Provenance.SOURCED, Provenance.SOURCED, Provenance.UNVERIFIED, Provenance.COMPUTED, Provenance.COMPUTED);
        Stream.of(NO.inkassosats(), NO.lateInterest(), NO.reminderFeeFactor(), NO.creditorPaymentDemandFeeFactor(),
                        NO.heavyRateMultiplier(), NO.businessMultiplier(),
                        NO.vatWhenCreditorNotRegistered(), SE.reminderFee(), SE.collectionFee(), SE.b2bCompensation(),
                        SE.lateInterest())
                .flatMap(t -> t.rows().stream())
                .forEach(row -> assertThat(row.source()).isNotBlank());
    }

    @Test
    void overlappingRowsRefuseTheWholeFile(@TempDir Path dir) throws IOException {
        String text = Files.readString(RULES.resolve(RateFiles.NORWAY_FILE))
                .replace("from: 2017-01-01, to: 2025-12-31", "from: 2017-01-01, to: 2026-01-01");
        Files.writeString(dir.resolve(RateFiles.NORWAY_FILE), text);
        assertThatThrownBy(() -> RateFiles.norway(dir))
                .isInstanceOf(RateFiles.InvalidRateFileException.class)
                .hasMessageContaining("NO inkassosats: row from 2017-01-01 overlaps the row from 2026-01-01");
    }

    @Test
    void rowWithoutSourceRefusesTheWholeFile(@TempDir Path dir) throws IOException {
        String text = Files.readString(RULES.resolve(RateFiles.SWEDEN_FILE))
                .replace("source: \"60 SEK", "note: \"60 SEK");
        Files.writeString(dir.resolve(RateFiles.SWEDEN_FILE), text);
        assertThatThrownBy(() -> RateFiles.sweden(dir))
                .isInstanceOf(RateFiles.InvalidRateFileException.class)
                .hasMessageContaining(RateFiles.SWEDEN_FILE);
    }
}
