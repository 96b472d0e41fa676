package no.inkasso.gateway.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.inkasso.gateway.GatewayProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A ledger's SFTP server as the gateway meets it in real life: it goes down and comes back, it is
 * configured with the wrong password, it shows another host key. Each turns its source DOWN in the
 * health endpoint with the reason in words and one WARN line, without touching readiness (Camel's
 * own health stays UP), and polling recovers by itself: the server back, a file dropped meanwhile is
 * taken.
 *
 * <p>The "ledger" server is a second MINA SSHD server owned by this test on a fixed port, with
 * strict host-key checking against a known_hosts file written from its key.
 */
@CamelSpringBootTest
@SpringBootTest(properties = "gateway.eligibility.consume-received=false")
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class SftpSourceHealthIT {

    private static final Duration SETTLES = Duration.ofSeconds(30);
    private static final String USER = "ledger-x";
    private static final String PASSWORD = "dev-only-ledger-x-password";

    private static Path dir;
    private static int port;
    private static EmbeddedSftpServer ledgerServer;

    @Autowired
    SftpSourceHealth health;
    @Autowired
    no.inkasso.gateway.ops.RouteHealth routeHealth;
    @Autowired
    CamelContext camel;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startTheLedgersServer() throws IOException {
        ledgerServer = start("ledger-host-key.ser");
        // known_hosts as an operator would write it from the server's key
        PublicKey key = new SimpleGeneratorHostKeyProvider(dir.resolve("ledger-host-key.ser")).loadKeys(null).iterator().next()
                .getPublic();
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(key) + "\n");
    }

    /** Whatever a test did to the ledger's server, the next one finds it up with its own key. */
    @org.junit.jupiter.api.AfterEach
    void ledgersServerBackAsItWas() throws IOException {
        if (!ledgerServer.isRunning() || !ledgerServerHasItsOwnKey) {
            ledgerServer.stop();
            ledgerServer = start("ledger-host-key.ser");
            ledgerServerHasItsOwnKey = true;
        }
    }

    private static boolean ledgerServerHasItsOwnKey = true;

    @AfterAll
    static void stopTheLedgersServer() {
        if (ledgerServer != null) {
            ledgerServer.stop();
        }
    }

    private static synchronized EmbeddedSftpServer start(String hostKeyFile) throws IOException {
        if (dir == null) {
            dir = Files.createDirectories(Path.of("target", "sftp-health-" + UUID.randomUUID())).toAbsolutePath();
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
        }
        var settings = new GatewayProperties.EmbeddedSftp(true, "127.0.0.1", port, dir.resolve("homes").toString(),
                dir.resolve(hostKeyFile).toString(), List.of(new GatewayProperties.SftpUser(USER, PASSWORD)));
        EmbeddedSftpServer server = new EmbeddedSftpServer(settings, true);
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) throws IOException {
        if (ledgerServer == null) {
            startTheLedgersServer();
        }
        // The list replaces the test profile's whole: the embedded demo source, the ledger's, and one with a wrong password.
        String[][] common = {{"client", "demo-ledger"}, {"folder", "inbox"}, {"error-folder", "errors"}, {"include", ".*\\.csv"},
                {"format", "config/sftp/demo-erp-csv.yml"}, {"poll-delay-ms", "300"}, {"read-lock-min-age-ms", "1000"}};
        for (int i = 0; i < 3; i++) {
            for (String[] kv : common) {
                registry.add("gateway.sftp.sources[" + i + "]." + kv[0], () -> kv[1]);
            }
        }
        registry.add("gateway.sftp.sources[0].id", () -> "demo-erp-csv");
        registry.add("gateway.sftp.sources[0].embedded", () -> "true");
        registry.add("gateway.sftp.sources[0].username", () -> "demo-ledger");
        registry.add("gateway.sftp.sources[0].password", () -> "dev-only-sftp-password");
        registry.add("gateway.sftp.sources[1].id", () -> "ledger-x");
        registry.add("gateway.sftp.sources[1].host", () -> "127.0.0.1");
        registry.add("gateway.sftp.sources[1].port", () -> port);
        registry.add("gateway.sftp.sources[1].username", () -> USER);
        registry.add("gateway.sftp.sources[1].password", () -> PASSWORD);
        registry.add("gateway.sftp.sources[1].known-hosts-file", () -> dir.resolve("known_hosts").toString());
        registry.add("gateway.sftp.sources[2].id", () -> "wrong-password");
        registry.add("gateway.sftp.sources[2].embedded", () -> "true");
        registry.add("gateway.sftp.sources[2].username", () -> "demo-ledger");
        registry.add("gateway.sftp.sources[2].password", () -> "dev-only-not-the-password");
    }

    private Status status(String source) {
        return health.state(source).status();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> details(String source) {
        return (Map<String, Object>) health.health().getDetails().get(source);
    }

    private boolean camelIsUp() {
        return HealthCheckHelper.invoke(camel).stream().allMatch(r -> r.getState() == HealthCheck.State.UP);
    }

    @Test
    void aWrongPasswordIsDownWithTheReasonWhileTheGatewayStaysReady(CapturedOutput output) {
        await().atMost(SETTLES).until(() -> status("wrong-password") == Status.DOWN);

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) details("wrong-password").get("reason")).startsWith("the login was refused");
        assertThat(status("demo-erp-csv")).isEqualTo(Status.UP);
        assertThat(camelIsUp()).as("Camel's own health (in readiness) is not pulled down by a ledger's server").isTrue();
        // the route's failing polls are visible in the routes component too, which stays UP (it is in readiness)
        await().atMost(SETTLES).until(() -> String.valueOf(((java.util.Map<?, ?>) routeHealth.health().getDetails().get("routes"))
                .get("sftp-intake-poll-wrong-password")).contains("poll failing"));
        assertThat(routeHealth.health().getStatus()).isEqualTo(Status.UP);
        int failures = health.state("wrong-password").consecutiveFailures();
        await().atMost(SETTLES).until(() -> health.state("wrong-password").consecutiveFailures() >= failures + 3);
        assertThat(output.getAll().lines().filter(l -> l.contains("SFTP source wrong-password")).count())
                .as("one WARN line when it starts failing, not one per poll (3 more failed polls while captured)").isLessThanOrEqualTo(1);
    }

    @Test
    void theServerDownThenBackIsSeenAndPollingRecoversByItself(CapturedOutput output) throws Exception {
        await().atMost(SETTLES).until(() -> status("ledger-x") == Status.UP);

        ledgerServer.stop();
        // the first poll after the stop may only find its open connection gone; the next cannot connect
        await().atMost(SETTLES).until(() -> status("ledger-x") == Status.DOWN
                && String.valueOf(details("ledger-x").get("reason")).startsWith("the server is not reachable"));
        assertThat(details("ledger-x")).containsKeys("failingSince", "consecutiveFailures", "lastSuccessAt");
        assertThat(output.getAll()).contains("SFTP source ledger-x").contains("cannot be polled");

        // dropped while the gateway cannot see it
        String run = "H" + UUID.randomUUID().toString().substring(0, 8);
        Path inbox = dir.resolve("homes").resolve(USER).resolve("inbox");
        Files.writeString(inbox.resolve(run + ".csv"), Files.readString(Path.of("examples/sftp/demo-erp-claims.csv"),
                StandardCharsets.UTF_8).replace("SFTP-2026-", run + "-"), StandardCharsets.UTF_8);

        ledgerServer = start("ledger-host-key.ser");
        await().atMost(SETTLES).until(() -> status("ledger-x") == Status.UP);
        await().atMost(SETTLES).until(() -> Files.exists(inbox.resolve(".done").resolve(run + ".csv")));
        assertThat(jdbc.queryForObject("select count(*) from claim_case where invoice_number like ?", Long.class, run + "-%"))
                .isEqualTo(2);
        assertThat(output.getAll()).contains("SFTP source ledger-x").contains("is reachable again");
    }

    @Test
    void anotherHostKeyIsRefusedAndSaidSo() throws Exception {
        await().atMost(SETTLES).until(() -> status("ledger-x") == Status.UP);

        // the same address now answers with another key (a new server, or someone in between)
        ledgerServer.stop();
        ledgerServer = start("another-host-key.ser");
        ledgerServerHasItsOwnKey = false;
        try {
            await().atMost(SETTLES).until(() -> status("ledger-x") == Status.DOWN
                    && String.valueOf(details("ledger-x").get("reason")).startsWith("the server's host key"));
        } finally {
            ledgerServer.stop();
            ledgerServer = start("ledger-host-key.ser");
            ledgerServerHasItsOwnKey = true;
        }
        await().atMost(SETTLES).until(() -> status("ledger-x") == Status.UP);
    }
}
