package no.inkasso.gateway.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A ledger drops its export on the gateway's embedded SFTP server over a real SSH connection; the
 * poll route takes it: claims stored, an error report in errors/, the file moved to .done/.
 */
@CamelSpringBootTest
@SpringBootTest(properties = "gateway.eligibility.consume-received=false")
@ActiveProfiles("test")
class SftpIntakeIT {

    private static final Duration TAKEN = Duration.ofSeconds(60);
    private static final String USER = "demo-ledger";

    @Autowired
    EmbeddedSftpServer server;
    @Autowired
    JdbcTemplate jdbc;

    private SshClient client;
    private ClientSession session;
    private SftpClient sftp;

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

    /** examples/sftp/demo-erp-claims.csv with its invoice numbers made unique to this run. */
    private String example(String run) throws Exception {
        return Files.readString(Path.of("examples/sftp/demo-erp-claims.csv"), StandardCharsets.UTF_8).replace("SFTP-2026-", run + "-");
    }

    private void upload(String name, String content) throws Exception {
        try (OutputStream out = sftp.write("inbox/" + name)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Path home() {
        return server.home(USER);
    }

    private long cases(String run) {
        return jdbc.queryForObject("select count(*) from claim_case where invoice_number like ?", Long.class, run + "-%");
    }

    @Test
    void theExampleExportBecomesClaimsAndItsBadLineComesBackInAReport() throws Exception {
        String run = "R" + UUID.randomUUID().toString().substring(0, 8);
        upload(run + ".csv", example(run));

        await().atMost(TAKEN).until(() -> Files.exists(home().resolve("inbox/.done/" + run + ".csv")));
        Path report = home().resolve("errors/" + run + ".csv.errors.csv");
        await().atMost(TAKEN).until(() -> Files.exists(report));

        assertThat(cases(run)).isEqualTo(2);
        List<String> rows = Files.readAllLines(report, StandardCharsets.UTF_8);
        assertThat(rows.get(0)).isEqualTo("line;field;code;message;original");
        assertThat(rows.subList(1, rows.size())).allMatch(r -> r.startsWith("4;"))
                .anyMatch(r -> r.contains("/invoice/dueDate;invalid-date"))
                .anyMatch(r -> r.contains("/debtor/nationalId/value;check-digit"));
        assertThat(home().resolve("inbox/" + run + ".csv")).doesNotExist();
        assertThat(home().resolve("errors")).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void theSameFileUploadedAgainIsRecognised() throws Exception {
        String run = "D" + UUID.randomUUID().toString().substring(0, 8);
        upload(run + ".csv", example(run));
        await().atMost(TAKEN).until(() -> Files.exists(home().resolve("inbox/.done/" + run + ".csv")));

        upload(run + "-again.csv", example(run));
        Path report = home().resolve("errors/" + run + "-again.csv.errors.csv");
        await().atMost(TAKEN).until(() -> Files.exists(report));

        assertThat(Files.readString(report)).contains("duplicate-file").contains(run + ".csv");
        assertThat(cases(run)).isEqualTo(2);
    }

    @Test
    void aSlowUploadIsTakenWholeNotHalfWay() throws Exception {
        String run = "S" + UUID.randomUUID().toString().substring(0, 8);
        String header = example(run).lines().findFirst().orElseThrow();
        String good = example(run).lines().skip(1).findFirst().orElseThrow();
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            lines.add(good.replace(run + "-2001", run + "-" + (3000 + i)));
        }
        // A ledger on a slow line: 40 lines over about 4 s, in pieces well inside the 1.5 s read lock age.
        try (OutputStream out = sftp.write("inbox/" + run + ".csv")) {
            out.write((header + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (int i = 0; i < lines.size(); i++) {
                out.write((lines.get(i) + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (i % 4 == 3) {
                    Thread.sleep(400);
                }
            }
        }

        await().atMost(TAKEN).until(() -> Files.exists(home().resolve("inbox/.done/" + run + ".csv")));
        assertThat(cases(run)).isEqualTo(40);
        assertThat(home().resolve("errors/" + run + ".csv.errors.csv")).doesNotExist();
    }

    @Test
    void aFileThatCannotBeReadIsReportedAndMovedToError() throws Exception {
        String run = "U" + UUID.randomUUID().toString().substring(0, 8);
        upload(run + ".csv", "Invoice;Amount\r\n1;2\r\n");

        await().atMost(TAKEN).until(() -> Files.exists(home().resolve("inbox/.error/" + run + ".csv")));
        Path report = home().resolve("errors/" + run + ".csv.errors.csv");
        assertThat(Files.readString(report)).contains("unreadable-file").contains("no column");
    }

    @Test
    void anXmlBatchBecomesClaimsAndItsBadClaimComesBackInAReport() throws Exception {
        String run = "XB" + UUID.randomUUID().toString().substring(0, 8);
        String xml = Files.readString(Path.of("examples/sftp/demo-erp-claims.xml"), StandardCharsets.UTF_8).replace("XML-2026-", run + "-");
        try (OutputStream out = sftp.write("xml/inbox/" + run + ".xml")) {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
        }

        await().atMost(TAKEN).until(() -> Files.exists(home().resolve("xml/inbox/.done/" + run + ".xml")));
        Path report = home().resolve("xml/errors/" + run + ".xml.errors.csv");
        await().atMost(TAKEN).until(() -> Files.exists(report));

        assertThat(cases(run)).isEqualTo(2);
        List<String> rows = Files.readAllLines(report, StandardCharsets.UTF_8);
        assertThat(rows.subList(1, rows.size())).singleElement().satisfies(row -> assertThat(row)
                .startsWith("30;").contains("xsd-invalid").contains("2026-09-31").contains(run + "-3003"));
    }

    @Test
    void aFileInAnotherEncodingIsReportedAsSuchNotGuessed() throws Exception {
        String run = "E" + UUID.randomUUID().toString().substring(0, 8);
        // the whole export in ISO-8859-1 to a UTF-8 source: the header's "Beløp" is not valid UTF-8
        try (OutputStream out = sftp.write("inbox/" + run + ".csv")) {
            out.write(example(run).getBytes(StandardCharsets.ISO_8859_1));
        }

        await().atMost(TAKEN).until(() -> Files.exists(home().resolve("inbox/.error/" + run + ".csv")));
        Path report = home().resolve("errors/" + run + ".csv.errors.csv");
        await().atMost(TAKEN).until(() -> Files.exists(report));
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).contains("unreadable-file").contains("not valid UTF-8")
                .contains("ISO-8859-1");
        assertThat(cases(run)).isZero();
    }

    @Test
    void anEmptyFileAndAHeaderOnlyFileAreTakenWithNothingToReport() throws Exception {
        String run = "Z" + UUID.randomUUID().toString().substring(0, 8);
        upload(run + "-empty.csv", "");
        upload(run + "-header.csv", example(run).lines().findFirst().orElseThrow() + "\r\n");

        await().atMost(TAKEN).until(() -> Files.exists(home().resolve("inbox/.done/" + run + "-empty.csv"))
                && Files.exists(home().resolve("inbox/.done/" + run + "-header.csv")));
        assertThat(home().resolve("errors/" + run + "-empty.csv.errors.csv")).doesNotExist();
        assertThat(home().resolve("errors/" + run + "-header.csv.errors.csv")).doesNotExist();
        assertThat(jdbc.queryForObject("select count(*) from file_intake where file_name like ? and status = 'DONE'", Long.class,
                run + "-%")).isEqualTo(2);
    }
}
