package no.inkasso.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.TextMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import no.inkasso.gateway.ApiTestClient;
import no.inkasso.gateway.api.ApiJson;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on its embedded defaults (Artemis, H2), driven over HTTP like a ledger
 * would; every answer is also checked against the OpenAPI document.
 */
@CamelSpringBootTest
// The eligibility stage is paused: these tests read claims.received themselves.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "gateway.eligibility.consume-received=false")
@AutoConfigureObservability
@ActiveProfiles("test")
class ClaimsApiIT {

    private static final String LEDGER_KEY = "dev-only-demo-ledger-key";
    private static final String OTHER_LEDGER_KEY = "dev-only-other-ledger-key";
    private static final String OPS_KEY = "dev-only-operations-key";

    private static final com.networknt.schema.JsonSchema MESSAGE_SCHEMA = com.networknt.schema.JsonSchemaFactory
            .getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7)
            .getSchema(com.networknt.schema.SchemaLocation.of("file:schemas/messages/claims-received-v2.schema.json"));

    @LocalServerPort
    int port;
    @Autowired
    JmsTemplate jms;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;

    private final HttpClient http = HttpClient.newHttpClient();
    private ObjectNode claim;

    @BeforeEach
    void freshClaim() throws IOException {
        claim = (ObjectNode) ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
        ((ObjectNode) claim.get("invoice")).put("number", "IT-" + UUID.randomUUID());
        jms.setReceiveTimeout(10_000);
    }

    @Test
    void aClaimBecomesADurableCaseAndIsQueuedForEligibility() throws Exception {
        HttpResponse<String> created = post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), "my-request-1");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json(created);
        String caseId = body.get("caseId").asText();
        assertThat(body.get("duplicate").asBoolean()).isFalse();
        assertThat(body.get("correlationId").asText()).isEqualTo("my-request-1");
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/claims/" + caseId);
        assertThat(created.headers().firstValue("X-Correlation-Id")).contains("my-request-1");

        HttpResponse<String> fetched = get("/api/v1/claims/" + caseId, LEDGER_KEY);
        assertThat(fetched.statusCode()).isEqualTo(200);
        JsonNode stored = json(fetched);
        assertThat(stored.get("state").asText()).isEqualTo("RECEIVED");
        assertThat(stored.at("/claim/invoice/number").asText()).isEqualTo(claim.at("/invoice/number").asText());
        assertThat(stored.at("/claim/invoice/originalAmount").decimalValue()).isEqualByComparingTo("4250.00");
        assertThat(stored.at("/events/0/type").asText()).isEqualTo("CLAIM_RECEIVED");

        TextMessage queued = (TextMessage) jms.receiveSelected("claims.received", "caseId = '" + caseId + "'");
        assertThat(queued).as("message on claims.received").isNotNull();
        JsonNode message = ApiJson.mapper().readTree(queued.getText());
        assertThat(message.get("caseId").asText()).isEqualTo(caseId);
        assertThat(message.get("correlationId").asText()).isEqualTo("my-request-1");
        assertThat(message.at("/claimKey/invoiceNumber").asText()).isEqualTo(claim.at("/invoice/number").asText());
        assertThat(message.get("contentSha256").asText())
                .isEqualTo(jdbc.queryForObject("select content_sha256 from claim_case where case_id = ?", String.class, caseId));
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where case_id = ?", Integer.class, caseId)).isZero();
        assertThat(MESSAGE_SCHEMA.validate(message)).as("claims.received message against its schema").isEmpty();
    }

    @Test
    void theQuickStartExamplesDoWhatTheReadmeSays() throws Exception {
        JsonNode batch = json(post("/api/v1/claims/batch", LEDGER_KEY, "application/json",
                Files.readString(Path.of("examples/claims-batch.json")), null));
        HttpResponse<String> invalid = post("/api/v1/claims", LEDGER_KEY, "application/json",
                Files.readString(Path.of("examples/claim-invalid.json")), null);

        assertThat(batch.get("received").asInt()).isEqualTo(3);
        assertThat(batch.get("created").asInt() + batch.get("duplicates").asInt()).isEqualTo(3);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).get("errors")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void theSameClaimAgainReturnsTheExistingCase() throws Exception {
        String first = json(post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null)).get("caseId").asText();

        HttpResponse<String> again = post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toPrettyString(), null);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("caseId").asText()).isEqualTo(first);
        assertThat(json(again).get("duplicate").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from claim_case where invoice_number = ?", Integer.class,
                claim.at("/invoice/number").asText())).isEqualTo(1);
    }

    @Test
    void aChangedResubmissionIsAConflictAndIsKeptAsARejection() throws Exception {
        String first = json(post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null)).get("caseId").asText();
        ((ObjectNode) claim.get("invoice")).put("outstandingAmount", 1000);
        String changed = claim.toString();

        HttpResponse<String> conflict = post("/api/v1/claims", LEDGER_KEY, "application/json", changed, null);

        assertThat(conflict.statusCode()).isEqualTo(409);
        JsonNode problem = json(conflict);
        assertThat(problem.get("caseId").asText()).isEqualTo(first);
        String rejectionId = problem.get("rejectionId").asText();
        JsonNode rejection = json(get("/api/v1/rejections/" + rejectionId, LEDGER_KEY));
        assertThat(rejection.at("/reasons/0/code").asText()).isEqualTo("conflicting-resubmission");
        assertThat(get("/api/v1/rejections/" + rejectionId + "/original", LEDGER_KEY).body()).isEqualTo(changed);
        assertThat(json(get("/api/v1/claims/" + first, LEDGER_KEY)).at("/claim/invoice/outstandingAmount").decimalValue())
                .isEqualByComparingTo("4250.00");
    }

    @Test
    void malformedJsonIsRefusedAndTheExactBytesAreKept() throws Exception {
        String broken = "{\"source\": {\"system\": \"demo-erp\"";

        HttpResponse<String> refused = post("/api/v1/claims", LEDGER_KEY, "application/json", broken, null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(refused);
        assertThat(problem.get("type").asText()).endsWith("/malformed-json");
        assertThat(problem.get("detail").asText()).contains("line 1");
        assertThat(get("/api/v1/rejections/" + problem.get("rejectionId").asText() + "/original", LEDGER_KEY).body()).isEqualTo(broken);
    }

    @Test
    void everyFieldErrorIsListedAtOnce() throws Exception {
        claim.remove("debtor");
        ((ObjectNode) claim.get("invoice")).put("originalAmount", -10).remove("dueDate");
        claim.put("colour", "blue");

        HttpResponse<String> refused = post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null);

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = json(refused);
        assertThat(problem.get("type").asText()).endsWith("/invalid-claim");
        Set<String> pointers = new HashSet<>();
        problem.get("errors").forEach(e -> pointers.add(e.get("pointer").asText() + " " + e.get("code").asText()));
        assertThat(pointers).contains("/debtor required", "/invoice/originalAmount too-small", "/invoice/dueDate required",
                "/colour unknown-field");
        assertThat(jdbc.queryForObject("select count(*) from claim_case where invoice_number = ?", Integer.class,
                claim.at("/invoice/number").asText())).isZero();
    }

    @Test
    void anUnknownCurrencyAndABadNationalIdAreRefused() throws Exception {
        ((ObjectNode) claim.get("invoice")).put("currency", "NOX");
        ((ObjectNode) claim.at("/debtor/nationalId")).put("value", "15038512364");

        JsonNode problem = json(post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null));

        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").toString()).contains("unknown-currency").contains("/debtor/nationalId/value")
                .doesNotContain("15038512364");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        byte[] huge = new byte[6 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');

        HttpResponse<String> declared = http.send(request("/api/v1/claims/batch", LEDGER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chunked = http.send(request("/api/v1/claims/batch", LEDGER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared).get("type").asText()).endsWith("/body-too-large");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(json(chunked).get("type").asText()).endsWith("/body-too-large");
    }

    @Test
    void aWrongContentTypeIsRefused() throws Exception {
        HttpResponse<String> refused = post("/api/v1/claims", LEDGER_KEY, "text/csv", "a;b;c", null);

        assertThat(refused.statusCode()).isEqualTo(415);
        assertThat(json(refused).get("detail").asText()).contains("text/csv");
    }

    @Test
    void aMissingOrWrongCredentialIsRefusedAndOnlyHealthIsOpen() throws Exception {
        assertThat(post("/api/v1/claims", null, "application/json", claim.toString(), null).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/claims", "dev-only-not-a-real-key", "application/json", claim.toString(), null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/claims", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/claims", OPS_KEY, "application/json", claim.toString(), null).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", LEDGER_KEY).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aLedgerNeitherPostsNorSeesAnotherCreditorsClaims() throws Exception {
        String caseId = json(post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null)).get("caseId").asText();

        HttpResponse<String> peek = get("/api/v1/claims/" + caseId, OTHER_LEDGER_KEY);
        ((ObjectNode) claim.get("source")).put("system", "other-erp");
        HttpResponse<String> post = post("/api/v1/claims", OTHER_LEDGER_KEY, "application/json", claim.toString(), null);
        HttpResponse<String> list = get("/api/v1/claims?creditor=923609016", OTHER_LEDGER_KEY);

        assertThat(peek.statusCode()).isEqualTo(404);
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(json(post).get("detail").asText()).contains("923609016");
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/claims/" + caseId, OPS_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownPathOrMethodIsAProblemToo() throws Exception {
        HttpResponse<String> unknown = http.send(request("/api/v1/nothing-here", LEDGER_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongMethod = http.send(request("/api/v1/claims", LEDGER_KEY).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(unknown).get("type").asText()).endsWith("/not-found");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).get("detail").asText()).contains("DELETE");
    }

    @Test
    void aBatchAnswersForEachClaimInOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ArrayNode claims = ApiJson.mapper().createArrayNode();
        for (int i = 0; i < 3; i++) {
            ObjectNode c = claim.deepCopy();
            ((ObjectNode) c.get("invoice")).put("number", "B-" + run + "-" + i);
            claims.add(c);
        }
        ObjectNode invalid = claim.deepCopy();
        ((ObjectNode) invalid.get("invoice")).put("number", "B-" + run + "-bad").put("currency", "ZZZ");
        claims.add(invalid);
        claims.add(claims.get(0).deepCopy());
        ObjectNode batch = ApiJson.mapper().createObjectNode().set("claims", claims);

        HttpResponse<String> answer = post("/api/v1/claims/batch", LEDGER_KEY, "application/json", batch.toString(), "batch-" + run);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode result = json(answer);
        assertThat(result.get("created").asInt()).isEqualTo(3);
        assertThat(result.get("rejected").asInt()).isEqualTo(1);
        assertThat(result.get("duplicates").asInt()).isEqualTo(1);
        assertThat(result.at("/results/3/outcome").asText()).isEqualTo("REJECTED");
        assertThat(result.at("/results/3/problem/errors/0/code").asText()).isEqualTo("unknown-currency");
        assertThat(result.at("/results/4/caseId").asText()).isEqualTo(result.at("/results/0/caseId").asText());
        String thirdCase = result.at("/results/2/caseId").asText();
        assertThat(json(get("/api/v1/claims/" + thirdCase, LEDGER_KEY)).get("correlationId").asText()).isEqualTo("batch-" + run + "-2");
    }

    @Test
    void aBatchOverTheLimitIsRefusedWhole() throws Exception {
        ArrayNode claims = ApiJson.mapper().createArrayNode();
        for (int i = 0; i < 1001; i++) {
            claims.add(claim);
        }
        HttpResponse<String> answer = post("/api/v1/claims/batch", LEDGER_KEY, "application/json",
                ApiJson.mapper().createObjectNode().set("claims", claims).toString(), null);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).get("detail").asText()).contains("1001");
    }

    @Test
    void casesArePagedNewestFirstWithACursor() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            ((ObjectNode) claim.get("invoice")).put("number", "P-" + run + "-" + i);
            ((ObjectNode) claim.get("creditor")).put("orgNumber", "974760673");
            assertThat(post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null).statusCode()).isEqualTo(201);
        }

        JsonNode first = json(get("/api/v1/claims?creditor=974760673&state=RECEIVED&limit=2", LEDGER_KEY));
        JsonNode second = json(get("/api/v1/claims?creditor=974760673&limit=2&cursor=" + first.get("nextCursor").asText(), LEDGER_KEY));

        assertThat(first.get("items")).hasSize(2);
        assertThat(first.at("/items/0/invoiceNumber").asText()).isEqualTo("P-" + run + "-2");
        assertThat(first.at("/items/1/invoiceNumber").asText()).isEqualTo("P-" + run + "-1");
        assertThat(second.at("/items/0/invoiceNumber").asText()).isEqualTo("P-" + run + "-0");
        assertThat(get("/api/v1/claims?state=NOPE&limit=0", LEDGER_KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void operationsSeeHealthAndMetrics() throws Exception {
        post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null);

        // A consumer's first poll may still be under way right after start-up: health must settle at UP.
        JsonNode health = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> json(get("/actuator/health", null)), h -> "UP".equals(h.at("/components/camelHealth/status").asText()));
        String metrics = get("/actuator/prometheus", OPS_KEY).body();

        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/jms/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/camelHealth/status").asText()).as("%s", health.at("/components/camelHealth")).isEqualTo("UP");
        assertThat(metrics).contains("gateway_claims_received_total{channel=\"REST\",outcome=\"created\"}");
    }

    @Test
    void everyOperationInTheOpenApiDocumentIsServedAndNoOther() throws Exception {
        JsonNode spec = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(Path.of("schemas/openapi/inkasso-gateway-v1.yaml").toFile());
        Set<String> documented = new HashSet<>();
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        Set<String> served = new HashSet<>();
        for (RestDefinition rest : ((ModelCamelContext) camel).getRestDefinitions()) {
            rest.getVerbs().forEach(verb -> served.add(verb.asVerb().toUpperCase() + " " + rest.getPath() + verb.getPath()));
        }

        assertThat(served).isEqualTo(documented);
    }

    // ---- helpers: every response goes through the OpenAPI check (ApiTestClient) ----

    private ApiTestClient api() {
        return new ApiTestClient(port);
    }

    private HttpResponse<String> post(String path, String key, String contentType, String body, String correlationId) throws Exception {
        return api().post(path, key, contentType, body, correlationId);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return api().get(path, key);
    }

    private HttpRequest.Builder request(String path, String key) {
        return api().request(path, key);
    }

    private static HttpResponse<String> checked(String path, Request.Method method, HttpResponse<String> response) {
        return ApiTestClient.checked(path, method, response);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return ApiTestClient.json(response);
    }
}
