package no.inkasso.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ledger.feedback to ledger.event: identity of each kind, the ledger's words, the question and how to answer it. */
class LedgerEventsTest {

    static final JsonSchema LEDGER_EVENT = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of("file:schemas/messages/ledger-event-v1.schema.json"));
    private static final LedgerVocabulary WORDS = new LedgerVocabulary(new LedgerStatus("INKASSO", "Inkasso pågår"), Map.of(
            "AWAITING_CREDITOR_DECISION", new LedgerStatus("VENTER", "Inkasso venter på tilbakemelding fra kreditor"),
            "ELIGIBILITY_REJECTED", new LedgerStatus("AVVIST", "Avvist")));

    @Test
    void aCaseEventIsKnownByItsEventIdAndACopyHasTheSameKey() {
        String caseId = LedgerFeedbackFixture.caseId();
        String body = LedgerFeedbackFixture.caseEvent("demo-erp", caseId, "ev-1", "PAYMENT_RECEIVED", 3,
                "{\"amount\":100.10,\"paidOn\":\"2026-03-11\"}");

        LedgerEvents.Feedback first = LedgerEvents.read(body);
        LedgerEvents.Feedback copy = LedgerEvents.read(body.replace("\n", " "));

        assertThat(first.key()).isEqualTo("CASE_EVENT:ev-1").isEqualTo(copy.key());
        assertThat(first.type()).isEqualTo("PAYMENT_RECEIVED");
        assertThat(first.sourceSystem()).isEqualTo("demo-erp");
        assertThat(first.caseId()).isEqualTo(caseId);
        assertThat(first.known()).isTrue();
    }

    @Test
    void eachKindHasItsOwnIdentity() {
        String caseId = LedgerFeedbackFixture.caseId();
        assertThat(LedgerEvents.read(LedgerFeedbackFixture.rejected("demo-erp", caseId)).key())
                .isEqualTo("ELIGIBILITY_REJECTED:" + caseId + ":2026-03-12T10:15:30+01:00");
        assertThat(LedgerEvents.read("""
                {"schema":"ledger.feedback/v1","kind":"EHF_REJECTED","correlationId":"c","occurredAt":"2026-03-12T10:00:00Z",
                 "channel":"EHF","rejectionId":"rej-9","reason":"NOT_XML","message":"m","errors":[]}""").key())
                .isEqualTo("EHF_REJECTED:rej-9");
        LedgerEvents.Feedback unknown = LedgerEvents.read("{\"kind\":\"SOMETHING_LATER\",\"sourceSystem\":\"demo-erp\"}");
        assertThat(unknown.known()).isFalse();
        assertThat(unknown.key()).startsWith("SOMETHING_LATER:").hasSize("SOMETHING_LATER:".length() + 64);
        LedgerEvents.Feedback garbage = LedgerEvents.read("not json at all");
        assertThat(garbage.kind()).isEqualTo("UNREADABLE");
        assertThat(garbage.known()).isFalse();
        assertThat(garbage.body()).isEqualTo("not json at all");
    }

    @Test
    void aQuestionReachesTheLedgerWithHowToAnswerItThroughTheCommandsApi() {
        String caseId = LedgerFeedbackFixture.caseId();
        LedgerEvents.Feedback feedback = LedgerEvents.read(LedgerFeedbackFixture.caseEvent("demo-erp", caseId, "ev-2",
                "AWAITING_CREDITOR_DECISION", 4, """
                {"question":{"questionId":"q-17","kind":"LEGAL_STEP","text":"Send til namsmannen?"}}"""));

        LedgerEvents.Mapped mapped = LedgerEvents.toLedger(feedback, "d-1", WORDS);
        JsonNode event = mapped.event();

        assertThat(LEDGER_EVENT.validate(event)).as("against ledger-event-v1").isEmpty();
        assertThat(event.at("/status/code").asText()).isEqualTo("VENTER");
        assertThat(event.at("/status/text").asText()).isEqualTo("Inkasso venter på tilbakemelding fra kreditor");
        assertThat(event.at("/status/mapped").asBoolean()).isTrue();
        assertThat(event.at("/question/questionId").asText()).isEqualTo("q-17");
        assertThat(event.at("/question/kind").asText()).isEqualTo("LEGAL_STEP");
        assertThat(event.at("/question/answer/path").asText()).isEqualTo("/api/v1/claims/" + caseId + "/commands");
        assertThat(event.at("/question/answer/body/kind").asText()).isEqualTo("ANSWER");
        assertThat(event.at("/question/answer/body/questionId").asText()).isEqualTo("q-17");
        assertThat(event.path("occurredAt").asText()).as("when it happened at the agency").isEqualTo("2026-03-12T09:00:00+01:00");
        assertThat(event.path("recordedAt").asText()).isEqualTo("2026-03-12T10:15:30+01:00");
        assertThat(event.path("agencyCaseNumber").asText()).isEqualTo("AG-77");
        assertThat(event.has("somethingNew")).as("unknown fields are not passed on at the top").isFalse();
    }

    @Test
    void amountsStayExactToTheOre() throws Exception {
        LedgerEvents.Feedback feedback = LedgerEvents.read(LedgerFeedbackFixture.caseEvent("demo-erp", LedgerFeedbackFixture.caseId(),
                "ev-3", "SETTLEMENT", 5, """
                {"remittance":{"paid":1234.50,"toCreditor":1000.10,"interest":34.40,"fees":200.00,"vat":0.00,"currency":"NOK"}}"""));

        String written = LedgerEvents.write(LedgerEvents.toLedger(feedback, "d-2", WORDS).event());
        JsonNode event = LedgerEvents.readEvent(written);

        assertThat(written).contains("\"amount\":1234.50").contains("\"toCreditor\":1000.10").contains("\"fees\":200.00");
        assertThat(event.at("/outstanding/amount").decimalValue()).isEqualTo(new BigDecimal("1234.50"));
        assertThat(event.at("/status/mapped").asBoolean()).as("SETTLEMENT is not in this vocabulary").isFalse();
        assertThat(event.at("/status/code").asText()).isEqualTo("INKASSO");
        assertThat(LEDGER_EVENT.validate(event)).isEmpty();
    }

    @Test
    void anEligibilityRejectionCarriesItsDecisionInBrief() {
        LedgerEvents.Feedback feedback = LedgerEvents.read(LedgerFeedbackFixture.rejected("demo-erp", LedgerFeedbackFixture.caseId()));

        JsonNode event = LedgerEvents.toLedger(feedback, "d-3", WORDS).event();

        assertThat(LEDGER_EVENT.validate(event)).isEmpty();
        assertThat(event.path("type").asText()).isEqualTo("ELIGIBILITY_REJECTED");
        assertThat(event.at("/status/code").asText()).isEqualTo("AVVIST");
        assertThat(event.at("/eligibility/verdict").asText()).isEqualTo("REJECTED");
        assertThat(event.at("/eligibility/reasonCodes/0").asText()).isEqualTo("TIME_BARRED");
        assertThat(event.at("/eligibility/summary").asText()).isEqualTo("Rejected: the claim is time-barred");
    }

    @Test
    void theWebhookSignatureIsVerifiedAndAnyChangeBreaksIt() {
        String body = "{\"a\":1}";
        String signature = WebhookSignature.sign("dev-only-secret", 1_700_000_000L, body);

        assertThat(signature).startsWith("sha256=").hasSize(7 + 64);
        assertThat(WebhookSignature.verify("dev-only-secret", "1700000000", body, signature)).isTrue();
        assertThat(WebhookSignature.verify("dev-only-secret", "1700000001", body, signature)).as("other timestamp").isFalse();
        assertThat(WebhookSignature.verify("dev-only-secret", "1700000000", "{\"a\":2}", signature)).as("other body").isFalse();
        assertThat(WebhookSignature.verify("dev-only-other", "1700000000", body, signature)).as("other secret").isFalse();
        assertThat(WebhookSignature.verify("dev-only-secret", null, body, signature)).isFalse();
        assertThat(WebhookSignature.verify("dev-only-secret", "1700000000", body, null)).isFalse();
    }
}
