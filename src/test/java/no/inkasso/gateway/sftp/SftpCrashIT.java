package no.inkasso.gateway.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.inkasso.gateway.GatewayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exactly-once promise of the SFTP intake, against a real crash: the packaged jar takes a
 * 30,000-line export, is killed with SIGKILL part-way through, and is started again on the same
 * data. In the end every line is exactly one claim (one case, announced on claims.received at least
 * once) or one stored and reported error — nothing lost, nothing twice — and the file is in .done/.
 */
class SftpCrashIT {

    private static final int LINES = 30_000;
    /** Every 100th line is bad (an impossible due date). */
    private static final int BAD_EVERY = 100;
    /** gateway.outbox.batch-size: what the relay sends in one broker transaction. */
    private static final int RELAY_BATCH = 500;
    private static final String OPERATIONS_KEY = "dev-only-operations-key";
    private static final Pattern CREATED = Pattern.compile(
            "^gateway_claims_received_total\\{channel=\"SFTP\",outcome=\"created\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

    @RegisterExtension
    final GatewayProcess gateway = new GatewayProcess("sftp-crash");

    @Test
    void killedMidFileEveryLineEndsAsExactlyOneClaimOrOneReportedError() throws Exception {
        String run = "X" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Path export = gateway.dataDir().resolveSibling(run + ".csv");
        Set<Integer> badLines = writeExport(export, run);
        int good = LINES - badLines.size();
        // The eligibility stage is off so the claims.received messages stay on the queue to be counted.
        Map<String, String> env = Map.of("GATEWAY_ELIGIBILITY_CONSUME_RECEIVED", "false");

        gateway.start("first-run", env);
        Path inbox = gateway.dataDir().resolve("sftp/demo-ledger/inbox");
        // as a finished upload lands: written under another name, then renamed
        Files.copy(export, inbox.resolve(run + ".part"));
        Files.move(inbox.resolve(run + ".part"), inbox.resolve(run + ".csv"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> created() >= 3_000);
        gateway.killNine();

        Path done = inbox.resolve(".done").resolve(run + ".csv");
        assertThat(done).as("killed part-way: the file is not done yet").doesNotExist();

        gateway.start("after-kill", env);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> Files.exists(done));
        Map<String, Integer> messages = claimsReceivedMessagesPerCase(good);
        gateway.stop();

        // At least once: every case announced; a copy only of what the relay had sent but not yet marked as
        // sent when it was killed (at most one batch), which the eligibility stage recognises and ignores.
        assertThat(messages).as("one claims.received message per case").hasSize(good);
        int copies = messages.values().stream().mapToInt(n -> n - 1).sum();
        assertThat(copies).as("copies sent again after the kill: at most one relay batch").isLessThanOrEqualTo(RELAY_BATCH);
        try (var db = DriverManager.getConnection(gateway.databaseUrl(), "sa", "")) {
            var cases = db.prepareStatement("select case_id, invoice_number from claim_case where invoice_number like ?");
            cases.setString(1, run + "-%");
            Set<String> caseIds = new HashSet<>();
            List<String> invoices = new ArrayList<>();
            try (ResultSet rs = cases.executeQuery()) {
                while (rs.next()) {
                    caseIds.add(rs.getString(1));
                    invoices.add(rs.getString(2));
                }
            }
            assertThat(invoices).as("one case per good line").hasSize(good).doesNotHaveDuplicates();
            assertThat(caseIds).isEqualTo(messages.keySet());

            var rejected = db.prepareStatement("""
                    select r.line_number from rejected_input r join file_intake f on f.content_sha256 = r.file_sha256
                    where f.file_name = ?""");
            rejected.setString(1, run + ".csv");
            List<Integer> rejectedLines = new ArrayList<>();
            try (ResultSet rs = rejected.executeQuery()) {
                while (rs.next()) {
                    rejectedLines.add(rs.getInt(1));
                }
            }
            assertThat(rejectedLines).as("one stored rejection per bad line").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(badLines);
        }
        Path report = gateway.dataDir().resolve("sftp/demo-ledger/errors/" + run + ".csv.errors.csv");
        List<Integer> reported = Files.readAllLines(report, StandardCharsets.UTF_8).stream().skip(1)
                .map(row -> Integer.parseInt(row.substring(0, row.indexOf(';')))).toList();
        assertThat(reported).as("one report row per bad line").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(badLines);
    }

    /** Writes the export; returns the (file) line numbers of its bad lines. */
    private static Set<Integer> writeExport(Path file, String run) throws Exception {
        List<String> example = Files.readAllLines(GatewayProcess.PROJECT_ROOT.resolve("examples/sftp/demo-erp-claims.csv"),
                StandardCharsets.UTF_8);
        String goodLine = example.get(1).substring(example.get(1).indexOf(';'));
        String badLine = goodLine.replace(";15.09.2026;", ";31.09.2026;");
        Set<Integer> bad = new TreeSet<>();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(example.get(0));
            out.write("\r\n");
            for (int n = 1; n <= LINES; n++) {
                boolean isBad = n % BAD_EVERY == 0;
                if (isBad) {
                    bad.add(n + 1);
                }
                out.write(run + "-" + n + (isBad ? badLine : goodLine));
                out.write("\r\n");
            }
        }
        return bad;
    }

    private double created() throws Exception {
        var metrics = gateway.get("/actuator/prometheus", OPERATIONS_KEY);
        Matcher m = CREATED.matcher(metrics.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Takes every claims.received message: the count per case id. */
    private Map<String, Integer> claimsReceivedMessagesPerCase(int expected) throws Exception {
        Map<String, Integer> perCase = new java.util.HashMap<>();
        var factory = gateway.broker();
        try (factory; Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("claims.received"));
            // the relay may still be moving the last ones: wait long for those, then briefly for any extra
            Message message = consumer.receive(60_000);
            while (message != null) {
                perCase.merge(message.getStringProperty("caseId"), 1, Integer::sum);
                message = consumer.receive(perCase.size() < expected ? 60_000 : 3_000);
            }
        }
        return perCase;
    }
}
