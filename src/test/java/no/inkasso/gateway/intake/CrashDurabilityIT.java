package no.inkasso.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.inkasso.gateway.GatewayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The promise of a 201: a claim the gateway accepted survives a {@code kill -9} right after the
 * reply, and reaches {@code claims.received} exactly once after the restart. Runs the packaged jar
 * as a separate process, so the crash is real (no shutdown hooks, no graceful stop).
 */
class CrashDurabilityIT {

    private static final String LEDGER_KEY = "dev-only-demo-ledger-key";
    private static final String QUEUE = "claims.received";
    private static final Duration MESSAGE_DEADLINE = Duration.ofSeconds(60);
    private static final Duration NO_SECOND_MESSAGE_WINDOW = Duration.ofSeconds(3);

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final GatewayProcess gateway = new GatewayProcess("crash-durability");

    @Test
    void anAcceptedClaimSurvivesKillNineAndIsQueuedExactlyOnce() throws Exception {
        String claim = claimWithInvoiceNumber("IT-" + UUID.randomUUID());

        start("first-run", false);
        HttpResponse<String> created = gateway.postJson("/api/v1/claims", LEDGER_KEY, claim);
        gateway.killNine();

        assertThat(created.statusCode()).as("first POST: %s", created.body()).isEqualTo(201);
        String caseId = JSON.readTree(created.body()).path("caseId").asText();
        assertThat(caseId).isNotBlank();

        start("after-kill", false);

        HttpResponse<String> stored = gateway.get("/api/v1/claims/" + caseId, LEDGER_KEY);
        assertThat(stored.statusCode()).as("GET after restart: %s", stored.body()).isEqualTo(200);
        JsonNode storedCase = JSON.readTree(stored.body());
        assertThat(storedCase.path("caseId").asText()).isEqualTo(caseId);
        assertThat(storedCase.path("state").asText()).isEqualTo("RECEIVED");
        List<String> eventTypes = new ArrayList<>();
        storedCase.path("events").forEach(event -> eventTypes.add(event.path("type").asText()));
        assertThat(eventTypes).containsExactly("CLAIM_RECEIVED");

        assertThat(messagesOnClaimsReceivedFor(caseId)).as("messages on %s with caseId %s", QUEUE, caseId).isEqualTo(1);

        HttpResponse<String> again = gateway.postJson("/api/v1/claims", LEDGER_KEY, claim);
        assertThat(again.statusCode()).as("second POST: %s", again.body()).isEqualTo(200);
        JsonNode duplicate = JSON.readTree(again.body());
        assertThat(duplicate.path("duplicate").asBoolean()).isTrue();
        assertThat(duplicate.path("caseId").asText()).isEqualTo(caseId);
    }

    @Test
    void aWaitingClaimSurvivesKillNineWithItsDate() throws Exception {
        // Dates relative to the real today (the jar runs on the system clock): due 3 days ago, an
        // inkassovarsel 2 days ago with a 14-day deadline → eligible from deadline + 5 grace days.
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
        ObjectNode claim = (ObjectNode) JSON.readTree(claimWithInvoiceNumber("IT-" + UUID.randomUUID()));
        ObjectNode invoice = (ObjectNode) claim.path("invoice");
        invoice.put("issueDate", today.minusDays(20).toString());
        invoice.put("dueDate", today.minusDays(3).toString());
        ArrayNode notices = claim.putArray("notices");
        notices.addObject().put("kind", "INKASSOVARSEL").put("sentOn", today.minusDays(2).toString())
                .put("deadline", today.plusDays(12).toString());
        String expectedRecheck = today.plusDays(17).toString();

        start("waiting-first-run", true);
        HttpResponse<String> created = gateway.postJson("/api/v1/claims", LEDGER_KEY, JSON.writeValueAsString(claim));
        assertThat(created.statusCode()).as("POST: %s", created.body()).isEqualTo(201);
        String caseId = JSON.readTree(created.body()).path("caseId").asText();
        JsonNode waiting = awaitState(caseId, "WAITING");
        assertThat(waiting.path("recheckOn").asText()).isEqualTo(expectedRecheck);
        gateway.killNine();

        start("waiting-after-kill", true);
        JsonNode after = JSON.readTree(gateway.get("/api/v1/claims/" + caseId, LEDGER_KEY).body());
        assertThat(after.path("state").asText()).isEqualTo("WAITING");
        assertThat(after.path("recheckOn").asText()).isEqualTo(expectedRecheck);
        List<String> eventTypes = new ArrayList<>();
        after.path("events").forEach(event -> eventTypes.add(event.path("type").asText()));
        assertThat(eventTypes).containsExactly("CLAIM_RECEIVED", "ELIGIBILITY_DECIDED");
    }

    private JsonNode awaitState(String caseId, String state) throws Exception {
        JsonNode[] last = {null};
        org.awaitility.Awaitility.await().atMost(MESSAGE_DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = JSON.readTree(gateway.get("/api/v1/claims/" + caseId, LEDGER_KEY).body());
            return state.equals(last[0].path("state").asText());
        });
        return last[0];
    }

    /** Drains the queue: waits for the first message, then for any further one within a short window. */
    private int messagesOnClaimsReceivedFor(String caseId) throws Exception {
        var factory = gateway.broker();
        try (factory; Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            int matching = 0;
            Message message = consumer.receive(MESSAGE_DEADLINE.toMillis());
            while (message != null) {
                if (caseId.equals(message.getStringProperty("caseId"))) {
                    matching++;
                }
                message = consumer.receive(NO_SECOND_MESSAGE_WINDOW.toMillis());
            }
            return matching;
        }
    }

    /** @param eligibility whether the eligibility stage consumes claims.received in this run */
    private void start(String name, boolean eligibility) throws IOException {
        // The first test counts the claims.received messages itself, so there the eligibility stage must not take them.
        gateway.start(name, Map.of("GATEWAY_ELIGIBILITY_CONSUME_RECEIVED", Boolean.toString(eligibility)));
    }

    private static String claimWithInvoiceNumber(String invoiceNumber) throws IOException {
        JsonNode claim = JSON.readTree(GatewayProcess.PROJECT_ROOT.resolve("examples/claim.json").toFile());
        ((ObjectNode) claim.path("invoice")).put("number", invoiceNumber);
        return JSON.writeValueAsString(claim);
    }
}
