package no.inkasso.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import no.inkasso.gateway.ApiTestClient;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's database and broker as separate servers (an H2 TCP server, an Artemis broker with the
 * gateway in {@code spring.artemis.mode=native}), each stopped and started again under the running
 * gateway: readiness answers 503 naming the component DOWN while it is away, liveness stays 200, and
 * both come back by themselves. (With an H2 server the pool needs {@link H2ConnectionLossOverride}: H2
 * reports a lost server as "database closed", which the pool would not take for a dead connection;
 * PostgreSQL's driver reports a connection failure, which the pool evicts by itself.)
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.artemis.mode=native",
        "spring.datasource.hikari.connection-timeout=2000",
        "spring.datasource.hikari.validation-timeout=1000",
        "spring.datasource.hikari.exception-override-class-name=no.inkasso.gateway.ops.H2ConnectionLossOverride",
        "gateway.sftp.embedded.enabled=false"})
@ActiveProfiles("test")
class DependencyHealthIT {

    private static final int DB_PORT = freePort();
    private static final int BROKER_PORT = freePort();
    private static final Path DB_DIR;
    /** The database server runs in its own process, as a real one would (in this JVM a stopped database stays "closed"). */
    private static Process database;
    private static EmbeddedActiveMQ broker;

    static {
        try {
            DB_DIR = Files.createTempDirectory("dependency-health-db");
            startDatabase();
            startBroker();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:tcp://127.0.0.1:" + DB_PORT
                + "/gateway;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        registry.add("spring.artemis.broker-url", () -> "tcp://127.0.0.1:" + BROKER_PORT);
    }

    @LocalServerPort
    int port;

    private static void startDatabase() throws Exception {
        String h2 = Path.of(Server.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        database = new ProcessBuilder(java, "-cp", h2, "org.h2.tools.Server", "-tcp", "-tcpPort", String.valueOf(DB_PORT),
                "-baseDir", DB_DIR.toString(), "-ifNotExists")
                .redirectErrorStream(true).redirectOutput(DB_DIR.resolve("server.log").toFile()).start();
        // polled in this thread: from the static initialiser, another thread could not touch this class yet
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(100)).until(() -> {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", DB_PORT)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static void stopDatabase() throws Exception {
        database.destroyForcibly().waitFor();
    }

    private static void startBroker() throws Exception {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setPersistenceEnabled(false);
        configuration.setSecurityEnabled(false);
        configuration.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + BROKER_PORT);
        broker = new EmbeddedActiveMQ().setConfiguration(configuration);
        broker.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        broker.stop();
        stopDatabase();
    }

    private HttpResponse<String> health(String group) throws Exception {
        return new ApiTestClient(port).get("/actuator/health/" + group, null);
    }

    private static String status(HttpResponse<String> health, String component) throws IOException {
        JsonNode body = ApiTestClient.json(health);
        return body.at("/components/" + component + "/status").asText();
    }

    @Test
    void theDatabaseAwayTakesTheGatewayOutOfReadinessUntilItIsBack() throws Exception {
        awaitReady();

        stopDatabase();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> health("readiness").statusCode() == 503);
            HttpResponse<String> readiness = health("readiness");
            assertThat(status(readiness, "db")).isEqualTo("DOWN");
            assertThat(health("liveness").statusCode()).as("alive: restarting would not bring the database back").isEqualTo(200);
        } finally {
            startDatabase();
        }
        awaitReady();
        assertThat(status(health("readiness"), "db")).isEqualTo("UP");
    }

    @Test
    void theBrokerAwayTakesTheGatewayOutOfReadinessUntilItIsBack() throws Exception {
        awaitReady();

        broker.stop();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> health("readiness").statusCode() == 503);
            assertThat(status(health("readiness"), "jms")).isEqualTo("DOWN");
            assertThat(health("liveness").statusCode()).isEqualTo(200);
        } finally {
            startBroker();
        }
        awaitReady();
        assertThat(status(health("readiness"), "jms")).isEqualTo("UP");
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> readiness = health("readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
