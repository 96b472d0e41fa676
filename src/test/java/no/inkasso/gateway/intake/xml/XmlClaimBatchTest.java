package no.inkasso.gateway.intake.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.claims.ClaimSchema;
import no.inkasso.gateway.claims.ClaimValidator;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.intake.file.ClaimLines;
import no.inkasso.gateway.intake.file.FileLine;
import no.inkasso.gateway.intake.file.UnreadableFileException;
import org.junit.jupiter.api.Test;

class XmlClaimBatchTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final XmlClaimBatch FORMAT = new XmlClaimBatch();
    private static final ClaimReader READER = new ClaimReader(new ClaimSchema(), new ClaimValidator());

    private static String example() throws Exception {
        return Files.readString(Path.of("examples/sftp/demo-erp-claims.xml"), StandardCharsets.UTF_8);
    }

    /** The example's first claim element, whole, to build other batches from. */
    private static String firstClaim() throws Exception {
        String xml = example();
        return xml.substring(xml.indexOf("<claim>"), xml.indexOf("</claim>") + "</claim>".length());
    }

    private static String batch(String... claims) {
        return "<?xml version=\"1.0\"?>\n<claims xmlns=\"urn:inkasso-gateway:claim:1\">\n" + String.join("\n", claims) + "\n</claims>\n";
    }

    private static List<FileLine> read(String xml) throws Exception {
        List<FileLine> lines = new ArrayList<>();
        try (ClaimLines file = FORMAT.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), READER, TODAY)) {
            FileLine line;
            while ((line = file.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void theExampleHasTwoGoodClaimsAndOneTheXsdRefusesOnTheLineItStarts() throws Exception {
        List<FileLine> lines = read(example());

        assertThat(lines).hasSize(3);
        FileLine.Valid first = (FileLine.Valid) lines.get(0);
        assertThat(first.reading().claim().getInvoice().getNumber()).isEqualTo("XML-2026-3001");
        assertThat(first.reading().claim().getInvoice().getOutstandingAmount()).isEqualByComparingTo("4250.00");
        assertThat(first.reading().claim().getNotices()).hasSize(2);
        assertThat(first.lineNumber()).isEqualTo(5);
        assertThat(((FileLine.Valid) lines.get(1)).reading().claim().getDebtor().getName()).isEqualTo("Berg Bygg AS");
        FileLine.Invalid third = (FileLine.Invalid) lines.get(2);
        assertThat(third.lineNumber()).isEqualTo(30);
        assertThat(third.errors()).as("the XSD's finding, not the binding's echo of it").extracting(FieldError::code).containsExactly("xsd-invalid");
        assertThat(third.errors().get(0).message()).contains("2026-09-31").contains("(line 36)");
        assertThat(third.raw()).startsWith("<claim").contains("XML-2026-3003").endsWith("</claim>");
    }

    @Test
    void aClaimTheXsdAcceptsStillMeetsTheApisRules() throws Exception {
        // a check digit the XSD cannot know about
        String badId = firstClaim().replace("15038512363", "15038512364");

        FileLine.Invalid line = (FileLine.Invalid) read(batch(badId)).get(0);

        assertThat(line.errors()).extracting(FieldError::pointer).contains("/debtor/nationalId/value");
    }

    @Test
    void theSameClaimAsXmlOrAsJsonHasTheSameFingerprint() throws Exception {
        FileLine.Valid fromXml = (FileLine.Valid) read(batch(firstClaim())).get(0);
        var json = no.inkasso.gateway.api.ApiJson.mapper().valueToTree(fromXml.reading().claim());

        var fromJson = (no.inkasso.gateway.claims.ClaimReading.Valid) READER.read(json, TODAY);

        assertThat(fromJson.sha256()).isEqualTo(fromXml.reading().sha256());
    }

    @Test
    void anElementThatIsNotAClaimIsReportedAndTheRestTaken() throws Exception {
        List<FileLine> lines = read(batch("<invoice/>", firstClaim()));

        assertThat(((FileLine.Invalid) lines.get(0)).errors()).extracting(FieldError::code).containsExactly("unexpected-element");
        assertThat(lines.get(1)).isInstanceOf(FileLine.Valid.class);
    }

    @Test
    void aFileThatBreaksOffIsUnreadableFromWhereItBreaks() throws Exception {
        String broken = batch(firstClaim(), firstClaim()).replace("</claims>", "<claim><source>");

        List<FileLine> taken = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (ClaimLines file = FORMAT.open(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), READER, TODAY)) {
                FileLine line;
                while ((line = file.next()) != null) {
                    taken.add(line);
                }
            }
        }).isInstanceOf(UnreadableFileException.class).hasMessageContaining("not well-formed");
        assertThat(taken).as("what came before the break").hasSize(2);
    }

    @Test
    void theWrongRootOrNamespaceIsUnreadable() {
        assertThatThrownBy(() -> read("<claims><claim/></claims>"))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("urn:inkasso-gateway:claim:1");
        assertThatThrownBy(() -> read("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>"))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("<Invoice>");
    }

    @Test
    void aDoctypeIsRefusedAndNoEntityIsEverResolved() throws Exception {
        Path secret = Files.createTempFile("secret", ".txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE claims [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<claims xmlns=\"urn:inkasso-gateway:claim:1\">" + firstClaim().replace("Kari Nordmann", "&x;") + "</claims>";

        assertThatThrownBy(() -> read(xxe)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("DOCTYPE").hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void anEmptyFileHasNoClaimsAndNothingWrong() throws Exception {
        assertThat(read("")).isEmpty();
        assertThat(read("<?xml version=\"1.0\"?>\n<claims xmlns=\"urn:inkasso-gateway:claim:1\"/>")).isEmpty();
    }
}
