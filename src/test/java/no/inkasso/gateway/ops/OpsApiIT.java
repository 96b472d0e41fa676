package no.inkasso.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MapMessage;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import no.inkasso.gateway.ApiTestClient;
import no.inkasso.gateway.api.ApiJson;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The operations API on the whole application (embedded Artemis and H2): dead letters listed,
 * replayed (and then consumed normally) and discarded with an audit row; routes stopped and started;
 * other clients refused. Every answer is checked against the OpenAPI document.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpsApiIT {

    static final String OPS_KEY = "dev-only-operations-key";
    static final String LEDGER_KEY = "dev-only-demo-ledger-key";
    private static final Duration PIPELINE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JmsTemplate jms;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EmbeddedActiveMQ broker;

    private ApiTestClient api;
    private final String run = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() {
        api = new ApiTestClient(port);
        jms.setReceiveTimeout(10_000);
    }

    @Test
    void aReplayedDeadLetterGoesBackToItsQueueAndIsConsumedNormally() throws Exception {
        // A claim whose claims.received message failed: taken off the queue while eligibility is stopped, and dead-lettered.
        assertThat(api.post("/api/v1/ops/routes/eligibility-decide-received/stop", OPS_KEY).statusCode()).isEqualTo(200);
        String caseId;
        try {
            ObjectNode claim = (ObjectNode) ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
            ((ObjectNode) claim.get("invoice")).put("number", "OPS-" + run);
            caseId = ApiTestClient.json(api.post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null))
                    .get("caseId").asText();
            TextMessage queued = (TextMessage) jms.receiveSelected("claims.received", "caseId = '" + caseId + "'");
            assertThat(queued).as("claims.received message of the case").isNotNull();
            Map<String, Object> properties = new HashMap<>();
            for (Object name : Collections.list(queued.getPropertyNames())) {
                if (!((String) name).startsWith("JMSX")) {
                    properties.put((String) name, queued.getObjectProperty((String) name));
                }
            }
            String text = queued.getText();
            jms.send("claims.received.dlq", session -> {
                TextMessage copy = session.createTextMessage(text);
                for (Map.Entry<String, Object> p : properties.entrySet()) {
                    copy.setObjectProperty(p.getKey(), p.getValue());
                }
                return copy;
            });
        } finally {
            assertThat(api.post("/api/v1/ops/routes/eligibility-decide-received/start", OPS_KEY).statusCode()).isEqualTo(200);
        }
        JsonNode deadLetter = deadLetterWithProperty("claims.received.dlq", "caseId", caseId);
        assertThat(deadLetter.get("originalQueue").asText()).isEqualTo("claims.received");
        assertThat(deadLetter.get("bodyEncoding").asText()).isEqualTo("text");
        assertThat(ApiJson.mapper().readTree(deadLetter.get("body").asText()).get("caseId").asText()).isEqualTo(caseId);
        assertThat(state(caseId)).isEqualTo("RECEIVED");

        HttpResponse<String> replayed = api.post("/api/v1/ops/dead-letters/claims.received.dlq/"
                + deadLetter.get("messageId").asText() + "/replay", OPS_KEY);

        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(ApiTestClient.json(replayed).get("movedTo").asText()).isEqualTo("claims.received");
        // The duplicate id it carries (claims.received:<caseId>) did not stop it: the case is decided from it.
        await().atMost(PIPELINE).until(() -> !"RECEIVED".equals(state(caseId)));
        assertThat(deadLetterWithPropertyOrNull("claims.received.dlq", "caseId", caseId)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from ops_audit where action = 'DEAD_LETTER_REPLAY' and client_id = 'operations'"
                + " and queue_name = 'claims.received.dlq' and message_id = ?", Integer.class, deadLetter.get("messageId").asText()))
                .isEqualTo(1);
    }

    @Test
    void aDiscardNeedsAReasonAndKeepsTheMessageInItsAuditRow() throws Exception {
        jms.send("cases.eligible.dlq", session -> {
            TextMessage message = session.createTextMessage("{\"poison\":\"" + run + "\"}");
            message.setStringProperty("opsRun", run);
            return message;
        });
        JsonNode deadLetter = deadLetterWithProperty("cases.eligible.dlq", "opsRun", run);
        String discard = "/api/v1/ops/dead-letters/cases.eligible.dlq/" + deadLetter.get("messageId").asText() + "/discard";

        HttpResponse<String> noBody = api.post(discard, OPS_KEY);
        HttpResponse<String> noReason = api.post(discard, OPS_KEY, "application/json", "{\"reason\": \"  \"}", null);
        assertThat(noBody.statusCode()).isEqualTo(400);
        assertThat(noBody.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(ApiTestClient.json(noBody).at("/errors/0/pointer").asText()).isEqualTo("/reason");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(deadLetterWithPropertyOrNull("cases.eligible.dlq", "opsRun", run)).as("still there").isNotNull();

        HttpResponse<String> discarded = api.post(discard, OPS_KEY, "application/json",
                "{\"reason\": \"test poison, never a real case\"}", "discard-" + run);

        assertThat(discarded.statusCode()).isEqualTo(200);
        assertThat(deadLetterWithPropertyOrNull("cases.eligible.dlq", "opsRun", run)).isNull();
        Map<String, Object> row = jdbc.queryForMap("select * from ops_audit where correlation_id = ?", "discard-" + run);
        assertThat(row.get("action")).isEqualTo("DEAD_LETTER_DISCARD");
        assertThat(row.get("client_id")).isEqualTo("operations");
        assertThat(row.get("reason")).isEqualTo("test poison, never a real case");
        assertThat(new String((byte[]) row.get("message_body"))).isEqualTo("{\"poison\":\"" + run + "\"}");
        assertThat((String) row.get("message_properties")).contains(run);
        JsonNode audit = ApiTestClient.json(api.get("/api/v1/ops/audit?limit=50", OPS_KEY));
        assertThat(audit.get("items").findValuesAsText("correlationId")).contains("discard-" + run);
        // Gone means gone: a second discard or replay finds nothing.
        assertThat(api.post(discard, OPS_KEY, "application/json", "{\"reason\": \"again\"}", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aMessageTheBrokerDeadLettersSaysWhereItFailedAndWhen() throws Exception {
        jms.send("ehf.inbound", session -> {
            MapMessage message = session.createMapMessage();
            message.setString("invoice", "not a document");
            message.setStringProperty("clientId", "demo-ledger");
            message.setStringProperty("correlationId", "ops-poison-" + run);
            return message;
        });

        JsonNode deadLetter = deadLetterWithProperty("ehf.inbound.dlq", "correlationId", "ops-poison-" + run);

        assertThat(deadLetter.get("originalQueue").asText()).isEqualTo("ehf.inbound");
        assertThat(deadLetter.get("maxDeliveryAttempts").asInt()).isEqualTo(3);
        assertThat(deadLetter.get("failureReason").asText()).contains("3 deliveries from ehf.inbound");
        assertThat(deadLetter.get("bodyEncoding").asText()).isEqualTo("base64");
        assertThat(deadLetter.hasNonNull("firstAttemptAt")).isTrue();
        assertThat(deadLetter.hasNonNull("lastAttemptAt")).isTrue();
        assertThat(deadLetter.get("lastAttemptAt").asText()).isGreaterThanOrEqualTo(deadLetter.get("firstAttemptAt").asText());
    }

    @Test
    void everyDeadLetterQueueIsFoundAndABulkReplayMovesThemAll() throws Exception {
        // Queues the gateway does not know of (as agency queues will be): found because the name ends in .dlq.
        String queue = "opsit." + run;
        ActiveMQServer server = broker.getActiveMQServer();
        server.getAddressSettingsRepository().addMatch(queue, new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(queue + ".dlq")).setMaxDeliveryAttempts(1));
        server.createQueue(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        server.createQueue(QueueConfiguration.of(queue + ".dlq").setRoutingType(RoutingType.ANYCAST).setDurable(true));
        // one the broker dead-letters (a consumer rolls it back), one put on the dead-letter queue by hand
        jms.send(queue, session -> session.createTextMessage("bulk-failed"));
        // A connection of its own: the template's caching factory would keep this consumer (and its prefetch) alive.
        ConnectionFactory factory = jms.getConnectionFactory() instanceof CachingConnectionFactory caching
                ? caching.getTargetConnectionFactory() : jms.getConnectionFactory();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            assertThat(session.createConsumer(session.createQueue(queue)).receive(10_000)).isNotNull();
            session.rollback();
        }
        jms.send(queue + ".dlq", session -> session.createTextMessage("bulk-by-hand"));
        JsonNode listed = ApiTestClient.json(api.get("/api/v1/ops/dead-letters?queue=" + queue + ".dlq", OPS_KEY));
        assertThat(listed.at("/queues/0/count").asLong()).isEqualTo(2);
        assertThat(listed.at("/queues/0/messages").findValuesAsText("originalQueue")).containsOnly(queue);

        HttpResponse<String> replayed = api.post("/api/v1/ops/dead-letters/" + queue + ".dlq/replay", OPS_KEY);

        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(ApiTestClient.json(replayed).get("replayed").asInt()).isEqualTo(2);
        assertThat(ApiTestClient.json(replayed).get("remaining").asInt()).isZero();
        Set<String> back = new HashSet<>();
        back.add(((TextMessage) jms.receive(queue)).getText());
        back.add(((TextMessage) jms.receive(queue)).getText());
        assertThat(back).containsExactlyInAnyOrder("bulk-failed", "bulk-by-hand");
        assertThat(jdbc.queryForList("select detail from ops_audit where queue_name = ? and action = 'DEAD_LETTER_REPLAY'",
                String.class, queue + ".dlq")).containsExactly("2 messages moved back to " + queue);
    }

    @Test
    void aBulkReplayByFilterMovesOnlyTheDeadLettersItTakesAndSaysSoInTheAudit() throws Exception {
        String queue = "opsfilter." + run;
        ActiveMQServer server = broker.getActiveMQServer();
        server.createQueue(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        server.createQueue(QueueConfiguration.of(queue + ".dlq").setRoutingType(RoutingType.ANYCAST).setDurable(true));
        String[][] letters = {{"case-a", "agency timeout after 400 ms"}, {"case-b", "HTTP 422: refused by the agency"},
                {"case-c", "Agency TIMEOUT after 400 ms"}};
        for (String[] letter : letters) {
            jms.send(queue + ".dlq", session -> {
                TextMessage message = session.createTextMessage(letter[0]);
                message.setStringProperty("caseId", letter[0] + "-" + run);
                message.setStringProperty(DeadLetters.FAILURE_REASON, letter[1]);
                return message;
            });
        }
        String dlq = "/api/v1/ops/dead-letters/" + queue + ".dlq/replay";

        JsonNode preview = ApiTestClient.json(api.get("/api/v1/ops/dead-letters?queue=" + queue + ".dlq&reason=timeout", OPS_KEY));
        assertThat(preview.at("/queues/0/count").asLong()).isEqualTo(3);
        assertThat(preview.at("/queues/0/matching").asLong()).isEqualTo(2);
        assertThat(preview.at("/queues/0/messages").findValuesAsText("body")).containsExactly("case-a", "case-c");

        HttpResponse<String> oneCase = api.post(dlq + "?reason=TIMEOUT&caseId=case-a-" + run, OPS_KEY, "application/json", "", "filter-" + run);
        assertThat(oneCase.statusCode()).isEqualTo(200);
        assertThat(ApiTestClient.json(oneCase).get("replayed").asInt()).isEqualTo(1);
        assertThat(ApiTestClient.json(oneCase).get("remaining").asInt()).isEqualTo(2);
        assertThat(((TextMessage) jms.receive(queue)).getText()).isEqualTo("case-a");

        HttpResponse<String> nothingThatOld = api.post(dlq + "?to=2000-01-01T00:00:00Z", OPS_KEY);
        assertThat(ApiTestClient.json(nothingThatOld).get("replayed").asInt()).isZero();
        HttpResponse<String> lastHour = api.post(dlq + "?reason=timeout&from="
                + java.time.Instant.now().minus(Duration.ofHours(1)), OPS_KEY);
        assertThat(ApiTestClient.json(lastHour).get("replayed").asInt()).isEqualTo(1);
        assertThat(((TextMessage) jms.receive(queue)).getText()).isEqualTo("case-c");
        assertThat(ApiTestClient.json(api.get("/api/v1/ops/dead-letters?queue=" + queue + ".dlq", OPS_KEY))
                .at("/queues/0/messages").findValuesAsText("body")).containsExactly("case-b");

        HttpResponse<String> badTime = api.post(dlq + "?from=yesterday", OPS_KEY);
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(ApiTestClient.json(badTime).at("/errors/0/pointer").asText()).isEqualTo("/from");
        Map<String, Object> audited = jdbc.queryForMap("select * from ops_audit where correlation_id = ?", "filter-" + run);
        assertThat(audited.get("action")).isEqualTo("DEAD_LETTER_REPLAY");
        assertThat(audited.get("reason")).isEqualTo("bulk replay (caseId=case-a-" + run + ", reason~\"TIMEOUT\")");
        assertThat(audited.get("detail")).isEqualTo("1 messages moved back to " + queue);
    }

    @Test
    void queuesAreListedWithTheirDepthAndDeadLetters() throws Exception {
        String queue = "opsdepth." + run;
        ActiveMQServer server = broker.getActiveMQServer();
        server.createQueue(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        server.createQueue(QueueConfiguration.of(queue + ".dlq").setRoutingType(RoutingType.ANYCAST).setDurable(true));
        jms.send(queue, session -> session.createTextMessage("waiting 1"));
        jms.send(queue, session -> session.createTextMessage("waiting 2"));
        jms.send(queue + ".dlq", session -> session.createTextMessage("dead"));

        JsonNode queues = ApiTestClient.json(api.get("/api/v1/ops/queues", OPS_KEY)).get("queues");

        JsonNode mine = null;
        for (JsonNode q : queues) {
            if (q.get("queue").asText().equals(queue)) {
                mine = q;
            }
        }
        assertThat(mine).as("%s in %s", queue, queues).isNotNull();
        assertThat(mine.get("messages").asLong()).isEqualTo(2);
        assertThat(mine.get("messagesAdded").asLong()).isEqualTo(2);
        assertThat(mine.get("deadLetterQueue").asText()).isEqualTo(queue + ".dlq");
        assertThat(mine.get("deadLetters").asLong()).isEqualTo(1);
        assertThat(queues.findValuesAsText("queue")).contains("claims.received", "cases.eligible")
                .doesNotContain(queue + ".dlq", "claims.received.dlq");
    }

    @Test
    void recentFailuresShowTheRouteTheCaseAndTheReasonMasked() throws Exception {
        // a real one: a message on ehf.inbound that is no document fails in its route until dead-lettered
        jms.send("ehf.inbound", session -> {
            MapMessage message = session.createMapMessage();
            message.setString("invoice", "not a document");
            message.setStringProperty("clientId", "demo-ledger");
            message.setStringProperty("correlationId", "ops-failure-" + run);
            return message;
        });
        // and a line about a case with a personal id in it
        org.slf4j.MDC.put("caseId", "case-" + run);
        try {
            org.slf4j.LoggerFactory.getLogger(OpsApiIT.class).warn("Debtor 01017012345 could not be reached ({})", run);
        } finally {
            org.slf4j.MDC.remove("caseId");
        }

        JsonNode items = await().atMost(PIPELINE).until(() -> ApiTestClient.json(api.get("/api/v1/ops/failures?limit=500", OPS_KEY))
                .get("items"), list -> list.findValuesAsText("routeId").contains("ehf-receive-inbound"));

        JsonNode mine = null;
        for (JsonNode item : items) {
            if (("case-" + run).equals(item.path("caseId").asText())) {
                mine = item;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("level").asText()).isEqualTo("WARN");
        assertThat(mine.get("message").asText()).contains(run).doesNotContain("01017012345");
        assertThat(items.get(0).get("at").asText()).isGreaterThanOrEqualTo(items.get(items.size() - 1).get("at").asText());
        assertThat(api.get("/api/v1/ops/failures?limit=0", OPS_KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void onlyOperationsClientsMayUseTheOperationsApi() throws Exception {
        for (String path : new String[] {"/api/v1/ops/dead-letters", "/api/v1/ops/routes", "/api/v1/ops/pipeline", "/api/v1/ops/audit",
                "/api/v1/ops/queues", "/api/v1/ops/failures", "/actuator/prometheus"}) {
            assertThat(api.get(path, LEDGER_KEY).statusCode()).as(path).isEqualTo(403);
            assertThat(api.get(path, null).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(api.post("/api/v1/ops/routes/eligibility-recheck-waiting/stop", LEDGER_KEY).statusCode()).isEqualTo(403);
        assertThat(api.post("/api/v1/ops/dead-letters/claims.received.dlq/replay?reason=x", LEDGER_KEY).statusCode()).isEqualTo(403);
        assertThat(api.post("/api/v1/ops/dead-letters/claims.received.dlq/1/replay", "dev-only-other-ledger-key").statusCode())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/ops/dead-letters/claims.received.dlq/1/discard", LEDGER_KEY, "application/json",
                "{\"reason\":\"x\"}", null).statusCode()).isEqualTo(403);
        // The dashboard page itself is static and open; its data calls are what need the key.
        HttpResponse<String> page = api.http().send(api.request("/ops/", null).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Operations API key");
    }

    @Test
    void routesAreListedAndStoppedAndStartedButNotTheOperationsApiItself() throws Exception {
        JsonNode routes = ApiTestClient.json(api.get("/api/v1/ops/routes", OPS_KEY));
        assertThat(routes.get("routes").findValuesAsText("routeId")).contains("eligibility-recheck-waiting", "intake-relay-outbox");
        assertThat(routes.toString()).doesNotContain("dev-only-sftp-password");

        JsonNode stopped = ApiTestClient.json(api.post("/api/v1/ops/routes/eligibility-recheck-waiting/stop", OPS_KEY));
        JsonNode started = ApiTestClient.json(api.post("/api/v1/ops/routes/eligibility-recheck-waiting/start", OPS_KEY));

        assertThat(stopped.get("state").asText()).isEqualTo("Stopped");
        assertThat(started.get("state").asText()).isEqualTo("Started");
        assertThat(api.post("/api/v1/ops/routes/ops-list-routes/stop", OPS_KEY).statusCode()).isEqualTo(409);
        assertThat(api.post("/api/v1/ops/routes/no-such-route/stop", OPS_KEY).statusCode()).isEqualTo(404);
        JsonNode pipeline = ApiTestClient.json(api.get("/api/v1/ops/pipeline", OPS_KEY));
        assertThat(pipeline.get("states").findValuesAsText("state")).startsWith("RECEIVED", "WAITING", "ELIGIBLE");
    }

    private JsonNode deadLetterWithProperty(String queue, String property, String value) {
        return await().atMost(PIPELINE).until(() -> deadLetterWithPropertyOrNull(queue, property, value), found -> found != null);
    }

    private JsonNode deadLetterWithPropertyOrNull(String queue, String property, String value) throws Exception {
        HttpResponse<String> listed = api.get("/api/v1/ops/dead-letters?limit=1000", OPS_KEY);
        assertThat(listed.statusCode()).isEqualTo(200);
        for (JsonNode q : ApiTestClient.json(listed).get("queues")) {
            if (q.get("queue").asText().equals(queue) && q.has("messages")) {
                for (JsonNode m : q.get("messages")) {
                    if (value.equals(m.at("/properties/" + property).asText(null))) {
                        return m;
                    }
                }
            }
        }
        return null;
    }

    private String state(String caseId) {
        return jdbc.queryForObject("select state from claim_case where case_id = ?", String.class, caseId);
    }
}
