package no.inkasso.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The packaged gateway jar run as a separate process on its own data directory and ports (HTTP,
 * broker over TCP, embedded SFTP), so a test can crash it for real ({@code kill -9}: no shutdown
 * hooks) and start it again on the same data. Register it with {@code @RegisterExtension}: it kills
 * a process left running after each test and prints the gateway's output when a test fails.
 */
public final class GatewayProcess implements AfterEachCallback, TestWatcher {

    public static final Path PROJECT_ROOT = Path.of("").toAbsolutePath();
    private static final Duration STARTUP_DEADLINE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Path> logs = new ArrayList<>();
    private final Path dataDir;
    private final int httpPort;
    private final int brokerPort;
    private final int sftpPort;
    private Process process;

    public GatewayProcess(String purpose) {
        try {
            dataDir = PROJECT_ROOT.resolve("target/" + purpose + "/" + UUID.randomUUID());
            Files.createDirectories(dataDir);
            httpPort = freePort();
            brokerPort = freePort();
            sftpPort = freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the gateway keeps its database, broker journal and SFTP homes (GATEWAY_DATA_DIR). */
    public Path dataDir() {
        return dataDir.resolve("data");
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    /** A JDBC URL of the gateway's H2 database, for reading it while the gateway is stopped. */
    public String databaseUrl() {
        return "jdbc:h2:file:" + dataDir().resolve("db/gateway") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    }

    /** Starts the jar (output to {@code <name>.log}) with these extra environment variables and waits until it is healthy. */
    public void start(String name, Map<String, String> environment) throws IOException {
        Path log = dataDir.resolve(name + ".log");
        logs.add(log);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", "target/inkasso-gateway.jar")
                .directory(PROJECT_ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = new LinkedHashMap<>();
        // H2 refuses a file path that is implicitly relative, so the data directory is absolute.
        env.put("GATEWAY_DATA_DIR", dataDir().toString());
        env.put("PORT", Integer.toString(httpPort));
        env.put("GATEWAY_BROKER_ACCEPTOR_URL", brokerUrl());
        env.put("GATEWAY_SFTP_PORT", Integer.toString(sftpPort));
        env.putAll(environment);
        builder.environment().putAll(env);
        process = builder.start();
        awaitHealthy();
    }

    private void awaitHealthy() {
        String[] last = {"no answer yet"};
        await().atMost(STARTUP_DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("gateway exited with status " + process.exitValue() + " before it was healthy");
            }
            try {
                // readiness, not the overall status: that is also DOWN while a peer (an agency, a ledger's SFTP server) is
                HttpResponse<String> health = get("/actuator/health/readiness", null);
                last[0] = health.statusCode() + " " + health.body();
                return health.statusCode() == 200 && "UP".equals(JSON.readTree(health.body()).path("status").asText());
            } catch (IOException notListeningYet) {
                last[0] = notListeningYet.toString();
                return false;
            }
        });
    }

    /** SIGKILL: the process gets no chance to flush or clean up anything. */
    public void killNine() throws InterruptedException {
        process.toHandle().destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("gateway gone after SIGKILL").isTrue();
        assertThat(process.exitValue()).as("exit status of a SIGKILLed process").isEqualTo(128 + 9);
    }

    /** SIGTERM, and waits for the graceful shutdown (so the database can be opened from the test). */
    public void stop() throws InterruptedException {
        process.toHandle().destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("gateway stopped after SIGTERM").isTrue();
    }

    public HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return http.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String key, String body) throws IOException, InterruptedException {
        return http.send(request(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30));
        return key == null ? builder : builder.header("Authorization", "Bearer " + key);
    }

    public ActiveMQConnectionFactory broker() {
        return new ActiveMQConnectionFactory(brokerUrl());
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.toHandle().destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (Path log : logs) {
            System.err.println("===== gateway output: " + log + " =====");
            try {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                System.err.println(text.length() > 200_000 ? "…" + text.substring(text.length() - 200_000) : text);
            } catch (IOException e) {
                System.err.println("(not readable: " + e + ")");
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
