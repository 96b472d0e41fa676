package no.inkasso.gateway.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import no.inkasso.gateway.claims.model.ClaimType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Creditor agreements split by amount band (agencies.yml `agreements[].min-amount` / `max-amount`). */
class AgreementBandTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @TempDir
    Path dir;

    private RuleBook book() throws Exception {
        String agencies = Files.readString(Path.of("src/test/resources/eligibility/agencies.yml")).replace("agreements:\n", """
                agreements:
                  - creditor: "555555555"
                    agency: no-strict
                    from: 2024-01-01
                    max-amount: 9999.99
                  - creditor: "555555555"
                    agency: no-standard
                    from: 2024-01-01
                    min-amount: 10000
                """);
        Path file = dir.resolve("agencies.yml");
        Files.writeString(file, agencies);
        return RuleFiles.load(Path.of("config/rules"), file);
    }

    @ParameterizedTest
    @CsvSource({"100.00, no-strict", "9999.99, no-strict", "10000.00, no-standard", "250000, no-standard"})
    void theClaimsOutstandingAmountChoosesTheAgency(String outstanding, String agency) throws Exception {
        assertThat(book().agreementFor("555555555", "NO", ClaimType.ORDINARY, new BigDecimal(outstanding), DAY))
                .hasValueSatisfying(a -> assertThat(a.agency()).isEqualTo(agency));
    }

    @Test
    void bandsAreInclusiveAndOpenWhenAbsent() {
        Agreement band = new Agreement("1", "a", DAY, null, null, null, new BigDecimal("100"), new BigDecimal("200"));
        Agreement open = new Agreement("1", "a", DAY, null, null, null);

        assertThat(band.covers("NO", ClaimType.ORDINARY, new BigDecimal("100.00"))).isTrue();
        assertThat(band.covers("NO", ClaimType.ORDINARY, new BigDecimal("200.00"))).isTrue();
        assertThat(band.covers("NO", ClaimType.ORDINARY, new BigDecimal("99.99"))).isFalse();
        assertThat(band.covers("NO", ClaimType.ORDINARY, new BigDecimal("200.01"))).isFalse();
        assertThat(open.covers("NO", ClaimType.ORDINARY, new BigDecimal("1000000000"))).isTrue();
    }

    @Test
    void aBandUpsideDownIsRefusedAtStart() {
        assertThatThrownBy(() -> new Agreement("1", "a", DAY, null, null, null, new BigDecimal("200"), new BigDecimal("100")))
                .hasMessage("agreement of creditor 1 with a: max-amount is below min-amount");
    }
}
