package no.inkasso.gateway.ehf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import no.inkasso.gateway.claims.model.Claim;
import org.junit.jupiter.api.Test;

/** The README's EHF examples pass every PEPPOL rule and say what the README says they do. */
class EhfExamplesTest {

    private static EhfResult read(String file) throws Exception {
        return SharedRules.reader(SchematronMode.ENFORCE).read(Files.readAllBytes(Path.of("examples/ehf", file)), EhfOrigin.of("demo-erp"));
    }

    @Test
    void theExampleInvoiceIsAClaimOfTheDemoCreditor() throws Exception {
        EhfResult result = read("invoice.xml");

        assertThat(result).as("%s", result).isInstanceOf(EhfResult.Accepted.class);
        assertThat(((EhfResult.Accepted) result).warnings()).as("warnings").isEmpty();
        Claim claim = ((EhfInvoice) ((EhfResult.Accepted) result).document()).claim();
        assertThat(claim.getCreditor().getOrgNumber()).isEqualTo("923609016");
        assertThat(claim.getInvoice().getNumber()).isEqualTo("EHF-2026-3001");
        assertThat(claim.getInvoice().getOutstandingAmount()).isEqualByComparingTo("4250.00");
        assertThat(claim.getInvoice().getKid()).isEqualTo("1002003000");
    }

    @Test
    void theExampleCreditNoteCreditsHalfOfTheExampleInvoice() throws Exception {
        EhfResult result = read("credit-note.xml");

        assertThat(result).as("%s", result).isInstanceOf(EhfResult.Accepted.class);
        assertThat(((EhfResult.Accepted) result).warnings()).as("warnings").isEmpty();
        EhfCreditNote credit = (EhfCreditNote) ((EhfResult.Accepted) result).document();
        assertThat(credit.creditedInvoiceNumbers()).containsExactly("EHF-2026-3001");
        assertThat(credit.amount()).isEqualByComparingTo("2125.00");
    }
}
