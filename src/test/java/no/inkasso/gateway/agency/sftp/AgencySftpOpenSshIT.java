package no.inkasso.gateway.agency.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.inkasso.gateway.ApiTestClient;
import no.inkasso.gateway.ConfigDirs;
import no.inkasso.gateway.MutableClock;
import no.inkasso.gateway.MutableClockConfiguration;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.feed.CaseFeedCodec;
import no.inkasso.gateway.feed.CaseFeedReceipts;
import no.inkasso.gateway.feed.model.CaseFeedBatch;
import no.inkasso.gateway.feed.model.CaseFeedMessage;
import no.inkasso.gateway.feed.receipt.CaseFeedReceipt;
import no.inkasso.gateway.feed.receipt.Outcome;
import no.inkasso.gateway.feed.receipt.ReceiptResult;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An SFTP batch agency on a real OpenSSH server (the one .ci/run starts for SftpOpenSshIT, host key
 * checked from its known_hosts file): the batch file arrives whole under its name, and the receipt this
 * test writes as the agency gives the case its number. Skipped with a message when no such server is
 * configured, unless GATEWAY_TEST_REQUIRE_OPENSSH=true (CI).
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gateway.routing.delivery.poll-period-ms=100",
        "it.openssh.port=${GATEWAY_TEST_OPENSSH_PORT:2223}",
        "it.openssh.user=${GATEWAY_TEST_OPENSSH_USER:inkasso-sftp}",
        "it.openssh.password=${GATEWAY_TEST_OPENSSH_PASSWORD:dev-only-openssh-password}",
        "it.openssh.known-hosts=${GATEWAY_TEST_OPENSSH_KNOWN_HOSTS:/tmp/inkasso-sftp-known_hosts}"})
@ActiveProfiles("test")
@Import(MutableClockConfiguration.class)
class AgencySftpOpenSshIT {

    private static final int PORT = Integer.parseInt(env("GATEWAY_TEST_OPENSSH_PORT", "2223"));
    private static final String USER = env("GATEWAY_TEST_OPENSSH_USER", "inkasso-sftp");
    private static final String PASSWORD = env("GATEWAY_TEST_OPENSSH_PASSWORD", "dev-only-openssh-password");
    private static final String KNOWN_HOSTS = env("GATEWAY_TEST_OPENSSH_KNOWN_HOSTS", "/tmp/inkasso-sftp-known_hosts");
    private static final String OUT = "agency-out";
    private static final String RECEIPTS = "agency-receipts";
    private static final Duration PIPELINE = Duration.ofSeconds(60);

    static final String AGENCIES = """
            agencies:
              - {id: openssh-agency-no, jurisdictions: ["NO"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, refuses-debtor-abroad: true, reminder-required: false,
                 delivery: {transport: sftp, host: 127.0.0.1, port: "${it.openssh.port}", username: "${it.openssh.user}",
                            password: "${it.openssh.password}", known-hosts-file: "${it.openssh.known-hosts}",
                            folder: agency-out, file-name: "{agency}-{batch}.xml", period-ms: 300,
                            receipt-folder: agency-receipts, receipt-poll-ms: 200}}
            agreements:
              - {creditor: "923609016", agency: openssh-agency-no, from: 2024-01-01}
            ledgers:
              - {source-system: demo-erp, reminder-required: false}
            """;
    static final Path CONFIG_DIR;

    static {
        try {
            CONFIG_DIR = ConfigDirs.withRules("openssh-agency-it-config");
            Files.writeString(CONFIG_DIR.resolve("agencies.yml"), AGENCIES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void agencies(DynamicPropertyRegistry registry) {
        registry.add("gateway.eligibility.config-dir", CONFIG_DIR::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @BeforeAll
    static void requireOpenSsh() throws Exception {
        boolean required = Boolean.parseBoolean(System.getenv("GATEWAY_TEST_REQUIRE_OPENSSH"));
        String problem = null;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 2000);
        } catch (Exception e) {
            problem = "no SSH server on 127.0.0.1:" + PORT + " (" + e.getMessage() + ")";
        }
        if (problem == null && !Files.isReadable(Path.of(KNOWN_HOSTS))) {
            problem = "no known_hosts file " + KNOWN_HOSTS;
        }
        if (problem != null) {
            if (required) {
                fail(problem + "; GATEWAY_TEST_REQUIRE_OPENSSH=true, so this is a failure, not a skip");
            }
            Assumptions.abort(problem + "; run .ci/run to start OpenSSH");
        }
        withSftp(sftp -> {
            for (String dir : List.of(OUT, RECEIPTS)) {
                try {
                    sftp.stat(dir);
                } catch (IOException missing) {
                    sftp.mkdir(dir);
                }
            }
        });
    }

    @Test
    void aBatchFileArrivesWholeOnOpenSshAndTheAgencysReceiptGivesTheCaseItsNumber() throws Exception {
        clock.setDate(LocalDate.parse("2026-03-10"));
        ApiTestClient api = new ApiTestClient(port);
        HttpResponse<String> created = api.post("/api/v1/claims", "dev-only-demo-ledger-key", "application/json", claim().toString(), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String caseId = ApiTestClient.json(created).get("caseId").asText();

        // the agency's batch job: find the file with the case, answer it
        String number = "OS-" + UUID.randomUUID().toString().substring(0, 8);
        String[] found = new String[2];
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(200)).until(() -> {
            withSftp(sftp -> {
                for (SftpClient.DirEntry entry : sftp.readDir(OUT)) {
                    String name = entry.getFilename();
                    if (name.startsWith(".") || !name.endsWith(".xml")) {
                        continue;
                    }
                    CaseFeedBatch batch;
                    try (InputStream in = sftp.read(OUT + "/" + name)) {
                        batch = CaseFeedCodec.readBatch(in);
                    }
                    if (batch.getMessages().stream().map(CaseFeedMessage::getCaseId).anyMatch(caseId::equals)) {
                        found[0] = name;
                        found[1] = batch.getBatchId();
                    }
                }
            });
            return found[0] != null;
        });
        assertThat(found[0]).matches("openssh-agency-no-\\d{6}\\.xml");
        withSftp(sftp -> {
            CaseFeedReceipt receipt = new CaseFeedReceipt();
            receipt.setSchema("case-feed-receipt/v1");
            receipt.setAgencyId("openssh-agency-no");
            receipt.setBatchId(found[1]);
            receipt.setProcessedAt(OffsetDateTime.now());
            ReceiptResult result = new ReceiptResult();
            result.setCaseId(caseId);
            result.setSequence(1);
            result.setOutcome(Outcome.ACCEPTED);
            result.setAgencyCaseNumber(number);
            receipt.getResults().add(result);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CaseFeedReceipts.write(receipt, bytes);
            String name = found[1] + "-" + number + ".receipt.xml";
            try (OutputStream out = sftp.write(RECEIPTS + "/." + name + ".part")) {
                out.write(bytes.toByteArray());
            }
            sftp.rename(RECEIPTS + "/." + name + ".part", RECEIPTS + "/" + name);
            sftp.remove(OUT + "/" + found[0]);
        });

        JsonNode atAgency = await().atMost(PIPELINE).pollInterval(Duration.ofMillis(100))
                .until(() -> ApiTestClient.json(api.get("/api/v1/claims/" + caseId, "dev-only-demo-ledger-key")),
                        c -> "AT_AGENCY".equals(c.get("state").asText()));
        assertThat(atAgency.get("agencyCaseNumber").asText()).isEqualTo(number);
        List<String> done = new ArrayList<>();
        await().atMost(PIPELINE).until(() -> {
            done.clear();
            withSftp(sftp -> sftp.readDir(RECEIPTS + "/.done").forEach(e -> done.add(e.getFilename())));
            return done.stream().anyMatch(n -> n.contains(number));
        });
    }

    private interface SftpWork {
        void run(SftpClient sftp) throws IOException;
    }

    private static void withSftp(SftpWork work) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((s, address, key) -> true);
        client.start();
        try (ClientSession session = client.connect(USER, "127.0.0.1", PORT).verify(Duration.ofSeconds(20)).getSession()) {
            session.addPasswordIdentity(PASSWORD);
            session.auth().verify(Duration.ofSeconds(20));
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                work.run(sftp);
            }
        } finally {
            client.stop();
        }
    }

    private static ObjectNode claim() throws Exception {
        ObjectNode claim = (ObjectNode) ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
        ((ObjectNode) claim.get("creditor")).put("orgNumber", "923609016");
        ObjectNode invoice = (ObjectNode) claim.get("invoice");
        invoice.put("number", "OS-" + UUID.randomUUID());
        invoice.put("issueDate", "2026-01-01");
        invoice.put("dueDate", "2026-01-15");
        ArrayNode notices = claim.putArray("notices");
        notices.addObject().put("kind", "INKASSOVARSEL").put("sentOn", "2026-02-01").put("deadline", "2026-02-15");
        return claim;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
