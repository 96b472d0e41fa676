package no.inkasso.gateway.intake.ehf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import no.inkasso.gateway.api.ApiJson;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * An access point drops documents on ehf.inbound of the real embedded broker: an invoice becomes a
 * case, a rejected document is kept and reported on ledger.feedback, a message that is no document
 * at all is dead-lettered after its redeliveries (test profile: 3 attempts, 50 ms backoff).
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "gateway.eligibility.consume-received=false")
@AutoConfigureObservability
@ActiveProfiles("test")
class EhfInboundIT {

    private static final Duration TAKEN = Duration.ofSeconds(60);
    private static final com.networknt.schema.JsonSchema FEEDBACK_SCHEMA = com.networknt.schema.JsonSchemaFactory
            .getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7)
            .getSchema(com.networknt.schema.SchemaLocation.of("file:schemas/messages/ledger-feedback-v1.schema.json"));

    @Autowired
    JmsTemplate jms;
    @Autowired
    JdbcTemplate jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void patience() {
        jms.setReceiveTimeout(30_000);
    }

    @Test
    void anInvoiceDroppedAsBytesBecomesACase() {
        String number = "Q-" + run;
        jms.send("ehf.inbound", session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(EhfDocuments.inSbdh(EhfDocuments.invoice(number), "Invoice").getBytes(StandardCharsets.UTF_8));
            message.setStringProperty("clientId", "demo-ledger");
            message.setStringProperty("correlationId", "ap-" + run);
            return message;
        });

        await().atMost(TAKEN).until(() -> jdbc.queryForObject("select count(*) from claim_case where invoice_number = ?", Integer.class,
                number) == 1);
        assertThat(jdbc.queryForMap("select received_via, correlation_id, source_system from claim_case where invoice_number = ?", number))
                .containsEntry("received_via", "EHF").containsEntry("correlation_id", "ap-" + run).containsEntry("source_system", "demo-erp");
    }

    @Test
    void aRejectedDocumentIsKeptAndReportedOnLedgerFeedback() throws Exception {
        String broken = "%PDF-1.4 an invoice as a PDF, not as EHF";
        jms.send("ehf.inbound", session -> {
            TextMessage message = session.createTextMessage(broken);
            message.setStringProperty("clientId", "demo-ledger");
            message.setStringProperty("correlationId", "bad-" + run);
            return message;
        });

        TextMessage feedback = (TextMessage) jms.receiveSelected("ledger.feedback", "correlationId = 'bad-" + run + "'");

        assertThat(feedback).as("ledger.feedback message").isNotNull();
        JsonNode report = ApiJson.mapper().readTree(feedback.getText());
        assertThat(report.get("kind").asText()).isEqualTo("EHF_REJECTED");
        assertThat(report.get("reason").asText()).isEqualTo("NOT_XML");
        assertThat(report.get("clientId").asText()).isEqualTo("demo-ledger");
        assertThat(FEEDBACK_SCHEMA.validate(report)).as("ledger.feedback message against its schema").isEmpty();
        String rejectionId = report.get("rejectionId").asText();
        assertThat(jdbc.queryForObject("select channel from rejected_input where rejection_id = ?", String.class, rejectionId)).isEqualTo("EHF");
        assertThat(new String(jdbc.queryForObject("select original from rejected_input where rejection_id = ?", byte[].class, rejectionId),
                StandardCharsets.UTF_8)).isEqualTo(broken);
    }

    @Test
    void aDocumentFromNoKnownClientIsRejectedAndReported() throws Exception {
        jms.send("ehf.inbound", session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(EhfDocuments.invoice("U-" + run).getBytes(StandardCharsets.UTF_8));
            message.setStringProperty("correlationId", "anon-" + run);
            return message;
        });

        TextMessage feedback = (TextMessage) jms.receiveSelected("ledger.feedback", "correlationId = 'anon-" + run + "'");

        assertThat(feedback).isNotNull();
        JsonNode report = ApiJson.mapper().readTree(feedback.getText());
        assertThat(report.get("reason").asText()).isEqualTo("UNKNOWN_SENDER");
        assertThat(FEEDBACK_SCHEMA.validate(report)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from claim_case where invoice_number = ?", Integer.class, "U-" + run)).isZero();
    }

    @Test
    void aHeldCreditNoteIsReportedOnLedgerFeedback() throws Exception {
        jms.send("ehf.inbound", session -> {
            TextMessage message = session.createTextMessage(EhfDocuments.partialCredit("QCN-" + run, "QI-" + run));
            message.setStringProperty("clientId", "demo-ledger");
            message.setStringProperty("correlationId", "held-" + run);
            return message;
        });

        TextMessage feedback = (TextMessage) jms.receiveSelected("ledger.feedback", "correlationId = 'held-" + run + "'");

        assertThat(feedback).isNotNull();
        JsonNode report = ApiJson.mapper().readTree(feedback.getText());
        assertThat(report.get("kind").asText()).isEqualTo("EHF_CREDIT_NOTE_HELD");
        assertThat(report.get("invoiceNumber").asText()).isEqualTo("QI-" + run);
        assertThat(FEEDBACK_SCHEMA.validate(report)).isEmpty();
    }

    @Test
    void aMessageThatIsNoDocumentIsDeadLetteredAfterItsRedeliveries() throws Exception {
        jms.send("ehf.inbound", session -> {
            MapMessage message = session.createMapMessage();
            message.setString("invoice", "not a document");
            message.setStringProperty("clientId", "demo-ledger");
            message.setStringProperty("correlationId", "poison-" + run);
            return message;
        });

        Message dead = jms.receiveSelected("ehf.inbound.dlq", "correlationId = 'poison-" + run + "'");

        assertThat(dead).as("message on ehf.inbound.dlq").isInstanceOf(MapMessage.class);
        assertThat(dead.getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo("ehf.inbound");
        assertThat(jdbc.queryForObject("select count(*) from rejected_input where correlation_id = ?", Integer.class, "poison-" + run)).isZero();
    }
}
