package no.inkasso.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.time.LocalDate;
import java.time.ZoneId;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The promise of a 201: a claim the gateway accepted survives a {@code kill -9} right after the
 * reply, and reaches {@code claims.received} exactly once after the restart. Runs the packaged jar
 * as a separate process, so the crash is real (no shutdown hooks, no graceful stop).
 */
class CrashDurabilityIT {

    private static final String LEDGER_KEY = "dev-only-demo-ledger-key";
    private static final String QUEUE = "claims.received";
    private static final Duration STARTUP_DEADLINE = Duration.ofMinutes(3);
    private static final Duration MESSAGE_DEADLINE = Duration.ofSeconds(60);
    private static final Duration NO_SECOND_MESSAGE_WINDOW = Duration.ofSeconds(3);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT_ROOT = Path.of("").toAbsolutePath();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Path> logs = new ArrayList<>();

    private Path dataDir;
    private int httpPort;
    private int brokerPort;
    private Process gateway;

    @RegisterExtension
    final TestWatcher printGatewayLogOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            for (Path log : logs) {
                System.err.println("===== gateway output: " + log + " =====");
                try {
                    System.err.println(Files.readString(log, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    System.err.println("(not readable: " + e + ")");
                }
            }
        }
    };

    @BeforeEach
    void freshDataDirectoryAndPorts() throws IOException {
        dataDir = PROJECT_ROOT.resolve("target/crash-durability/" + UUID.randomUUID());
        Files.createDirectories(dataDir);
        httpPort = freePort();
        brokerPort = freePort();
    }

    @AfterEach
    void destroyGateway() throws InterruptedException {
        if (gateway != null && gateway.isAlive()) {
            gateway.toHandle().destroyForcibly();
            gateway.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAcceptedClaimSurvivesKillNineAndIsQueuedExactlyOnce() throws Exception {
        String claim = claimWithInvoiceNumber("IT-" + UUID.randomUUID());

        start("first-run");
        HttpResponse<String> created = postClaim(claim);
        killNine();

        assertThat(created.statusCode()).as("first POST: %s", created.body()).isEqualTo(201);
        String caseId = JSON.readTree(created.body()).path("caseId").asText();
        assertThat(caseId).isNotBlank();

        start("after-kill");

        HttpResponse<String> stored = get("/api/v1/claims/" + caseId);
        assertThat(stored.statusCode()).as("GET after restart: %s", stored.body()).isEqualTo(200);
        JsonNode storedCase = JSON.readTree(stored.body());
        assertThat(storedCase.path("caseId").asText()).isEqualTo(caseId);
        assertThat(storedCase.path("state").asText()).isEqualTo("RECEIVED");
        List<String> eventTypes = new ArrayList<>();
        storedCase.path("events").forEach(event -> eventTypes.add(event.path("type").asText()));
        assertThat(eventTypes).containsExactly("CLAIM_RECEIVED");

        assertThat(messagesOnClaimsReceivedFor(caseId)).as("messages on %s with caseId %s", QUEUE, caseId).isEqualTo(1);

        HttpResponse<String> again = postClaim(claim);
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
        HttpResponse<String> created = postClaim(JSON.writeValueAsString(claim));
        assertThat(created.statusCode()).as("POST: %s", created.body()).isEqualTo(201);
        String caseId = JSON.readTree(created.body()).path("caseId").asText();
        JsonNode waiting = awaitState(caseId, "WAITING");
        assertThat(waiting.path("recheckOn").asText()).isEqualTo(expectedRecheck);
        killNine();

        start("waiting-after-kill", true);
        JsonNode after = JSON.readTree(get("/api/v1/claims/" + caseId).body());
        assertThat(after.path("state").asText()).isEqualTo("WAITING");
        assertThat(after.path("recheckOn").asText()).isEqualTo(expectedRecheck);
        List<String> eventTypes = new ArrayList<>();
        after.path("events").forEach(event -> eventTypes.add(event.path("type").asText()));
        assertThat(eventTypes).containsExactly("CLAIM_RECEIVED", "ELIGIBILITY_DECIDED");
    }

    private JsonNode awaitState(String caseId, String state) throws Exception {
        Instant deadline = Instant.now().plus(MESSAGE_DEADLINE);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = JSON.readTree(get("/api/v1/claims/" + caseId).body());
            if (state.equals(last.path("state").asText())) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("case " + caseId + " did not reach " + state + "; last seen: " + last);
    }

    /** Drains the queue: waits for the first message, then for any further one within a short window. */
    private int messagesOnClaimsReceivedFor(String caseId) throws Exception {
        var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
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

    private void start(String name) throws IOException, InterruptedException {
        start(name, false);
    }

    /** @param eligibility whether the eligibility stage consumes claims.received in this run */
    private void start(String name, boolean eligibility) throws IOException, InterruptedException {
        Path log = dataDir.resolve(name + ".log");
        logs.add(log);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", "target/inkasso-gateway.jar")
                .directory(PROJECT_ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // H2 refuses a file path that is implicitly relative, so the data directory is absolute.
        builder.environment().put("GATEWAY_DATA_DIR", dataDir.resolve("data").toString());
        builder.environment().put("PORT", Integer.toString(httpPort));
        builder.environment().put("GATEWAY_BROKER_ACCEPTOR_URL", "tcp://127.0.0.1:" + brokerPort);
        // The first test counts the claims.received messages itself, so there the eligibility stage must not take them.
        builder.environment().put("GATEWAY_ELIGIBILITY_CONSUME_RECEIVED", Boolean.toString(eligibility));
        gateway = builder.start();
        awaitHealthy();
    }

    private void awaitHealthy() throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP_DEADLINE);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!gateway.isAlive()) {
                fail("gateway exited with status %d before it was healthy", gateway.exitValue());
            }
            try {
                HttpResponse<String> health = get("/actuator/health");
                if (health.statusCode() == 200 && "UP".equals(JSON.readTree(health.body()).path("status").asText())) {
                    return;
                }
                last = health.statusCode() + " " + health.body();
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(250);
        }
        fail("gateway not healthy within %s; last answer: %s", STARTUP_DEADLINE, last);
    }

    private void killNine() throws InterruptedException {
        ProcessHandle handle = gateway.toHandle();
        handle.destroyForcibly();
        assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("gateway gone after SIGKILL").isTrue();
        assertThat(gateway.exitValue()).as("exit status of a SIGKILLed process").isEqualTo(128 + 9);
    }

    private HttpResponse<String> postClaim(String claim) throws IOException, InterruptedException {
        return http.send(request("/api/v1/claims")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(claim))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + LEDGER_KEY);
    }

    private static String claimWithInvoiceNumber(String invoiceNumber) throws IOException {
        JsonNode claim = JSON.readTree(PROJECT_ROOT.resolve("examples/claim.json").toFile());
        ((ObjectNode) claim.path("invoice")).put("number", invoiceNumber);
        return JSON.writeValueAsString(claim);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
