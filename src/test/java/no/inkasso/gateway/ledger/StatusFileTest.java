package no.inkasso.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;

/** Status files for SFTP ledgers: CSV quoting, XML valid against its XSD, amounts exact. */
class StatusFileTest {

    private static final LedgerVocabulary WORDS = new LedgerVocabulary(new LedgerStatus("INKASSO", "Inkasso pågår"),
            Map.of("CLOSED.PAID", new LedgerStatus("BETALT", "Betalt; takk")));

    private static List<JsonNode> events() {
        String caseId = LedgerFeedbackFixture.caseId();
        return List.of(
                LedgerEvents.toLedger(LedgerEvents.read(LedgerFeedbackFixture.caseEvent("demo-erp", caseId, "e1", "CLOSED", 9,
                        "{\"closeReason\":\"PAID\"}")), "d-1", WORDS).event(),
                LedgerEvents.toLedger(LedgerEvents.read(LedgerFeedbackFixture.caseEvent("demo-erp", caseId, "e2",
                        "AWAITING_CREDITOR_DECISION", 10, "{\"question\":{\"questionId\":\"q1\",\"kind\":\"INSTALMENT_PLAN\","
                                + "\"text\":\"18 avdrag, \\\"ok\\\"?\"}}")), "d-2", WORDS).event());
    }

    @Test
    void csvHasTheHeaderAndOneQuotedRowPerEvent() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StatusFile.write(events(), LedgerDelivery.FileFormat.CSV, "demo-erp", out);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");

        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo(String.join(";", StatusFile.COLUMNS));
        assertThat(lines[1]).startsWith("d-1;2026-03-12T09:00:00+01:00;").contains(";CLOSED;BETALT;\"Betalt; takk\";AT_AGENCY;1234.50;NOK;AG-77;");
        assertThat(lines[2]).contains(";q1;\"18 avdrag, \"\"ok\"\"?\";");
    }

    @Test
    void xmlIsValidAgainstItsSchema() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StatusFile.write(events(), LedgerDelivery.FileFormat.XML, "demo-erp", out);

        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.newSchema(new File("schemas/files/ledger-status-v1.xsd")).newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(out.toByteArray())));
        String xml = out.toString(StandardCharsets.UTF_8);
        assertThat(xml).contains("<status code=\"BETALT\" mapped=\"true\">Betalt; takk</status>")
                .contains("<outstanding currency=\"NOK\">1234.50</outstanding>")
                .contains("questionId=\"q1\"");
    }

    @Test
    void theFileIsNamedAfterItsFirstDelivery() {
        assertThat(StatusFile.name("demo-erp", "0190-x", LedgerDelivery.FileFormat.CSV)).isEqualTo("demo-erp-status-0190-x.csv");
        assertThat(StatusFile.name("demo-erp", "0190-x", LedgerDelivery.FileFormat.XML)).isEqualTo("demo-erp-status-0190-x.xml");
    }
}
