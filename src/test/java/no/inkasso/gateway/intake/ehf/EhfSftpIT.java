package no.inkasso.gateway.intake.ehf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import no.inkasso.gateway.sftp.EmbeddedSftpServer;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A ledger drops EHF documents in its EHF inbox on the embedded SFTP server (source demo-erp-ehf,
 * format ehf, folder ehf/inbox): an invoice becomes a case, a rejected one comes back in ehf/errors.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "gateway.eligibility.consume-received=false")
@AutoConfigureObservability
@ActiveProfiles("test")
class EhfSftpIT {

    private static final Duration TAKEN = Duration.ofSeconds(60);
    private static final String USER = "demo-ledger";

    @Autowired
    EmbeddedSftpServer server;
    @Autowired
    JdbcTemplate jdbc;

    private SshClient client;
    private ClientSession session;
    private SftpClient sftp;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void connect() throws Exception {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((s, address, key) -> true);
        client.start();
        session = client.connect(USER, server.host(), server.port()).verify(Duration.ofSeconds(20)).getSession();
        session.addPasswordIdentity("dev-only-sftp-password");
        session.auth().verify(Duration.ofSeconds(20));
        sftp = SftpClientFactory.instance().createSftpClient(session);
    }

    @AfterEach
    void disconnect() throws Exception {
        sftp.close();
        session.close();
        client.stop();
    }

    private void upload(String name, String content) throws Exception {
        // uploaded under a temporary name and renamed, as the README advises, so the poll never sees half a file
        try (OutputStream out = sftp.write("ehf/inbox/" + name + ".part")) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        sftp.rename("ehf/inbox/" + name + ".part", "ehf/inbox/" + name);
    }

    private Path home() {
        return server.home(USER);
    }

    @Test
    void anInvoiceDroppedInTheEhfInboxBecomesACase() throws Exception {
        String number = "SF-" + run;
        await().atMost(TAKEN).until(() -> Files.isDirectory(home().resolve("ehf/inbox")));
        upload(number + ".xml", EhfDocuments.invoice(number));

        await().atMost(TAKEN).until(() -> Files.exists(home().resolve("ehf/inbox/.done/" + number + ".xml")));

        assertThat(jdbc.queryForMap("select received_via, source_system from claim_case where invoice_number = ?", number))
                .containsEntry("received_via", "SFTP").containsEntry("source_system", "demo-erp");
        assertThat(home().resolve("ehf/errors/" + number + ".xml.errors.csv")).doesNotExist();
    }

    @Test
    void aRejectedDocumentComesBackInTheErrorsFolderAndIsKept() throws Exception {
        String number = "SR-" + run;
        await().atMost(TAKEN).until(() -> Files.isDirectory(home().resolve("ehf/inbox")));
        upload(number + ".xml", EhfDocuments.withBadVatId(EhfDocuments.invoice(number)));

        Path report = home().resolve("ehf/errors/" + number + ".xml.errors.csv");
        await().atMost(TAKEN).until(() -> Files.exists(report) && Files.exists(home().resolve("ehf/inbox/.error/" + number + ".xml")));

        List<String> rows = Files.readAllLines(report, StandardCharsets.UTF_8);
        assertThat(rows.get(0)).isEqualTo("line;field;code;message;original");
        assertThat(rows.get(1)).startsWith("0;;SCHEMATRON_FATAL;");
        assertThat(rows).anyMatch(r -> r.contains(";NO-R-001;"));
        assertThat(jdbc.queryForObject("select count(*) from claim_case where invoice_number = ?", Integer.class, number)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from rejected_input where channel = 'SFTP' and summary like ?", Integer.class,
                "EHF " + number + ".xml%")).isEqualTo(1);
    }

    @Test
    void anOversizeDocumentIsRejectedAndReported() throws Exception {
        String number = "SO-" + run;
        await().atMost(TAKEN).until(() -> Files.isDirectory(home().resolve("ehf/inbox")));
        upload(number + ".xml", EhfDocuments.invoice(number).replace("<cbc:BuyerReference>",
                "<!--" + "x".repeat(400_000) + "--><cbc:BuyerReference>"));

        Path report = home().resolve("ehf/errors/" + number + ".xml.errors.csv");
        await().atMost(TAKEN).until(() -> Files.exists(report) && Files.exists(home().resolve("ehf/inbox/.error/" + number + ".xml")));

        assertThat(Files.readAllLines(report, StandardCharsets.UTF_8).get(1)).startsWith("0;;TOO_LARGE;");
        assertThat(jdbc.queryForObject("select count(*) from claim_case where invoice_number = ?", Integer.class, number)).isZero();
    }
}
