package no.inkasso.gateway.eligibility.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.inkasso.gateway.ApiTestClient;
import no.inkasso.gateway.MutableClock;
import no.inkasso.gateway.MutableClockConfiguration;
import no.inkasso.gateway.api.ApiJson;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The eligibility stage in the running gateway (embedded Artemis and H2, the shipped config/ rules
 * and agencies): claims posted over HTTP are decided from claims.received, and move on to
 * cases.eligible, ledger.feedback or the waiting store, from which they move on by themselves on
 * their date. Business dates come from a clock the test sets.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // routing paused: these tests read cases.eligible themselves (agency routing is tested in routing.*IT)
        properties = {"gateway.eligibility.recheck-period-ms=200", "gateway.routing.consume-eligible=false"})
@ActiveProfiles("test")
@Import(MutableClockConfiguration.class)
class EligibilityFlowIT {

    private static final String LEDGER_KEY = "dev-only-demo-ledger-key";
    private static final String OTHER_LEDGER_KEY = "dev-only-other-ledger-key";
    private static final String OPS_KEY = "dev-only-operations-key";
    private static final Duration PIPELINE = Duration.ofSeconds(30);
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final JsonSchema CASES_ELIGIBLE = SCHEMAS.getSchema(SchemaLocation.of("file:schemas/messages/cases-eligible-v1.schema.json"));
    private static final JsonSchema LEDGER_FEEDBACK = SCHEMAS.getSchema(SchemaLocation.of("file:schemas/messages/ledger-feedback-v1.schema.json"));

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JmsTemplate jms;

    private ApiTestClient api;

    @BeforeEach
    void setUp() {
        api = new ApiTestClient(port);
        clock.setDate(LocalDate.parse("2026-03-10"));
        jms.setReceiveTimeout(10_000);
    }

    /**
     * A claim based on examples/claim.json, due 2026-01-15, inkassovarsel 2026-02-01 with deadline
     * 2026-02-15; demo-agency-no waits 5 days after the deadline, so it is eligible from 2026-02-20.
     */
    private ObjectNode claim() throws Exception {
        ObjectNode claim = (ObjectNode) ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
        ObjectNode invoice = (ObjectNode) claim.get("invoice");
        invoice.put("number", "EL-" + UUID.randomUUID());
        invoice.put("issueDate", "2026-01-01");
        invoice.put("dueDate", "2026-01-15");
        ArrayNode notices = claim.putArray("notices");
        notices.addObject().put("kind", "INKASSOVARSEL").put("sentOn", "2026-02-01").put("deadline", "2026-02-15");
        return claim;
    }

    @Test
    void anEligibleClaimIsDecidedStoredAndSentToCasesEligible() throws Exception {
        String caseId = submit(claim());

        JsonNode decided = awaitState(caseId, "ELIGIBLE");
        assertThat(decided.get("agency").asText()).isEqualTo("demo-agency-no");
        JsonNode decision = decided.get("decision");
        assertThat(decision.get("verdict").asText()).isEqualTo("ELIGIBLE");
        assertThat(decision.get("asOf").asText()).isEqualTo("2026-03-10");
        // 4250 × 12.00 % × 54/365 (2026-01-16..2026-03-10) = 75.45; ceiling 750 × 0.80 (≤ 10 000) = 600.00;
        // no notice fees: total 4250 + 75.45 + 600 = 4925.45
        assertThat(decision.at("/amounts/interest/total").decimalValue()).isEqualByComparingTo("75.45");
        assertThat(decision.at("/amounts/collectionFee").decimalValue()).isEqualByComparingTo("600.00");
        assertThat(decision.at("/amounts/total").decimalValue()).isEqualByComparingTo("4925.45");
        assertThat(eventTypes(decided)).containsExactly("CLAIM_RECEIVED", "ELIGIBILITY_DECIDED");
        assertThat(decided.at("/events/1/detail/trigger").asText()).isEqualTo("RECEIVED");

        JsonNode message = receive("cases.eligible", caseId);
        assertThat(CASES_ELIGIBLE.validate(message)).as("cases.eligible message against its schema").isEmpty();
        assertThat(message.get("agency").asText()).isEqualTo("demo-agency-no");
        assertThat(message.at("/decision/amounts/total").decimalValue()).isEqualByComparingTo("4925.45");
        assertThat(message.at("/claim/invoice/number").asText()).isEqualTo(decided.at("/claim/invoice/number").asText());
    }

    @Test
    void aDisputedClaimIsRejectedAndTheLedgerIsTold() throws Exception {
        ObjectNode claim = claim();
        claim.put("disputed", true);
        claim.remove("notices");
        String caseId = submit(claim);

        JsonNode decided = awaitState(caseId, "REJECTED");
        assertThat(codes(decided.get("decision"))).containsExactly("DISPUTED", "NO_NOTICE");

        JsonNode message = receive("ledger.feedback", caseId);
        assertThat(LEDGER_FEEDBACK.validate(message)).as("ledger.feedback message against its schema").isEmpty();
        assertThat(message.get("kind").asText()).isEqualTo("ELIGIBILITY_REJECTED");
        assertThat(message.get("sourceSystem").asText()).isEqualTo("demo-erp");
        assertThat(message.get("ledgerReference").asText()).isEqualTo("VOUCHER-2026-1187");
        assertThat(message.at("/decision/summary").asText()).contains("ordinary collection must stop");

        HttpResponse<String> metrics = api.get("/actuator/prometheus", OPS_KEY);
        assertThat(metrics.body()).containsPattern(
                "gateway_eligibility_decisions_total\\{reason=\"DISPUTED\",verdict=\"REJECTED\"\\} [1-9]");
    }

    @Test
    void aMissingRateSendsTheClaimToManualReview() throws Exception {
        clock.setDate(LocalDate.parse("2026-07-10"));
        String caseId = submit(claim());

        JsonNode decided = awaitState(caseId, "MANUAL_REVIEW");
        assertThat(codes(decided.get("decision"))).containsExactly("NO_RATE");
        assertThat(decided.at("/decision/summary").asText()).contains("no rate configured for 2026-H2 (NO late-interest)");
        JsonNode message = receive("ledger.feedback", caseId);
        assertThat(message.get("kind").asText()).isEqualTo("ELIGIBILITY_MANUAL_REVIEW");
        assertThat(LEDGER_FEEDBACK.validate(message)).isEmpty();
    }

    @Test
    void aWaitingClaimIsRecheckedOnDemandAndMovesOnByItselfOnItsDate() throws Exception {
        ObjectNode claim = claim();
        ((ArrayNode) claim.get("notices")).removeAll().addObject()
                .put("kind", "INKASSOVARSEL").put("sentOn", "2026-03-01").put("deadline", "2026-03-15");
        String caseId = submit(claim);

        // deadline 2026-03-15 + 5 grace days (demo-agency-no) = 2026-03-20
        JsonNode waiting = awaitState(caseId, "WAITING");
        assertThat(waiting.get("recheckOn").asText()).isEqualTo("2026-03-20");
        assertThat(waiting.at("/decision/eligibleFrom").asText()).isEqualTo("2026-03-20");
        assertThat(codes(waiting.get("decision"))).containsExactly("NOTICE_DEADLINE_NOT_PASSED");

        HttpResponse<String> recheck = api.post("/api/v1/claims/" + caseId + "/recheck", LEDGER_KEY);
        assertThat(recheck.statusCode()).as(recheck.body()).isEqualTo(200);
        assertThat(ApiTestClient.json(recheck).get("state").asText()).isEqualTo("WAITING");
        assertThat(eventTypes(get(caseId))).containsExactly("CLAIM_RECEIVED", "ELIGIBILITY_DECIDED", "ELIGIBILITY_DECIDED");

        clock.setDate(LocalDate.parse("2026-03-20"));
        JsonNode eligible = awaitState(caseId, "ELIGIBLE");
        assertThat(eligible.at("/events/3/detail/trigger").asText()).isEqualTo("SCHEDULED_RECHECK");
        assertThat(eligible.has("recheckOn")).isFalse();
        assertThat(receive("cases.eligible", caseId).get("caseId").asText()).isEqualTo(caseId);
    }

    @Test
    void recheckIsRefusedForAnEligibleCaseAndHiddenFromOtherLedgers() throws Exception {
        String caseId = submit(claim());
        awaitState(caseId, "ELIGIBLE");

        HttpResponse<String> again = api.post("/api/v1/claims/" + caseId + "/recheck", OPS_KEY);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ApiTestClient.json(again).get("type").asText()).endsWith("/state-conflict");

        HttpResponse<String> other = api.post("/api/v1/claims/" + caseId + "/recheck", OTHER_LEDGER_KEY);
        assertThat(other.statusCode()).isEqualTo(404);
        HttpResponse<String> nobody = api.post("/api/v1/claims/" + caseId + "/recheck", null);
        assertThat(nobody.statusCode()).isEqualTo(401);
        assertThat(eventTypes(get(caseId))).containsExactly("CLAIM_RECEIVED", "ELIGIBILITY_DECIDED");
    }

    @Test
    void aRejectedClaimCanBeRecheckedByOperations() throws Exception {
        ObjectNode claim = claim();
        claim.remove("notices");
        String caseId = submit(claim);
        awaitState(caseId, "REJECTED");

        HttpResponse<String> recheck = api.post("/api/v1/claims/" + caseId + "/recheck", OPS_KEY);
        assertThat(recheck.statusCode()).isEqualTo(200);
        JsonNode body = ApiTestClient.json(recheck);
        assertThat(body.get("state").asText()).isEqualTo("REJECTED");
        assertThat(codes(body.get("decision"))).containsExactly("NO_NOTICE");
        JsonNode after = get(caseId);
        assertThat(after.at("/events/2/actor").asText()).isEqualTo("operations");
        assertThat(after.at("/events/2/detail/trigger").asText()).isEqualTo("RECHECK_REQUEST");
    }

    @Test
    void aRedeliveredClaimsReceivedMessageDoesNotDecideTwice() throws Exception {
        String caseId = submit(claim());
        awaitState(caseId, "ELIGIBLE");
        receive("cases.eligible", caseId);

        String copy = ApiJson.mapper().createObjectNode().put("schema", "claims.received/v2").put("caseId", caseId).toString();
        jms.convertAndSend("claims.received", copy, m -> {
            m.setStringProperty("caseId", caseId);
            return m;
        });
        // The copy is consumed (the queue drains) and changes nothing.
        await().atMost(PIPELINE).until(() -> jms.browseSelected("claims.received", "caseId = '" + caseId + "'",
                (session, browser) -> browser.getEnumeration().hasMoreElements()) == Boolean.FALSE);
        assertThat(eventTypes(get(caseId))).containsExactly("CLAIM_RECEIVED", "ELIGIBILITY_DECIDED");
        jms.setReceiveTimeout(1_000);
        assertThat(jms.receiveSelected("cases.eligible", "caseId = '" + caseId + "'")).isNull();
    }

    @Test
    void aMessageForNoStoredCaseIsDeadLetteredNotLost() throws Exception {
        String unknown = "019a0000-0000-7000-8000-" + UUID.randomUUID().toString().substring(24);
        String body = ApiJson.mapper().createObjectNode().put("schema", "claims.received/v2").put("caseId", unknown).toString();
        jms.convertAndSend("claims.received", body, m -> {
            m.setStringProperty("caseId", unknown);
            return m;
        });
        // A good claim arriving with it (in the same batch or the next) is decided all the same.
        String good = submit(claim());
        awaitState(good, "ELIGIBLE");

        // 5 attempts with 1 s, 2 s, 4 s, 8 s between them, then claims.received.dlq.
        jms.setReceiveTimeout(60_000);
        TextMessage dead = (TextMessage) jms.receiveSelected("claims.received.dlq", "caseId = '" + unknown + "'");
        assertThat(dead).as("dead-lettered message").isNotNull();
        assertThat(dead.getText()).isEqualTo(body);
    }

    // ---- helpers ----

    private String submit(ObjectNode claim) throws Exception {
        HttpResponse<String> created = api.post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiTestClient.json(created).get("caseId").asText();
    }

    private JsonNode get(String caseId) throws Exception {
        HttpResponse<String> response = api.get("/api/v1/claims/" + caseId, LEDGER_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        return ApiTestClient.json(response);
    }

    private JsonNode awaitState(String caseId, String state) {
        return await().atMost(PIPELINE).pollInterval(Duration.ofMillis(50))
                .until(() -> get(caseId), c -> state.equals(c.get("state").asText()));
    }

    private JsonNode receive(String queue, String caseId) throws Exception {
        TextMessage message = (TextMessage) jms.receiveSelected(queue, "caseId = '" + caseId + "'");
        assertThat(message).as("message on %s for %s", queue, caseId).isNotNull();
        return ApiJson.mapper().readTree(message.getText());
    }

    private static List<String> eventTypes(JsonNode c) {
        List<String> types = new ArrayList<>();
        c.get("events").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private static List<String> codes(JsonNode decision) {
        List<String> codes = new ArrayList<>();
        decision.path("reasonCodes").forEach(c -> codes.add(c.asText()));
        return codes;
    }
}
