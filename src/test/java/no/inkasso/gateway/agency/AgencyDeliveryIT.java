package no.inkasso.gateway.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.inkasso.gateway.ApiTestClient;
import no.inkasso.gateway.ConfigDirs;
import no.inkasso.gateway.MutableClock;
import no.inkasso.gateway.MutableClockConfiguration;
import no.inkasso.gateway.agency.simulator.AgencySimulator;
import no.inkasso.gateway.agency.simulator.SimulatedAgency;
import no.inkasso.gateway.api.ApiJson;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Agency routing and delivery in the running gateway against the agency simulator: claims posted over
 * HTTP are decided, routed by the creditors' agreements and delivered over REST (API key and OAuth2)
 * and JMS; an agency down then up loses nothing and gets nothing twice; a refused or failing case is
 * dead-lettered with its original message; a creditor that moved to another agency sends new cases
 * there; a case no agency can take is held. The agencies are this test's own (see {@link #AGENCIES}),
 * the rules the shipped ones.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gateway.routing.held-retry-period-ms=200",
        "gateway.routing.delivery.poll-period-ms=50",
        "gateway.routing.delivery.max-attempts=3",
        "gateway.routing.delivery.initial-backoff-ms=50",
        "gateway.routing.delivery.max-backoff-ms=200",
        "gateway.routing.delivery.breaker-failure-threshold=3",
        "gateway.routing.delivery.breaker-open-ms=300"})
@ActiveProfiles("test")
@Import(MutableClockConfiguration.class)
class AgencyDeliveryIT {

    private static final String LEDGER_KEY = "dev-only-demo-ledger-key";
    private static final String AGENCY_KEY = "dev-only-it-agency-key";
    private static final Duration PIPELINE = Duration.ofSeconds(30);
    private static final JsonSchema FEED = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of("file:schemas/feed/case-feed-v1.schema.json"));

    /**
     * Creditor 923609016 (NO debtors): rest-agency-no (API key) until 2026-03-31, then oauth-agency-no
     * (OAuth2). Creditor 974760673: jms-agency-no (JMS) for ordinary claims, paper-agency-no (which has
     * no delivery settings) for rent.
     */
    static final String AGENCIES = """
            agencies:
              - {id: rest-agency-no, jurisdictions: ["NO"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, refuses-debtor-abroad: true, reminder-required: false,
                 delivery: {transport: rest, endpoint: "${it.simulator.url}/agencies/rest-agency-no/cases",
                            api-key: "%s", timeout-ms: 400}}
              - {id: oauth-agency-no, jurisdictions: ["NO"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, refuses-debtor-abroad: true, reminder-required: false,
                 delivery: {transport: rest, endpoint: "${it.simulator.url}/agencies/oauth-agency-no/cases", auth: oauth2,
                            token-url: "${it.simulator.url}/oauth/token", client-id: dev-only-it-client,
                            client-secret: "${IT_OAUTH_SECRET:dev-only-it-secret}"}}
              - {id: jms-agency-no, jurisdictions: ["NO"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, refuses-debtor-abroad: true, reminder-required: false,
                 delivery: {transport: jms, queue: agency.jms-agency-no.cases}}
              - {id: paper-agency-no, jurisdictions: ["NO"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, refuses-debtor-abroad: true, reminder-required: false}
            agreements:
              - {creditor: "923609016", agency: rest-agency-no, from: 2024-01-01, to: 2026-03-31}
              - {creditor: "923609016", agency: oauth-agency-no, from: 2026-04-01}
              - {creditor: "974760673", agency: paper-agency-no, from: 2024-01-01, claim-types: [RENT]}
              - {creditor: "974760673", agency: jms-agency-no, from: 2024-01-01}
            ledgers:
              - {source-system: demo-erp, reminder-required: false}
            """.formatted(AGENCY_KEY);

    static final AgencySimulator SIMULATOR;
    static final Path CONFIG_DIR;

    static {
        try {
            SIMULATOR = AgencySimulator.start(0, AGENCY_KEY, "dev-only-it-client", "dev-only-it-secret");
            CONFIG_DIR = ConfigDirs.withRules("agency-it-config");
            Files.writeString(CONFIG_DIR.resolve("agencies.yml"), AGENCIES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void agencies(DynamicPropertyRegistry registry) {
        registry.add("gateway.eligibility.config-dir", CONFIG_DIR::toString);
        registry.add("it.simulator.url", () -> "http://127.0.0.1:" + SIMULATOR.port());
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JmsTemplate jms;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    AgencyDeliveryWorker worker;
    @Autowired
    CamelContext camel;

    private ApiTestClient api;
    private static boolean listening;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiTestClient(port);
        clock.setDate(LocalDate.parse("2026-03-10"));
        jms.setReceiveTimeout(10_000);
        SIMULATOR.reset();
        if (!listening) {
            SIMULATOR.listen(connectionFactory, "agency.jms-agency-no.cases", "jms-agency-no");
            listening = true;
        }
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Test
    void aCaseIsDeliveredOverRestAndTheAgencysCaseNumberIsStored() throws Exception {
        String caseId = submit(claim("923609016", "ORDINARY"));

        JsonNode atAgency = awaitState(caseId, "AT_AGENCY");
        assertThat(eventTypes(atAgency)).containsExactly("CLAIM_RECEIVED", "ELIGIBILITY_DECIDED", "ROUTED_TO_AGENCY", "AGENCY_DELIVERED");
        SimulatedAgency agency = SIMULATOR.agency("rest-agency-no");
        assertThat(agency.cases()).hasSize(1);
        SimulatedAgency.Taken taken = agency.cases().get(0);
        assertThat(taken.caseId()).isEqualTo(caseId);
        assertThat(taken.sequence()).isEqualTo(1);
        assertThat(event(atAgency, "AGENCY_DELIVERED").at("/detail/agencyCaseNumber").asText()).isEqualTo(taken.agencyCaseNumber());
        assertThat(atAgency.path("agencyCaseNumber").asText()).as("on the case itself").isEqualTo(taken.agencyCaseNumber());
        assertThat(event(atAgency, "ROUTED_TO_AGENCY").at("/detail/queue").asText()).isEqualTo("agency.rest-agency-no.outbound");
        JsonNode feed = ApiJson.mapper().readTree(taken.json());
        assertThat(FEED.validate(feed)).isEmpty();
        assertThat(feed.at("/decision/amounts/total").decimalValue()).isEqualByComparingTo(
                atAgency.at("/decision/amounts/total").decimalValue());
        assertThat(agency.copies()).isZero();
    }

    @Test
    void aCaseIsDeliveredOverJmsToTheAgencysQueue() throws Exception {
        String caseId = submit(claim("974760673", "ORDINARY"));

        awaitState(caseId, "AT_AGENCY");
        SimulatedAgency agency = SIMULATOR.agency("jms-agency-no");
        await().atMost(PIPELINE).until(() -> agency.cases().size() == 1);
        assertThat(agency.cases().get(0).caseId()).isEqualTo(caseId);
        assertThat(FEED.validate(ApiJson.mapper().readTree(agency.cases().get(0).json()))).isEmpty();
    }

    @Test
    void anAgencyDownThenUpGetsEveryCaseOnceAndInOrder() throws Exception {
        SimulatedAgency agency = SIMULATOR.agency("rest-agency-no");
        agency.mode(SimulatedAgency.Mode.DOWN, 0);
        List<String> caseIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            caseIds.add(submit(claim("923609016", "ORDINARY")));
        }
        AgencyBreaker breaker = worker.breakers().get("rest-agency-no");
        await().atMost(PIPELINE).until(() -> breaker.consecutiveFailures() >= 3);
        assertThat(breaker.state(System.currentTimeMillis())).isNotEqualTo(AgencyBreaker.State.CLOSED);
        assertThat(agency.cases()).isEmpty();
        for (String caseId : caseIds) {
            assertThat(get(caseId).get("state").asText()).isIn("ELIGIBLE", "ROUTED");
        }

        agency.mode(SimulatedAgency.Mode.UP, 0);

        for (String caseId : caseIds) {
            awaitState(caseId, "AT_AGENCY");
        }
        assertThat(agency.cases()).extracting(SimulatedAgency.Taken::caseId).containsExactlyInAnyOrderElementsOf(caseIds);
        assertThat(agency.caseNumbers().values()).doesNotHaveDuplicates().hasSize(5);
        assertThat(agency.outOfOrder()).isEmpty();
        assertThat(breaker.state(System.currentTimeMillis())).isEqualTo(AgencyBreaker.State.CLOSED);
    }

    @Test
    void aCaseSentAgainAfterATimeoutIsRecognisedByTheAgencyNotRegisteredTwice() throws Exception {
        SimulatedAgency agency = SIMULATOR.agency("rest-agency-no");
        // the agency registers the case but answers after the gateway's 400 ms timeout
        agency.mode(SimulatedAgency.Mode.SLOW, 1_000);
        String caseId = submit(claim("923609016", "ORDINARY"));
        await().atMost(PIPELINE).until(() -> agency.cases().size() == 1);

        agency.mode(SimulatedAgency.Mode.UP, 0);

        JsonNode atAgency = awaitState(caseId, "AT_AGENCY");
        assertThat(agency.copies()).as("the same case id and sequence sent again").isGreaterThanOrEqualTo(1);
        assertThat(agency.cases()).hasSize(1);
        assertThat(event(atAgency, "AGENCY_DELIVERED").at("/detail/agencyCaseNumber").asText())
                .isEqualTo(agency.caseNumbers().get(caseId));
    }

    @Test
    void aCaseTheAgencyRefusesIsDeadLetteredWithItsOriginalMessageAndTheOthersGoOn() throws Exception {
        SimulatedAgency agency = SIMULATOR.agency("rest-agency-no");
        agency.mode(SimulatedAgency.Mode.DOWN, 0);
        String poison = submit(claim("923609016", "ORDINARY"));
        String good = submit(claim("923609016", "ORDINARY"));
        awaitState(poison, "ROUTED");
        agency.refuse(poison, 422);
        agency.mode(SimulatedAgency.Mode.UP, 0);

        JsonNode failed = awaitState(poison, "DELIVERY_FAILED");
        awaitState(good, "AT_AGENCY");
        assertThat(event(failed, "AGENCY_DELIVERY_FAILED").at("/detail/reason").asText()).contains("HTTP 422");

        TextMessage dead = (TextMessage) jms.receiveSelected("agency.rest-agency-no.outbound.dlq", "caseId = '" + poison + "'");
        assertThat(dead).isNotNull();
        assertThat(dead.getStringProperty("deadLetterReason")).contains("HTTP 422");
        JsonNode original = ApiJson.mapper().readTree(dead.getText());
        assertThat(FEED.validate(original)).isEmpty();
        assertThat(original.get("caseId").asText()).isEqualTo(poison);
        assertThat(agency.cases()).extracting(SimulatedAgency.Taken::caseId).containsExactly(good);
    }

    @Test
    void aRefusalAndAFailureInOneBatchStillDeadLetterTheRefusedCaseExactlyOnce() throws Exception {
        SimulatedAgency agency = SIMULATOR.agency("rest-agency-no");
        agency.mode(SimulatedAgency.Mode.DOWN, 0);
        String refused = submit(claim("923609016", "ORDINARY"));
        String failing = submit(claim("923609016", "ORDINARY"));
        String good = submit(claim("923609016", "ORDINARY"));
        awaitState(refused, "ROUTED");
        awaitState(failing, "ROUTED");
        awaitState(good, "ROUTED");
        agency.refuse(refused, 422);
        agency.refuse(failing, 500);
        // One REST batch takes all three: the refusal is dead-lettered in the broker transaction that
        // the failure after it rolls back, again and again until the failing case is out of attempts.
        agency.mode(SimulatedAgency.Mode.UP, 0);

        awaitState(failing, "DELIVERY_FAILED");
        awaitState(refused, "DELIVERY_FAILED");
        awaitState(good, "AT_AGENCY");
        int copies = 0;
        while (jms.receiveSelected("agency.rest-agency-no.outbound.dlq", "caseId = '" + refused + "'") != null) {
            copies++;
        }
        assertThat(copies).as("dead-letter copies of the refused case").isEqualTo(1);
        assertThat(agency.cases()).extracting(SimulatedAgency.Taken::caseId).contains(good).doesNotContain(refused, failing);
    }

    @Test
    void aCaseThatKeepsFailingIsDeadLetteredAfterItsAttempts() throws Exception {
        SimulatedAgency agency = SIMULATOR.agency("rest-agency-no");
        agency.mode(SimulatedAgency.Mode.DOWN, 0);
        String failing = submit(claim("923609016", "ORDINARY"));
        awaitState(failing, "ROUTED");
        agency.refuse(failing, 500);
        agency.mode(SimulatedAgency.Mode.UP, 0);

        JsonNode failed = awaitState(failing, "DELIVERY_FAILED");
        assertThat(event(failed, "AGENCY_DELIVERY_FAILED").at("/detail/reason").asText()).contains("out of attempts (3)")
                .contains("HTTP 500");
        assertThat(jms.receiveSelected("agency.rest-agency-no.outbound.dlq", "caseId = '" + failing + "'")).isNotNull();
    }

    @Test
    void aCreditorMovedToAnotherAgencySendsNewCasesThereAndInFlightOnesStay() throws Exception {
        clock.setDate(LocalDate.parse("2026-03-31"));
        String before = submit(claim("923609016", "ORDINARY"));
        awaitState(before, "AT_AGENCY");

        // decided on the last day of the old agreement, routed on the first day of the new one
        camel.getRouteController().stopRoute("routing-route-eligible");
        String between;
        try {
            between = submit(claim("923609016", "ORDINARY"));
            JsonNode decided = awaitState(between, "ELIGIBLE");
            assertThat(decided.get("agency").asText()).isEqualTo("rest-agency-no");
            clock.setDate(LocalDate.parse("2026-04-01"));
        } finally {
            camel.getRouteController().startRoute("routing-route-eligible");
        }
        String after = submit(claim("923609016", "ORDINARY"));

        JsonNode movedCase = awaitState(between, "AT_AGENCY");
        awaitState(after, "AT_AGENCY");
        assertThat(eventTypes(movedCase)).containsSubsequence("ELIGIBILITY_DECIDED", "AGENCY_CHANGED", "ELIGIBILITY_DECIDED",
                "ROUTED_TO_AGENCY", "AGENCY_DELIVERED");
        assertThat(movedCase.get("agency").asText()).isEqualTo("oauth-agency-no");
        assertThat(SIMULATOR.agency("oauth-agency-no").cases()).extracting(SimulatedAgency.Taken::caseId)
                .containsExactlyInAnyOrder(between, after);
        assertThat(SIMULATOR.agency("rest-agency-no").cases()).extracting(SimulatedAgency.Taken::caseId).containsExactly(before);
        assertThat(get(before).get("agency").asText()).isEqualTo("rest-agency-no");
    }

    @Test
    void aCaseNoAgencyCanTakeIsHeldAndReported() throws Exception {
        String caseId = submit(claim("974760673", "RENT"));

        JsonNode held = awaitState(caseId, "NO_AGENCY");
        assertThat(event(held, "ROUTING_HELD").at("/detail/reason").asText())
                .isEqualTo("agency paper-agency-no has no delivery configured (agencies.yml)");
        HttpResponse<String> listed = api.get("/api/v1/claims?state=NO_AGENCY&creditor=974760673", LEDGER_KEY);
        assertThat(listed.body()).contains(caseId);
        HttpResponse<String> metrics = api.get("/actuator/prometheus", "dev-only-operations-key");
        assertThat(metrics.body()).containsPattern("gateway_routing_held_cases(\\{[^}]*\\})? [1-9]");
    }

    @Test
    void commandsReachTheAgencyInTheCasesFeedInOrderAndTheStateDecidesWhatIsAllowed() throws Exception {
        String caseId = submit(claim("923609016", "ORDINARY"));
        awaitState(caseId, "AT_AGENCY");

        assertThat(command(caseId, LEDGER_KEY, "{\"kind\":\"PAUSE\",\"note\":\"talking to the debtor\"}")).isEqualTo(202);
        assertThat(refusal(caseId, LEDGER_KEY, "{\"kind\":\"PAUSE\"}")).contains("paused already");
        assertThat(command(caseId, LEDGER_KEY, "{\"kind\":\"RESUME\"}")).isEqualTo(202);
        assertThat(refusal(caseId, LEDGER_KEY, "{\"kind\":\"RESUME\"}")).contains("not paused");
        assertThat(command(caseId, LEDGER_KEY, "{\"kind\":\"DIRECT_PAYMENT\",\"amount\":1000.00,\"date\":\"2026-03-05\"}"))
                .isEqualTo(202);
        // 4,250.00 outstanding less the 1,000.00 paid directly
        assertThat(refusal(caseId, LEDGER_KEY, "{\"kind\":\"DIRECT_PAYMENT\",\"amount\":3250.01,\"date\":\"2026-03-06\"}"))
                .contains("3250.00 outstanding");
        HttpResponse<String> invalid = api.post("/api/v1/claims/" + caseId + "/commands", LEDGER_KEY, "application/json",
                "{\"kind\":\"ANSWER\",\"answer\":\"MAYBE\"}", null);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("invalid-command").contains("/questionId").contains("/answer");
        assertThat(command(caseId, "dev-only-operations-key", "{\"kind\":\"WITHDRAWAL\"}")).isEqualTo(202);
        assertThat(refusal(caseId, LEDGER_KEY, "{\"kind\":\"DISPUTE\"}")).contains("withdrawn");
        assertThat(api.post("/api/v1/claims/" + caseId + "/commands", "dev-only-other-ledger-key", "application/json",
                "{\"kind\":\"DISPUTE\"}", null).statusCode()).as("another ledger's case").isEqualTo(404);

        SimulatedAgency agency = SIMULATOR.agency("rest-agency-no");
        await().atMost(PIPELINE).until(() -> agency.cases().stream().filter(t -> t.caseId().equals(caseId)).count() == 5);
        List<SimulatedAgency.Taken> feed = agency.cases().stream().filter(t -> t.caseId().equals(caseId)).toList();
        assertThat(feed).extracting(SimulatedAgency.Taken::sequence).containsExactly(1, 2, 3, 4, 5);
        assertThat(feed).extracting(SimulatedAgency.Taken::kind)
                .containsExactly("NEW_CASE", "PAUSE", "RESUME", "DIRECT_PAYMENT", "WITHDRAWAL");
        for (SimulatedAgency.Taken taken : feed) {
            assertThat(FEED.validate(ApiJson.mapper().readTree(taken.json()))).as("feed message %s", taken.kind()).isEmpty();
        }
        JsonNode payment = ApiJson.mapper().readTree(feed.get(3).json());
        assertThat(payment.at("/command/amount").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(payment.at("/command/date").asText()).isEqualTo("2026-03-05");
        assertThat(payment.at("/command/requestedBy").asText()).isEqualTo("demo-ledger");
        assertThat(eventTypes(get(caseId)).stream().filter("COMMAND_SENT"::equals).count()).isEqualTo(4);
    }

    @Test
    void aCommandOnACaseNotAtAnAgencyIsRefusedWithTheReason() throws Exception {
        String caseId = submit(claim("974760673", "RENT"));
        awaitState(caseId, "NO_AGENCY");

        assertThat(refusal(caseId, LEDGER_KEY, "{\"kind\":\"WITHDRAWAL\"}")).contains("is NO_AGENCY").contains("not at one yet");
    }

    private int command(String caseId, String key, String body) throws Exception {
        HttpResponse<String> answer = api.post("/api/v1/claims/" + caseId + "/commands", key, "application/json", body, null);
        assertThat(answer.statusCode()).as(answer.body()).isIn(202, 409, 400);
        return answer.statusCode();
    }

    private String refusal(String caseId, String key, String body) throws Exception {
        HttpResponse<String> answer = api.post("/api/v1/claims/" + caseId + "/commands", key, "application/json", body, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        return ApiTestClient.json(answer).get("detail").asText();
    }

    // ---- helpers ----

    /** examples/claim.json for {@code creditor}, due 2026-01-15 with an inkassovarsel: eligible from 2026-02-20. */
    private static ObjectNode claim(String creditor, String claimType) throws Exception {
        ObjectNode claim = (ObjectNode) ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
        ((ObjectNode) claim.get("creditor")).put("orgNumber", creditor);
        claim.put("claimType", claimType);
        ObjectNode invoice = (ObjectNode) claim.get("invoice");
        invoice.put("number", "AG-" + UUID.randomUUID());
        invoice.put("issueDate", "2026-01-01");
        invoice.put("dueDate", "2026-01-15");
        ArrayNode notices = claim.putArray("notices");
        notices.addObject().put("kind", "INKASSOVARSEL").put("sentOn", "2026-02-01").put("deadline", "2026-02-15");
        return claim;
    }

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

    private static JsonNode event(JsonNode c, String type) {
        for (JsonNode e : c.get("events")) {
            if (type.equals(e.get("type").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " event in " + c.get("events"));
    }

    private static List<String> eventTypes(JsonNode c) {
        List<String> types = new ArrayList<>();
        c.get("events").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}
