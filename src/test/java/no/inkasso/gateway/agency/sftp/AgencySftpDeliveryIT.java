package no.inkasso.gateway.agency.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import no.inkasso.gateway.ApiTestClient;
import no.inkasso.gateway.ConfigDirs;
import no.inkasso.gateway.MutableClock;
import no.inkasso.gateway.MutableClockConfiguration;
import no.inkasso.gateway.agency.AgencyBreaker;
import no.inkasso.gateway.agency.AgencyDeliveryWorker;
import no.inkasso.gateway.agency.simulator.AgencySimulator;
import no.inkasso.gateway.agency.simulator.SimulatedAgency;
import no.inkasso.gateway.agency.simulator.SimulatedSftpAgency;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.feed.CaseFeedCodec;
import no.inkasso.gateway.feed.model.CaseFeedBatch;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SFTP batch delivery in the running gateway against the agency simulator's own SFTP server: cases go
 * in batch files of at most three, on the agency's schedule, and the agency's receipts give their case
 * numbers or refuse them; the agency's server down then up loses nothing and registers nothing twice; a
 * failure after an upload and before it is recorded uploads the same file again, which the agency
 * recognises; bad receipts are kept and moved aside. Also a REST agency with a rate limit still gets
 * every case, once and in order.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gateway.routing.held-retry-period-ms=200",
        "gateway.routing.delivery.poll-period-ms=50",
        "gateway.routing.delivery.max-attempts=3",
        "gateway.routing.delivery.initial-backoff-ms=50",
        "gateway.routing.delivery.max-backoff-ms=200",
        "gateway.routing.delivery.breaker-failure-threshold=3",
        "gateway.routing.delivery.breaker-open-ms=300"})
@ActiveProfiles("test")
@Import(MutableClockConfiguration.class)
class AgencySftpDeliveryIT {

    private static final String LEDGER_KEY = "dev-only-demo-ledger-key";
    private static final String AGENCY_KEY = "dev-only-it-agency-key";
    private static final String SFTP_AGENCY = "sftp-agency-no";
    private static final String LIMITED_AGENCY = "limited-agency-no";
    private static final String SFTP_PASSWORD = "dev-only-it-sftp-password";
    private static final Duration PIPELINE = Duration.ofSeconds(30);

    /** Creditor 923609016: the SFTP agency (files of at most 3, every 300 ms, receipts); 974760673: REST at 4 cases/s. */
    static final String AGENCIES = """
            agencies:
              - {id: sftp-agency-no, jurisdictions: ["NO"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, refuses-debtor-abroad: true, reminder-required: false,
                 delivery: {transport: sftp, host: 127.0.0.1, port: "${it.sftp.port}", username: sftp-agency-no,
                            password: "${IT_SFTP_PASSWORD:%s}", folder: inbox, file-name: "{agency}-{date}-{batch}.xml",
                            period-ms: 300, max-cases-per-file: 3, receipt-folder: receipts, receipt-poll-ms: 100}}
              - {id: limited-agency-no, jurisdictions: ["NO"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, refuses-debtor-abroad: true, reminder-required: false,
                 delivery: {transport: rest, endpoint: "${it.simulator.url}/agencies/limited-agency-no/cases", api-key: "%s",
                            rate-limit-per-second: 4}}
            agreements:
              - {creditor: "923609016", agency: sftp-agency-no, from: 2024-01-01}
              - {creditor: "974760673", agency: limited-agency-no, from: 2024-01-01}
            ledgers:
              - {source-system: demo-erp, reminder-required: false}
            """.formatted(SFTP_PASSWORD, AGENCY_KEY);

    static final AgencySimulator SIMULATOR;
    static final SimulatedSftpAgency SFTP;
    static final Path CONFIG_DIR;

    static {
        try {
            SIMULATOR = AgencySimulator.start(0, AGENCY_KEY, null, null);
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            SFTP = SIMULATOR.sftp(SFTP_AGENCY, Files.createTempDirectory("sftp-agency-it"), port, SFTP_AGENCY, SFTP_PASSWORD);
            CONFIG_DIR = ConfigDirs.withRules("sftp-agency-it-config");
            Files.writeString(CONFIG_DIR.resolve("agencies.yml"), AGENCIES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void agencies(DynamicPropertyRegistry registry) {
        registry.add("gateway.eligibility.config-dir", CONFIG_DIR::toString);
        registry.add("it.simulator.url", () -> "http://127.0.0.1:" + SIMULATOR.port());
        registry.add("it.sftp.port", () -> String.valueOf(SFTP.port()));
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JmsTemplate jms;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AgencyDeliveryWorker worker;
    @Autowired
    CamelContext camel;
    @Autowired
    MeterRegistry meters;

    private ApiTestClient api;

    @BeforeEach
    void setUp() {
        api = new ApiTestClient(port);
        clock.setDate(LocalDate.parse("2026-03-10"));
        jms.setReceiveTimeout(10_000);
        SIMULATOR.reset();
    }

    @AfterEach
    void noHook() {
        transport().afterUpload(null);
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Test
    void casesGoInBatchFilesOfAtMostThreeAndTheReceiptGivesTheirCaseNumbers() throws Exception {
        List<String> caseIds = new ArrayList<>();
        withDeliveryStopped(SFTP_AGENCY, () -> {
            for (int i = 0; i < 4; i++) {
                caseIds.add(submit(claim("923609016")));
            }
            for (String caseId : caseIds) {
                awaitState(caseId, "ROUTED");
            }
        });

        SimulatedAgency agency = SIMULATOR.agency(SFTP_AGENCY);
        for (String caseId : caseIds) {
            JsonNode atAgency = awaitState(caseId, "AT_AGENCY");
            assertThat(eventTypes(atAgency)).containsSubsequence("ROUTED_TO_AGENCY", "AGENCY_BATCH_SENT", "AGENCY_DELIVERED");
            assertThat(atAgency.path("agencyCaseNumber").asText()).isEqualTo(agency.caseNumbers().get(caseId)).isNotBlank();
            assertThat(event(atAgency, "AGENCY_BATCH_SENT").at("/detail/file").asText())
                    .matches("sftp-agency-no-20\\d{6}-\\d{6}\\.xml");
        }
        List<Map<String, Object>> batches = jdbc.queryForList("""
                select b.batch_id, b.file_name, b.state, b.message_count from agency_batch b
                where exists (select 1 from agency_delivery d where d.batch_id = b.batch_id and d.case_id in (?, ?, ?, ?)) order by b.batch_no
                """, caseIds.toArray());
        assertThat(batches).extracting(b -> b.get("message_count")).containsExactly(3, 1);
        assertThat(batches).extracting(b -> b.get("state")).containsOnly("RECEIPTED");
        // the files as the agency got them: schema-valid batches, the cases in queue order
        List<String> inFiles = new ArrayList<>();
        for (Map<String, Object> b : batches) {
            Path file = SFTP.home().resolve("inbox/.done").resolve((String) b.get("file_name"));
            try (InputStream in = Files.newInputStream(file)) {
                CaseFeedBatch batch = CaseFeedCodec.readBatch(in);
                assertThat(batch.getBatchId()).isEqualTo(b.get("batch_id"));
                batch.getMessages().forEach(m -> inFiles.add(m.getCaseId()));
            }
        }
        assertThat(inFiles).containsExactlyInAnyOrderElementsOf(caseIds);
        assertThat(agency.copies()).isZero();
        assertThat(SFTP.home().resolve("inbox")).isDirectoryNotContaining("glob:**.part");
        assertThat(jdbc.queryForList("select outcome from agency_receipt where batch_id in (?, ?)", String.class,
                batches.get(0).get("batch_id"), batches.get(1).get("batch_id"))).containsOnly("APPLIED").hasSize(2);
    }

    @Test
    void theAgencysServerDownThenUpGetsEveryCaseOnceAndInOrder() throws Exception {
        SimulatedAgency agency = SIMULATOR.agency(SFTP_AGENCY);
        agency.mode(SimulatedAgency.Mode.DOWN, 0);
        AgencyBreaker breaker = worker.breakers().get(SFTP_AGENCY);
        List<String> caseIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            caseIds.add(submit(claim("923609016")));
        }
        await().atMost(PIPELINE).until(() -> breaker.consecutiveFailures() >= 3 && routedRows(caseIds) == caseIds.size());
        for (String caseId : caseIds) {
            assertThat(get(caseId).get("state").asText()).as("on the queue or in a batch, not at the agency yet").isEqualTo("ROUTED");
        }
        assertThat(agency.cases()).isEmpty();

        agency.mode(SimulatedAgency.Mode.UP, 0);

        for (String caseId : caseIds) {
            awaitState(caseId, "AT_AGENCY");
        }
        assertThat(agency.cases()).extracting(SimulatedAgency.Taken::caseId).containsExactlyInAnyOrderElementsOf(caseIds);
        assertThat(agency.caseNumbers().values()).doesNotHaveDuplicates().hasSize(5);
        assertThat(agency.outOfOrder()).isEmpty();
        await().atMost(PIPELINE).until(() -> breaker.state(System.currentTimeMillis()) == AgencyBreaker.State.CLOSED);
    }

    @Test
    void aCaseRefusedInTheReceiptIsDeadLetteredWithItsOriginalMessageAndTheOthersGoOn() throws Exception {
        SimulatedAgency agency = SIMULATOR.agency(SFTP_AGENCY);
        String[] ids = new String[2];
        withDeliveryStopped(SFTP_AGENCY, () -> {
            ids[0] = submit(claim("923609016"));
            ids[1] = submit(claim("923609016"));
            awaitState(ids[0], "ROUTED");
            awaitState(ids[1], "ROUTED");
            agency.refuse(ids[0], 422);
        });
        String refused = ids[0];
        String good = ids[1];

        JsonNode failed = awaitState(refused, "DELIVERY_FAILED");
        awaitState(good, "AT_AGENCY");
        assertThat(event(failed, "AGENCY_DELIVERY_FAILED").at("/detail/reason").asText())
                .contains("refused by sftp-agency-no in receipt").contains("is refused by sftp-agency-no");
        TextMessage dead = (TextMessage) jms.receiveSelected("agency.sftp-agency-no.outbound.dlq", "caseId = '" + refused + "'");
        assertThat(dead).isNotNull();
        assertThat(dead.getStringProperty("deadLetterReason")).contains("refused by sftp-agency-no");
        assertThat(ApiJson.mapper().readTree(dead.getText()).get("caseId").asText()).isEqualTo(refused);
        assertThat(agency.cases()).extracting(SimulatedAgency.Taken::caseId).containsExactly(good);
        assertThat(jms.receiveSelected("agency.sftp-agency-no.outbound.dlq", "caseId = '" + good + "'")).isNull();
    }

    @Test
    void aFailureAfterTheUploadAndBeforeItIsRecordedUploadsTheSameFileAgainAndTheAgencyRegistersTheCaseOnce() throws Exception {
        AtomicInteger crashes = new AtomicInteger();
        List<String> crashedFiles = Collections.synchronizedList(new ArrayList<>());
        transport().afterUpload(batch -> {
            if (crashes.getAndIncrement() == 0) {
                crashedFiles.add(batch.fileName());
                // the agency has taken the file before the gateway "dies" without recording the upload
                await().atMost(PIPELINE).until(() -> SFTP.files().contains(batch.fileName()));
                throw new IllegalStateException("simulated crash after the upload of " + batch.fileName());
            }
        });
        String caseId = submit(claim("923609016"));

        JsonNode atAgency = awaitState(caseId, "AT_AGENCY");
        SimulatedAgency agency = SIMULATOR.agency(SFTP_AGENCY);
        assertThat(crashedFiles).hasSize(1);
        String file = crashedFiles.get(0);
        assertThat(SFTP.files()).as("the same file name uploaded again").containsSubsequence(file, file);
        assertThat(agency.copies()).as("the agency recognised the copy").isGreaterThanOrEqualTo(1);
        assertThat(agency.cases()).extracting(SimulatedAgency.Taken::caseId).containsExactly(caseId);
        assertThat(jdbc.queryForObject("select count(distinct batch_id) from agency_delivery where case_id = ?", Long.class, caseId))
                .isEqualTo(1);
        assertThat(atAgency.path("agencyCaseNumber").asText()).isEqualTo(agency.caseNumbers().get(caseId));
    }

    @Test
    void receiptsForAnUnknownBatchOrNotAReceiptAtAllAreKeptAndMovedAside() throws Exception {
        Path receipts = SFTP.home().resolve(SimulatedSftpAgency.RECEIPTS);
        String unknown = "unknown-" + UUID.randomUUID() + ".receipt.xml";
        String garbage = "garbage-" + UUID.randomUUID() + ".xml";
        drop(receipts, unknown, """
                <?xml version="1.0" encoding="UTF-8"?>
                <caseFeedReceipt xmlns="urn:inkasso-gateway:feed-receipt:1">
                  <schema>case-feed-receipt/v1</schema><agencyId>sftp-agency-no</agencyId><batchId>sftp-agency-no-999999</batchId>
                  <processedAt>2026-03-10T23:00:00+01:00</processedAt>
                  <results><caseId>01970000-0000-7000-8000-000000000009</caseId><sequence>1</sequence><outcome>ACCEPTED</outcome>
                    <agencyCaseNumber>X-1</agencyCaseNumber></results>
                </caseFeedReceipt>
                """);
        drop(receipts, garbage, "this is not a receipt\n");

        await().atMost(PIPELINE).until(() -> Files.exists(receipts.resolve(".error").resolve(unknown))
                && Files.exists(receipts.resolve(".error").resolve(garbage)));
        Map<String, Object> unknownRow = jdbc.queryForMap("select outcome, detail, batch_id, content from agency_receipt where file_name = ?",
                unknown);
        assertThat(unknownRow.get("outcome")).isEqualTo("UNKNOWN_BATCH");
        assertThat((String) unknownRow.get("detail")).isEqualTo("no batch sftp-agency-no-999999 was sent to sftp-agency-no");
        assertThat((String) unknownRow.get("content")).contains("X-1");
        Map<String, Object> garbageRow = jdbc.queryForMap("select outcome, detail, content from agency_receipt where file_name = ?", garbage);
        assertThat(garbageRow.get("outcome")).isEqualTo("MALFORMED");
        assertThat((String) garbageRow.get("detail")).startsWith("not ");
        assertThat(garbageRow.get("content")).isEqualTo("this is not a receipt\n");
        assertThat(receipts).isDirectoryNotContaining("glob:**/" + garbage).isDirectoryNotContaining("glob:**/" + unknown);
    }

    @Test
    void anAgencyWithARateLimitGetsEveryCaseOnceAndInOrder() throws Exception {
        List<String> caseIds = new ArrayList<>();
        withDeliveryStopped(LIMITED_AGENCY, () -> {
            for (int i = 0; i < 7; i++) {
                caseIds.add(submit(claim("974760673")));
            }
            for (String caseId : caseIds) {
                awaitState(caseId, "ROUTED");
            }
        });
        double limitedBefore = limited();

        for (String caseId : caseIds) {
            awaitState(caseId, "AT_AGENCY");
        }
        SimulatedAgency agency = SIMULATOR.agency(LIMITED_AGENCY);
        assertThat(agency.cases()).extracting(SimulatedAgency.Taken::caseId).containsExactlyInAnyOrderElementsOf(caseIds);
        assertThat(agency.copies()).isZero();
        assertThat(limited()).as("ticks that found the rate used up (7 cases, a burst of 4)").isGreaterThan(limitedBefore);
    }

    // ---- helpers ----

    private SftpBatchTransport transport() {
        return (SftpBatchTransport) worker.transport(SFTP_AGENCY);
    }

    private double limited() {
        var counter = meters.find("gateway.agency.rate.limited").tag("agency", LIMITED_AGENCY).counter();
        return counter == null ? 0 : counter.count();
    }

    private interface Step {
        void run() throws Exception;
    }

    private void withDeliveryStopped(String agencyId, Step step) throws Exception {
        camel.getRouteController().stopRoute("agency-deliver-" + agencyId);
        try {
            step.run();
        } finally {
            camel.getRouteController().startRoute("agency-deliver-" + agencyId);
        }
    }

    private long routedRows(List<String> caseIds) {
        return caseIds.stream().filter(id -> jdbc.queryForList("select state from agency_delivery where case_id = ? and seq = 1",
                String.class, id).stream().anyMatch(s -> s.equals("QUEUED") || s.equals("BATCHED"))).count();
    }

    private static void drop(Path folder, String name, String content) throws IOException {
        Path part = folder.resolve("." + name + ".part");
        Files.writeString(part, content, StandardCharsets.UTF_8);
        Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** examples/claim.json for {@code creditor}, due 2026-01-15 with an inkassovarsel: eligible from 2026-02-20. */
    private static ObjectNode claim(String creditor) throws Exception {
        ObjectNode claim = (ObjectNode) ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
        ((ObjectNode) claim.get("creditor")).put("orgNumber", creditor);
        ObjectNode invoice = (ObjectNode) claim.get("invoice");
        invoice.put("number", "SB-" + UUID.randomUUID());
        invoice.put("issueDate", "2026-01-01");
        invoice.put("dueDate", "2026-01-15");
        ArrayNode notices = claim.putArray("notices");
        notices.addObject().put("kind", "INKASSOVARSEL").put("sentOn", "2026-02-01").put("deadline", "2026-02-15");
        return claim;
    }

    private String submit(ObjectNode claim) throws Exception {
        HttpResponse<String> created = api.post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiTestClient.json(created).get("caseId").asText();
    }

    private JsonNode get(String caseId) throws Exception {
        HttpResponse<String> response = api.get("/api/v1/claims/" + caseId, LEDGER_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        return ApiTestClient.json(response);
    }

    private JsonNode awaitState(String caseId, String state) {
        return await().atMost(PIPELINE).pollInterval(Duration.ofMillis(50))
                .until(() -> get(caseId), c -> state.equals(c.get("state").asText()));
    }

    private static JsonNode event(JsonNode c, String type) {
        for (JsonNode e : c.get("events")) {
            if (type.equals(e.get("type").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " event in " + c.get("events"));
    }

    private static List<String> eventTypes(JsonNode c) {
        List<String> types = new ArrayList<>();
        c.get("events").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}
