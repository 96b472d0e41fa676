package no.inkasso.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import no.inkasso.gateway.ApiTestClient;
import no.inkasso.gateway.ConfigDirs;
import no.inkasso.gateway.MutableClock;
import no.inkasso.gateway.MutableClockConfiguration;
import no.inkasso.gateway.agency.simulator.AgencySimulator;
import no.inkasso.gateway.agency.simulator.SimulatedAgency;
import no.inkasso.gateway.api.ApiJson;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
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
 * Health and metrics of the running gateway, with one agency on the agency simulator: the agency's
 * circuit going down and up in {@code /actuator/health} (readiness unaffected), a route stopped by
 * operations shown but not failing readiness while one stopped otherwise does, and the metrics a
 * claim leaves behind on its way to the agency, read from {@code /actuator/prometheus}.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gateway.ops.metrics-refresh-ms=200",
        "gateway.routing.delivery.poll-period-ms=50",
        "gateway.routing.delivery.initial-backoff-ms=50",
        "gateway.routing.delivery.max-backoff-ms=200",
        "gateway.routing.delivery.breaker-failure-threshold=2",
        "gateway.routing.delivery.breaker-open-ms=300"})
@ActiveProfiles("test")
@Import(MutableClockConfiguration.class)
class OpsObservabilityIT {

    private static final String LEDGER_KEY = "dev-only-demo-ledger-key";
    private static final String AGENCY_KEY = "dev-only-ops-it-agency-key";
    private static final String AGENCY = "ops-agency-no";
    private static final Duration PIPELINE = Duration.ofSeconds(30);
    private static final String ROUTE = "eligibility-recheck-waiting";

    static final String AGENCIES = """
            agencies:
              - {id: ops-agency-no, jurisdictions: ["NO"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, refuses-debtor-abroad: true, reminder-required: false,
                 delivery: {transport: rest, endpoint: "${it.simulator.url}/agencies/ops-agency-no/cases", api-key: "%s", timeout-ms: 400}}
              - {id: ops-paper-agency-no, jurisdictions: ["NO"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, refuses-debtor-abroad: true, reminder-required: false}
            agreements:
              - {creditor: "923609016", agency: ops-agency-no, from: 2024-01-01}
              - {creditor: "974760673", agency: ops-paper-agency-no, from: 2024-01-01, claim-types: [RENT]}
              - {creditor: "974760673", agency: ops-agency-no, from: 2024-01-01}
            ledgers:
              - {source-system: demo-erp, reminder-required: false}
            """.formatted(AGENCY_KEY);

    static final AgencySimulator SIMULATOR;
    static final Path CONFIG_DIR;

    static {
        try {
            SIMULATOR = AgencySimulator.start(0, AGENCY_KEY, "dev-only-ops-it-client", "dev-only-ops-it-secret");
            CONFIG_DIR = ConfigDirs.withRules("ops-it-config");
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
    CamelContext camel;
    @Autowired
    JmsTemplate jms;
    @Autowired
    EmbeddedActiveMQ broker;

    private ApiTestClient api;

    @BeforeEach
    void setUp() {
        api = new ApiTestClient(port);
        clock.setDate(LocalDate.parse("2026-03-10"));
        SIMULATOR.reset();
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Test
    void anAgencyThatIsDownShowsInHealthWithoutTakingTheGatewayOutOfReadinessAndComesBackUp() throws Exception {
        SimulatedAgency agency = SIMULATOR.agency(AGENCY);
        agency.mode(SimulatedAgency.Mode.DOWN, 0);
        String caseId = submit(claim("923609016"));

        JsonNode down = await().atMost(PIPELINE).until(() -> health("/actuator/health"),
                h -> "DOWN".equals(h.at("/components/agencies/status").asText()));

        assertThat(down.at("/components/agencies/details/" + AGENCY + "/circuit").asText()).isIn("OPEN", "HALF_OPEN");
        assertThat(down.at("/components/agencies/details/" + AGENCY + "/consecutiveFailures").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(down.at("/components/agencies/details/" + AGENCY + "/lastFailureAt").asText()).isNotEmpty();
        assertThat(status("/actuator/health/readiness")).as("an agency down does not stop intake").isEqualTo(200);
        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
        assertThat(health("/actuator/health/readiness").at("/components/agencies").isMissingNode()).isTrue();

        agency.mode(SimulatedAgency.Mode.UP, 0);

        awaitState(caseId, "AT_AGENCY");
        JsonNode up = await().atMost(PIPELINE).until(() -> health("/actuator/health"),
                h -> "UP".equals(h.at("/components/agencies/status").asText()));
        assertThat(up.at("/components/agencies/details/" + AGENCY + "/circuit").asText()).isEqualTo("CLOSED");
        assertThat(up.at("/components/agencies/details/" + AGENCY + "/consecutiveFailures").asInt()).isZero();
        assertThat(up.at("/components/agencies/details/" + AGENCY + "/lastSuccessAt").asText()).isNotEmpty();
    }

    @Test
    void aRouteStoppedByOperationsShowsAsSuchAndKeepsTheGatewayReadyButOneStoppedOtherwiseDoesNot() throws Exception {
        assertThat(health("/actuator/health").at("/components/routes/details/routes/" + ROUTE).asText()).isEqualTo("Started");

        assertThat(api.post("/api/v1/ops/routes/" + ROUTE + "/stop", OpsApiIT.OPS_KEY).statusCode()).isEqualTo(200);
        try {
            JsonNode stopped = health("/actuator/health");
            assertThat(stopped.at("/components/routes/status").asText()).isEqualTo("UP");
            assertThat(stopped.at("/components/routes/details/routes/" + ROUTE).asText()).isEqualTo("Stopped (by operations)");
            JsonNode ready = health("/actuator/health/readiness");
            assertThat(ready.at("/status").asText()).as(ready.toString()).isEqualTo("UP");
        } finally {
            assertThat(api.post("/api/v1/ops/routes/" + ROUTE + "/start", OpsApiIT.OPS_KEY).statusCode()).isEqualTo(200);
        }

        // Stopped by something else (as a route that failed to start would be): the gateway is not ready.
        camel.getRouteController().stopRoute(ROUTE);
        try {
            JsonNode down = health("/actuator/health/readiness");
            assertThat(down.at("/components/routes/status").asText()).isEqualTo("DOWN");
            assertThat(down.at("/components/routes/details/routes/" + ROUTE).asText()).isEqualTo("Stopped");
            assertThat(status("/actuator/health/readiness")).isEqualTo(503);
            assertThat(status("/actuator/health/liveness")).as("a restart is not what it needs").isEqualTo(200);
        } finally {
            camel.getRouteController().startRoute(ROUTE);
        }
        JsonNode ready = health("/actuator/health/readiness");
        assertThat(ready.at("/status").asText()).as(ready.toString()).isEqualTo("UP");
        assertThat(health("/actuator/health").at("/components/routes/status").asText()).isEqualTo("UP");
    }

    @Test
    void aClaimOnItsWayToTheAgencyLeavesSensibleMetrics() throws Exception {
        String caseId = submit(claim("974760673"));
        awaitState(caseId, "AT_AGENCY");
        // a queue created after start, with a dead letter: found by the next refresh
        String queue = "opsmetrics." + UUID.randomUUID();
        broker.getActiveMQServer().createQueue(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        broker.getActiveMQServer().createQueue(QueueConfiguration.of(queue + ".dlq").setRoutingType(RoutingType.ANYCAST).setDurable(true));
        jms.send(queue + ".dlq", session -> session.createTextMessage("{}"));

        String scrape = await().atMost(PIPELINE).until(this::prometheus,
                text -> value(text, "gateway_queue_dead_letters", Map.of("queue", queue)) == 1.0
                        && value(text, "gateway_cases", Map.of("state", "AT_AGENCY", "agency", AGENCY)) >= 1);

        assertThat(value(scrape, "gateway_claims_received_total", Map.of("channel", "REST"))).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "gateway_eligibility_decisions_total", Map.of("verdict", "ELIGIBLE"))).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "gateway_agency_deliveries_total", Map.of("agency", AGENCY, "outcome", "delivered")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "gateway_agency_circuit_open", Map.of("agency", AGENCY))).isZero();
        assertThat(value(scrape, "gateway_queue_messages", Map.of("queue", queue + ".dlq"))).isEqualTo(1.0);
        assertThat(value(scrape, "gateway_queue_messages", Map.of("queue", "claims.received"))).isGreaterThanOrEqualTo(0);
        assertThat(value(scrape, "gateway_queue_messages_added_total", Map.of("queue", "agency." + AGENCY + ".outbound")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "gateway_queue_dead_letters", Map.of("queue", "claims.received"))).isGreaterThanOrEqualTo(0);
        assertThat(value(scrape, "gateway_cases", Map.of("state", "RECEIVED", "agency", "none"))).isGreaterThanOrEqualTo(0);
        // Camel: per route exchanges, failures and processing time as a histogram
        assertThat(value(scrape, "camel_exchanges_total", Map.of("routeId", "intake-create-claim"))).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "camel_exchanges_failed_total", Map.of("routeId", "intake-create-claim"))).isGreaterThanOrEqualTo(0);
        assertThat(value(scrape, "camel_route_policy_seconds_count", Map.of("routeId", "intake-create-claim")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "camel_route_policy_seconds_bucket", Map.of("routeId", "intake-create-claim", "le", "60.0")))
                .as("a request is counted in the 60 s bucket").isGreaterThanOrEqualTo(1);
    }

    @Test
    void linesAboutACaseInRoutingAndDeliveryCarryItsCaseAndCorrelationId() throws Exception {
        String run = UUID.randomUUID().toString();
        // held in routing: its agreement names an agency without a delivery
        ObjectNode rent = claim("974760673");
        rent.put("claimType", "RENT");
        String held = submit(rent, "ops-held-" + run);
        awaitState(held, "NO_AGENCY");
        // refused by the agency
        SimulatedAgency agency = SIMULATOR.agency(AGENCY);
        agency.mode(SimulatedAgency.Mode.DOWN, 0);
        String refused = submit(claim("923609016"), "ops-refused-" + run);
        awaitState(refused, "ROUTED");
        agency.refuse(refused, 422);
        agency.mode(SimulatedAgency.Mode.UP, 0);
        awaitState(refused, "DELIVERY_FAILED");

        JsonNode failures = ApiTestClient.json(api.get("/api/v1/ops/failures?limit=500", OpsApiIT.OPS_KEY)).get("items");

        assertThat(failure(failures, held).get("correlationId").asText()).isEqualTo("ops-held-" + run);
        assertThat(failure(failures, held).get("logger").asText()).endsWith("AgencyRouter");
        assertThat(failure(failures, refused).get("correlationId").asText()).isEqualTo("ops-refused-" + run);
        assertThat(failure(failures, refused).get("logger").asText()).endsWith("AgencyDeliveryWorker");
        assertThat(failure(failures, refused).get("message").asText()).contains("HTTP 422");
    }

    // ---- helpers ----

    private static JsonNode failure(JsonNode items, String caseId) {
        for (JsonNode item : items) {
            if (caseId.equals(item.path("caseId").asText())) {
                return item;
            }
        }
        throw new AssertionError("no failure of case " + caseId + " in " + items);
    }

    /** The sum of a metric's samples whose labels include {@code labels}; NaN when there is none. */
    static double value(String scrape, String metric, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                continue;
            }
            String labelText = line.contains("{") ? line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1) : "";
            if (labels.entrySet().stream().allMatch(l -> labelText.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    private String prometheus() throws Exception {
        HttpResponse<String> response = api.http().send(api.request("/actuator/prometheus", OpsApiIT.OPS_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private JsonNode health(String path) throws Exception {
        return ApiJson.mapper().readTree(api.http().send(api.request(path, null).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private int status(String path) throws Exception {
        return api.http().send(api.request(path, null).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** examples/claim.json for {@code creditor}, due 2026-01-15 with an inkassovarsel: eligible from 2026-02-20. */
    private static ObjectNode claim(String creditor) throws Exception {
        ObjectNode claim = (ObjectNode) ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
        ((ObjectNode) claim.get("creditor")).put("orgNumber", creditor);
        claim.put("claimType", "ORDINARY");
        ObjectNode invoice = (ObjectNode) claim.get("invoice");
        invoice.put("number", "OPS-" + UUID.randomUUID());
        invoice.put("issueDate", "2026-01-01");
        invoice.put("dueDate", "2026-01-15");
        ArrayNode notices = claim.putArray("notices");
        notices.addObject().put("kind", "INKASSOVARSEL").put("sentOn", "2026-02-01").put("deadline", "2026-02-15");
        return claim;
    }

    private String submit(ObjectNode claim) throws Exception {
        return submit(claim, null);
    }

    private String submit(ObjectNode claim, String correlationId) throws Exception {
        HttpResponse<String> created = api.post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), correlationId);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiTestClient.json(created).get("caseId").asText();
    }

    private JsonNode awaitState(String caseId, String state) {
        return await().atMost(PIPELINE).pollInterval(Duration.ofMillis(100)).until(() -> ApiTestClient.json(
                api.get("/api/v1/claims/" + caseId, LEDGER_KEY)), c -> state.equals(c.get("state").asText()));
    }
}
