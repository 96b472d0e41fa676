package no.inkasso.gateway.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The SFTP intake against a real OpenSSH server (Debian's openssh-server, started on loopback by
 * .ci/run with a sftp-only user), with its host key checked from a known_hosts file. Skipped with a
 * message when no such server is configured, unless GATEWAY_TEST_REQUIRE_OPENSSH=true (CI).
 */
@CamelSpringBootTest
@SpringBootTest(properties = {
        "gateway.eligibility.consume-received=false",
        "gateway.sftp.sources[0].id=openssh",
        "gateway.sftp.sources[0].client=demo-ledger",
        "gateway.sftp.sources[0].host=127.0.0.1",
        "gateway.sftp.sources[0].port=${GATEWAY_TEST_OPENSSH_PORT:2223}",
        "gateway.sftp.sources[0].username=${GATEWAY_TEST_OPENSSH_USER:inkasso-sftp}",
        "gateway.sftp.sources[0].password=${GATEWAY_TEST_OPENSSH_PASSWORD:dev-only-openssh-password}",
        "gateway.sftp.sources[0].known-hosts-file=${GATEWAY_TEST_OPENSSH_KNOWN_HOSTS:/tmp/inkasso-sftp-known_hosts}",
        "gateway.sftp.sources[0].folder=inbox",
        "gateway.sftp.sources[0].error-folder=errors",
        "gateway.sftp.sources[0].include=.*\\\\.csv",
        "gateway.sftp.sources[0].format=config/sftp/demo-erp-csv.yml",
        "gateway.sftp.sources[0].poll-delay-ms=300",
        "gateway.sftp.sources[0].read-lock-min-age-ms=1500"})
@ActiveProfiles("test")
class SftpOpenSshIT {

    private static final int PORT = Integer.parseInt(env("GATEWAY_TEST_OPENSSH_PORT", "2223"));
    private static final String USER = env("GATEWAY_TEST_OPENSSH_USER", "inkasso-sftp");
    private static final String PASSWORD = env("GATEWAY_TEST_OPENSSH_PASSWORD", "dev-only-openssh-password");
    private static final Duration TAKEN = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void requireOpenSsh() {
        boolean required = Boolean.parseBoolean(System.getenv("GATEWAY_TEST_REQUIRE_OPENSSH"));
        String knownHosts = env("GATEWAY_TEST_OPENSSH_KNOWN_HOSTS", "/tmp/inkasso-sftp-known_hosts");
        String problem = null;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 2000);
        } catch (Exception e) {
            problem = "no SSH server on 127.0.0.1:" + PORT + " (" + e.getMessage() + ")";
        }
        if (problem == null && !Files.isReadable(Path.of(knownHosts))) {
            problem = "no known_hosts file " + knownHosts;
        }
        if (problem != null) {
            if (required) {
                fail(problem + "; GATEWAY_TEST_REQUIRE_OPENSSH=true, so this is a failure, not a skip");
            }
            Assumptions.abort(problem + "; run .ci/run to start OpenSSH");
        }
    }

    @Test
    void aFileDroppedOnOpenSshBecomesClaimsWithItsReportBesideIt() throws Exception {
        String run = "O" + UUID.randomUUID().toString().substring(0, 8);
        String content = Files.readString(Path.of("examples/sftp/demo-erp-claims.csv"), StandardCharsets.UTF_8)
                .replace("SFTP-2026-", run + "-");
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((s, address, key) -> true);
        client.start();
        try (ClientSession session = client.connect(USER, "127.0.0.1", PORT).verify(Duration.ofSeconds(20)).getSession()) {
            session.addPasswordIdentity(PASSWORD);
            session.auth().verify(Duration.ofSeconds(20));
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                try (OutputStream out = sftp.write("inbox/" + run + ".csv")) {
                    out.write(content.getBytes(StandardCharsets.UTF_8));
                }

                await().atMost(TAKEN).until(() -> names(sftp, "inbox/.done").contains(run + ".csv"));
                await().atMost(TAKEN).until(() -> names(sftp, "errors").contains(run + ".csv.errors.csv"));

                String report = new String(sftp.read("errors/" + run + ".csv.errors.csv").readAllBytes(), StandardCharsets.UTF_8);
                assertThat(report).startsWith("line;field;code;message;original").contains("/invoice/dueDate;invalid-date");
                assertThat(names(sftp, "inbox")).doesNotContain(run + ".csv");
            }
        } finally {
            client.stop();
        }
        assertThat(jdbc.queryForObject("select count(*) from claim_case where invoice_number like ?", Long.class, run + "-%"))
                .isEqualTo(2);
    }

    private static List<String> names(SftpClient sftp, String dir) throws Exception {
        List<String> names = new ArrayList<>();
        try {
            sftp.readDir(dir).forEach(e -> names.add(e.getFilename()));
        } catch (java.io.IOException | java.io.UncheckedIOException missing) {
            // not made yet
        }
        return names;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
