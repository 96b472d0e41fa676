package no.inkasso.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.claims.ClaimSchema;
import no.inkasso.gateway.feed.model.Answer;
import no.inkasso.gateway.feed.model.CaseFeedBatch;
import no.inkasso.gateway.feed.model.CaseFeedMessage;
import no.inkasso.gateway.feed.model.FeedCommand;
import no.inkasso.gateway.feed.model.FeedKind;
import org.junit.jupiter.api.Test;

/** The feed's XML (XSD) and JSON (JSON Schema) forms: both valid, both the same content, mapped from one case. */
class CaseFeedAgreementTest {

    private static final JsonSchema FEED_JSON = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of("file:schemas/feed/case-feed-v1.schema.json"));

    @Test
    void aNewCaseIsValidJsonAndValidXmlWithTheSameContent() throws Exception {
        CaseFeedMessage message = CaseFeedFixture.newCase();

        String jsonText = CaseFeedCodec.toJson(message);
        JsonNode json = ApiJson.mapper().readTree(jsonText);
        assertThat(FEED_JSON.validate(json)).as("JSON against case-feed-v1.schema.json").isEmpty();
        assertThat(new ClaimSchema().validate(json.get("claim"))).as("its claim against the OpenAPI Claim schema").isEmpty();

        String xml = CaseFeedCodec.toXml(message);
        assertThat(xml).contains("urn:inkasso-gateway:feed:1").contains("<kind>NEW_CASE</kind>");
        CaseFeedMessage fromXml = CaseFeedCodec.fromXml(xml);
        assertThat(ApiJson.mapper().readTree(CaseFeedCodec.toJson(fromXml))).isEqualTo(json);

        CaseFeedMessage fromJson = CaseFeedCodec.fromJson(jsonText);
        assertThat(CaseFeedCodec.toXml(fromJson)).isEqualTo(xml);
    }

    @Test
    void theNewCaseCarriesCaseIdSequenceCreditorDebtorLedgerReferencesAndItemisedAmounts() throws Exception {
        JsonNode json = ApiJson.mapper().readTree(CaseFeedCodec.toJson(CaseFeedFixture.newCase()));

        assertThat(json.get("schema").asText()).isEqualTo("case-feed/v1");
        assertThat(json.get("caseId").asText()).isEqualTo(CaseFeedFixture.CASE_ID);
        assertThat(json.get("sequence").asInt()).isEqualTo(1);
        assertThat(json.get("agencyId").asText()).isEqualTo("demo-agency-no");
        assertThat(json.at("/claim/creditor/orgNumber").asText()).isEqualTo("923609016");
        assertThat(json.at("/claim/debtor/name").asText()).isNotBlank();
        assertThat(json.at("/claim/source/system").asText()).isEqualTo("demo-erp");
        assertThat(json.at("/claim/source/reference").asText()).isEqualTo("VOUCHER-2026-1187");
        assertThat(json.at("/decision/asOf").asText()).isEqualTo("2026-03-10");
        assertThat(json.at("/decision/jurisdiction").asText()).isEqualTo("NO");
        JsonNode amounts = json.at("/decision/amounts");
        assertThat(amounts.get("currency").asText()).isEqualTo("NOK");
        // 4250 × 12.00 % × 54/365 = 75.45; reminder fee 35 allowed as 1/20 of 750 = 37.50 → 35; ceiling 600
        assertThat(amounts.get("principal").decimalValue()).isEqualByComparingTo("4250.00");
        assertThat(amounts.get("interestLines")).hasSize(1);
        assertThat(amounts.at("/interestLines/0/ratePercent").decimalValue()).isEqualByComparingTo("12.00");
        assertThat(amounts.get("interestTotal").decimalValue()).isEqualByComparingTo("75.45");
        assertThat(amounts.get("noticeFees")).hasSize(1);
        assertThat(amounts.get("collectionFee").decimalValue()).isEqualByComparingTo("600.00");
        BigDecimal sum = amounts.get("principal").decimalValue().add(amounts.get("interestTotal").decimalValue())
                .add(amounts.get("noticeFeesTotal").decimalValue()).add(amounts.get("collectionFee").decimalValue());
        assertThat(amounts.get("total").decimalValue()).isEqualByComparingTo(sum);
    }

    @Test
    void aCommandIsValidInBothFormsAndCarriesNoClaim() throws Exception {
        FeedCommand command = new FeedCommand();
        command.setCommandId("01970000-0000-7000-8000-0000000000aa");
        command.setRequestedBy("demo-ledger");
        command.setQuestionId("Q-17");
        command.setAnswer(Answer.APPROVE);
        CaseFeedMessage message = CaseFeedMapper.command(CaseFeedFixture.CASE_ID, 3, FeedKind.ANSWER, "demo-agency-no", "DA-100",
                "corr-1", command, OffsetDateTime.parse("2026-04-01T08:00:00Z"));

        JsonNode json = ApiJson.mapper().readTree(CaseFeedCodec.toJson(message));
        assertThat(FEED_JSON.validate(json)).isEmpty();
        assertThat(json.has("claim")).isFalse();
        CaseFeedMessage fromXml = CaseFeedCodec.fromXml(CaseFeedCodec.toXml(message));
        assertThat(ApiJson.mapper().readTree(CaseFeedCodec.toJson(fromXml))).isEqualTo(json);
    }

    @Test
    void aBatchFileHoldsTheMessagesInOrder() throws Exception {
        CaseFeedBatch batch = new CaseFeedBatch();
        batch.setAgencyId("demo-agency-no");
        batch.setCreatedAt(OffsetDateTime.parse("2026-03-10T22:00:00Z"));
        batch.getMessages().add(CaseFeedFixture.newCase());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaseFeedCodec.writeBatch(batch, out);

        CaseFeedBatch back = CaseFeedCodec.readBatch(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.getMessages()).extracting(CaseFeedMessage::getCaseId).containsExactly(CaseFeedFixture.CASE_ID);
    }

    @Test
    void bothSchemasRefuseANegativeAmountAndANewCaseWithoutItsDecision() throws Exception {
        CaseFeedMessage message = CaseFeedFixture.newCase();
        message.getDecision().getAmounts().setTotal(new BigDecimal("-1.00"));
        assertThatThrownBy(() -> CaseFeedCodec.toXml(message)).isInstanceOf(CaseFeedCodec.InvalidFeedException.class)
                .hasMessageContaining("-1.00");
        ObjectNode json = (ObjectNode) ApiJson.mapper().readTree(CaseFeedCodec.toJson(message));
        assertThat(FEED_JSON.validate(json)).extracting(m -> m.getInstanceLocation().toString())
                .containsExactly("$.decision.amounts.total");

        json.remove("decision");
        assertThat(FEED_JSON.validate(json)).extracting(m -> m.getMessage()).anyMatch(m -> m.contains("decision"));
    }

    @Test
    void onlyAnEligibleDecisionGoesToAnAgency() throws Exception {
        var claim = CaseFeedFixture.claim();
        claim.getInvoice().setDueDate(LocalDate.parse("2026-03-01"));
        var notYet = new no.inkasso.gateway.eligibility.EligibilityRules(
                no.inkasso.gateway.eligibility.RuleFiles.load(java.nio.file.Path.of("config"))).decide(claim, CaseFeedFixture.AS_OF);
        assertThatThrownBy(() -> CaseFeedMapper.newCase(CaseFeedFixture.CASE_ID, "demo-agency-no", null, claim, notYet,
                OffsetDateTime.now())).hasMessageContaining("only an ELIGIBLE decision");
        assertThat(List.of(notYet.verdict().name())).doesNotContain("ELIGIBLE");
    }
}
