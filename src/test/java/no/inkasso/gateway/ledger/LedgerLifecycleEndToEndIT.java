package no.inkasso.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import no.inkasso.gateway.ApiTestClient;
import no.inkasso.gateway.ConfigDirs;
import no.inkasso.gateway.MutableClock;
import no.inkasso.gateway.MutableClockConfiguration;
import no.inkasso.gateway.agency.simulator.AgencySimulator;
import no.inkasso.gateway.agency.simulator.LifecyclePlayer;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.sftp.EmbeddedSftpServer;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole return path in one running gateway (issue 7): a claim goes to the agency simulator, the simulator
 * plays a case's life back by signed webhook, and the ledger the claim came from hears every event once, in the
 * agency's order, in its own words, with amounts that reconcile to the øre. {@code demo-erp} (claims of the
 * demo-ledger client) gets a signed webhook ({@link LedgerReceiver}); {@code other-erp} (the other-ledger client)
 * gets CSV status files on the embedded SFTP server. Both ledgers are this test's own ({@link #LEDGERS}).
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gateway.routing.delivery.poll-period-ms=50",
        "gateway.return-path.agencies.rest-agency-no.webhook-secret=" + LedgerLifecycleEndToEndIT.AGENCY_SECRET,
        "gateway.ledger.delivery.enabled=true",
        "gateway.ledger.delivery.poll-period-ms=50",
        "gateway.ledger.delivery.initial-backoff-ms=50",
        "gateway.ledger.delivery.max-backoff-ms=200"})
@ActiveProfiles("test")
@Import(MutableClockConfiguration.class)
class LedgerLifecycleEndToEndIT {

    static final String AGENCY_SECRET = "dev-only-e2e-agency-webhook-secret";
    static final String LEDGER_SECRET = "dev-only-e2e-ledger-webhook-secret";
    private static final String LEDGER_KEY = "dev-only-demo-ledger-key";
    private static final String OTHER_LEDGER_KEY = "dev-only-other-ledger-key";
    private static final String AGENCY_KEY = "dev-only-e2e-agency-key";
    private static final Duration PIPELINE = Duration.ofSeconds(60);
    private static final BigDecimal ORIGINAL = new BigDecimal("4250.00");

    /** Both creditors' claims go to rest-agency-no, which reports by signed webhook. */
    static final String AGENCIES = """
            agencies:
              - {id: rest-agency-no, jurisdictions: ["NO"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, refuses-debtor-abroad: true, reminder-required: false,
                 delivery: {transport: rest, endpoint: "${it.simulator.url}/agencies/rest-agency-no/cases", api-key: "%s", timeout-ms: 2000}}
            agreements:
              - {creditor: "923609016", agency: rest-agency-no, from: 2024-01-01}
              - {creditor: "974760673", agency: rest-agency-no, from: 2024-01-01}
            ledgers:
              - {source-system: demo-erp, reminder-required: false}
              - {source-system: other-erp, reminder-required: false}
            """.formatted(AGENCY_KEY);

    /** The ledger's own words (a booking system's), by our type and TYPE.QUALIFIER; the rest "Inkasso pågår". */
    static final Map<String, String[]> WORDS = new java.util.LinkedHashMap<>();

    static {
        WORDS.put("NOTICE_SENT", new String[] {"INK-VARSEL", "Inkasso pågår: varsel sendt"});
        WORDS.put("NOTICE_SENT.BETALINGSOPPFORDRING", new String[] {"INK-BO", "Inkasso pågår: betalingsoppfordring sendt"});
        WORDS.put("AWAITING_CREDITOR_DECISION", new String[] {"VENTER", "Inkasso venter på tilbakemelding fra kreditor"});
        WORDS.put("DISPUTED", new String[] {"BESTRIDT", "Kravet er bestridt"});
        WORDS.put("INSTALMENT_PLAN_AGREED", new String[] {"AVDRAG", "Avdragsordning avtalt"});
        WORDS.put("CONCILIATION_BOARD", new String[] {"RETTSLIG-FR", "Rettslig inkasso: forliksrådet"});
        WORDS.put("ENFORCEMENT_PETITION", new String[] {"RETTSLIG-NM", "Rettslig inkasso: sendt til namsmannen"});
        WORDS.put("ATTACHMENT_GRANTED", new String[] {"RETTSLIG-UT", "Rettslig inkasso: utlegg tatt"});
        WORDS.put("NOTHING_TO_ATTACH", new String[] {"OVERVAK-IU", "Intet til utlegg"});
        WORDS.put("LONG_TERM_MONITORING", new String[] {"OVERVAK", "Til langtidsovervåking"});
        WORDS.put("PAYMENT_RECEIVED", new String[] {"INNBETALT", "Innbetaling mottatt"});
        WORDS.put("SETTLEMENT", new String[] {"OPPGJOR", "Oppgjør fra inkassobyrået"});
        WORDS.put("CLOSED", new String[] {"AVSLUTTET", "Inkasso avsluttet"});
        WORDS.put("CLOSED.PAID", new String[] {"BETALT", "Betalt"});
        WORDS.put("CLOSED.CREDITED", new String[] {"KREDITERT", "Kreditert, avsluttet uten kostnad"});
        WORDS.put("CLOSED.WITHDRAWN", new String[] {"TRUKKET", "Trukket fra inkasso"});
    }

    private static final String[] DEFAULT_WORDS = {"INKASSO", "Inkasso pågår"};

    static final String LEDGERS;
    static final LedgerReceiver RECEIVER = LedgerReceiver.start(0, LEDGER_SECRET);
    static final AgencySimulator SIMULATOR;
    static final Path CONFIG_DIR;
    static final Path LEDGERS_FILE;

    static {
        StringBuilder vocabulary = new StringBuilder("{default: {code: " + DEFAULT_WORDS[0] + ", text: \"" + DEFAULT_WORDS[1]
                + "\"}, statuses: {");
        WORDS.forEach((key, words) -> vocabulary.append("\n     ").append(key).append(": {code: ").append(words[0])
                .append(", text: \"").append(words[1]).append("\"},"));
        vocabulary.setLength(vocabulary.length() - 1);
        vocabulary.append("}}");
        LEDGERS = """
                ledgers:
                  - {source-system: demo-erp, vocabulary: %1$s,
                     delivery: {transport: webhook, url: "${it.receiver.url}/demo-erp", signing-secret: "%2$s", timeout-ms: 10000}}
                  - {source-system: other-erp, vocabulary: %1$s,
                     delivery: {transport: sftp, embedded: true, username: demo-ledger, password: dev-only-sftp-password,
                                folder: e2e-status, format: csv, batch-period-ms: 300}}
                """.formatted(vocabulary, LEDGER_SECRET);
        try {
            SIMULATOR = AgencySimulator.start(0, AGENCY_KEY, null, null);
            CONFIG_DIR = ConfigDirs.withRules("ledger-e2e-it-config");
            Files.writeString(CONFIG_DIR.resolve("agencies.yml"), AGENCIES);
            LEDGERS_FILE = Files.createTempFile("ledgers-e2e-it", ".yml");
            Files.writeString(LEDGERS_FILE, LEDGERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void config(DynamicPropertyRegistry registry) {
        registry.add("gateway.eligibility.config-dir", CONFIG_DIR::toString);
        registry.add("gateway.ledger.config-file", LEDGERS_FILE::toString);
        registry.add("it.simulator.url", () -> "http://127.0.0.1:" + SIMULATOR.port());
        registry.add("it.receiver.url", () -> "http://127.0.0.1:" + RECEIVER.port());
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    LedgerDeliveryStore store;
    @Autowired
    EmbeddedSftpServer sftp;

    private ApiTestClient api;
    private static boolean listening;

    @BeforeEach
    void setUp() {
        api = new ApiTestClient(port);
        clock.setDate(LocalDate.parse("2026-03-10"));
        if (!listening) {
            SIMULATOR.lifecycles().clock(clock);
            SIMULATOR.lifecycles().webhook("rest-agency-no", "http://127.0.0.1:" + port, AGENCY_SECRET);
            listening = true;
        }
    }

    @AfterAll
    static void stop() {
        SIMULATOR.close();
        RECEIVER.close();
    }

    @ParameterizedTest(name = "{0} reaches the webhook ledger as {1}")
    @CsvSource({
            "PAID_IN_FULL, CLOSED_PAID, 0.00",
            "INSTALMENTS, CLOSED_PAID, 0.00",
            "DISPUTED, DISPUTED, 4250.00",
            "LEGAL_TO_ATTACHMENT, CLOSED_PAID, 0.00",
            "NOTHING_TO_ATTACH_MONITORING, MONITORING, 4250.00",
            "MINOR, CLOSED_MINOR, 4250.00",
            "WITHDRAWN_WITH_FEE, CLOSED_WITHDRAWN, 4250.00",
            "CREDITED, CREDITED, 0.00",
    })
    void aPlayedLifecycleReachesTheWebhookLedgerOnceInOrderInItsWordsToTheOere(String lifecycle, String finalState, BigDecimal left)
            throws Exception {
        String caseId = atAgency(LEDGER_KEY, "demo-erp", "923609016");

        List<JsonNode> played = play(caseId, lifecycle);
        await().atMost(PIPELINE).until(() -> RECEIVER.delivered("demo-erp", caseId).size() >= played.size());
        List<LedgerReceiver.Received> got = RECEIVER.received("demo-erp", caseId);
        assertThat(got).as("every request signed and taken").allSatisfy(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.answered()).isEqualTo(200);
        });
        assertThat(got).extracting(LedgerReceiver.Received::deliveryId).as("each event once").doesNotHaveDuplicates();
        List<JsonNode> events = got.stream().map(LedgerReceiver.Received::event).toList();
        for (JsonNode event : events) {
            assertThat(LedgerEventsTest.LEDGER_EVENT.validate(event)).as(event.toString()).isEmpty();
            assertThat(event.path("sourceSystem").asText()).isEqualTo("demo-erp");
            assertThat(event.path("agencyId").asText()).isEqualTo("rest-agency-no");
        }
        checkLedgerSide(lifecycle, played, events, finalState, left);
        assertThat(events.get(0).path("type").asText()).isEqualTo("REGISTERED");
        assertThat(events.get(0).at("/status/code").asText()).isEqualTo("INKASSO");
        assertThat(events.get(0).at("/status/text").asText()).isEqualTo("Inkasso pågår");
        assertThat(events.get(0).at("/status/mapped").asBoolean()).as("REGISTERED: the ledger's default").isFalse();
        assertThat(events.get(1).at("/status/mapped").asBoolean()).as("NOTICE_SENT: mapped").isTrue();
        if (lifecycle.equals("LEGAL_TO_ATTACHMENT")) {
            JsonNode question = events.stream().filter(e -> e.path("type").asText().equals("AWAITING_CREDITOR_DECISION")).findFirst()
                    .orElseThrow();
            assertThat(question.at("/status/text").asText()).isEqualTo("Inkasso venter på tilbakemelding fra kreditor");
            assertThat(question.at("/question/answer/path").asText()).isEqualTo("/api/v1/claims/" + caseId + "/commands");
        }
        await().atMost(PIPELINE).until(() -> store.ofCase(caseId).size() == played.size()
                && store.ofCase(caseId).stream().allMatch(r -> r.state() == LedgerDeliveryStore.State.DELIVERED));
        assertThat(RECEIVER.received("demo-erp", caseId)).as("nothing more came after").hasSize(played.size());
    }

    @Test
    void anSftpLedgerGetsTheLifecycleInItsCsvStatusFile() throws Exception {
        String caseId = atAgency(OTHER_LEDGER_KEY, "other-erp", "974760673");

        List<JsonNode> played = play(caseId, "INSTALMENTS");
        Path folder = sftp.home("demo-ledger").resolve("e2e-status");
        await().atMost(PIPELINE).until(() -> rowsFor(folder, caseId).size() >= played.size());
        List<Map<String, String>> rows = rowsFor(folder, caseId);
        assertThat(rows).extracting(r -> r.get("deliveryId")).as("each event once").doesNotHaveDuplicates();
        List<JsonNode> events = new ArrayList<>();
        for (Map<String, String> row : rows) {
            // what a ledger reading the file knows: the columns, and the event's details as JSON
            ObjectNode e = ApiJson.mapper().createObjectNode();
            e.put("type", row.get("type")).put("caseState", row.get("caseState"));
            e.putObject("status").put("code", row.get("statusCode")).put("text", row.get("statusText"));
            e.putObject("outstanding").put("amount", new BigDecimal(row.get("outstandingAmount")))
                    .put("currency", row.get("outstandingCurrency"));
            e.set("details", row.get("detail").isEmpty() ? ApiJson.mapper().createObjectNode() : ApiJson.mapper().readTree(row.get("detail")));
            assertThat(row.get("creditorOrgNumber")).isEqualTo("974760673");
            assertThat(row.get("agencyCaseNumber")).isNotBlank();
            assertThat(row.get("outstandingAmount")).as("two decimals, a point").matches("-?\\d+\\.\\d{2}");
            events.add(e);
        }
        // the CSV has no sequence column: the order is that of the files (named by time-ordered delivery ids) and rows
        checkLedgerSide("INSTALMENTS", played, events, "CLOSED_PAID", new BigDecimal("0.00"));
        assertThat(rows.get(0).get("statusText")).isEqualTo("Inkasso pågår");
        assertThat(rows.get(rows.size() - 1).get("statusCode")).isEqualTo("BETALT");
        assertThat(rows.get(rows.size() - 1).get("statusText")).isEqualTo("Betalt");
        assertThat(RECEIVER.received("demo-erp", caseId)).as("nothing to the other ledger's webhook").isEmpty();
        await().atMost(PIPELINE).until(() -> store.ofCase(caseId).stream().allMatch(r -> r.state() == LedgerDeliveryStore.State.DELIVERED));
    }

    @Test
    void aWebhookEventWithABadSignatureIsRefusedAndNothingReachesTheLedgerForIt() throws Exception {
        String caseId = atAgency(LEDGER_KEY, "demo-erp", "923609016");
        byte[] forged = ("{\"events\": [{\"caseId\": \"" + caseId + "\", \"sequence\": 1, \"type\": \"REGISTERED\", "
                + "\"occurredAt\": \"2026-03-09T10:00:00+01:00\", \"details\": {\"agencyCaseNumber\": \"FORGED-1\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        long now = clock.instant().getEpochSecond();
        HttpResponse<String> refused = api.http().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/agencies/rest-agency-no/events"))
                .header("Content-Type", "application/json")
                .header(no.inkasso.gateway.returnpath.WebhookSignature.TIMESTAMP_HEADER, String.valueOf(now))
                .header(no.inkasso.gateway.returnpath.WebhookSignature.SIGNATURE_HEADER,
                        no.inkasso.gateway.returnpath.WebhookSignature.sign("dev-only-not-the-agencys-secret", now, forged))
                .POST(HttpRequest.BodyPublishers.ofByteArray(forged)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);

        // the agency's own, signed events come after it: when they have reached the ledger, the forged one would have too
        List<JsonNode> played = play(caseId, "DISPUTED");
        await().atMost(PIPELINE).until(() -> RECEIVER.delivered("demo-erp", caseId).size() >= played.size());
        List<LedgerReceiver.Received> got = RECEIVER.received("demo-erp", caseId);
        assertThat(got).hasSize(played.size());
        assertThat(got).extracting(LedgerReceiver.Received::body).noneMatch(b -> b.contains("FORGED-1"));
        assertThat(got.get(0).event().path("agencyCaseNumber").asText()).isNotEqualTo("FORGED-1");
        assertThat(got.get(0).event().at("/details/agencyCaseNumber").asText()).isEqualTo(played.get(0).at("/details/agencyCaseNumber").asText());
        assertThat(store.ofCase(caseId)).hasSize(played.size()).noneMatch(r -> r.feedback() != null && r.feedback().contains("FORGED-1"));
    }

    // ---- the ledger's view ----

    /**
     * What the ledger got for a played lifecycle: the played events, once each and in the agency's order, each with the
     * ledger's status for it, and amounts that reconcile: outstanding after each payment = original - principal paid so far,
     * a settlement's paid = toCreditor + fees + vat, the last event's state and outstanding as the lifecycle ends.
     */
    private static void checkLedgerSide(String lifecycle, List<JsonNode> played, List<JsonNode> events, String finalState,
                                        BigDecimal left) {
        assertThat(events).as("one per played event").hasSize(played.size());
        assertThat(events).extracting(e -> e.path("type").asText()).as("in the agency's order")
                .containsExactlyElementsOf(played.stream().map(p -> p.path("type").asText()).toList());
        if (events.get(0).has("agencySequence")) {
            assertThat(events).extracting(e -> e.path("agencySequence").asInt())
                    .containsExactlyElementsOf(played.stream().map(p -> p.path("sequence").asInt()).toList());
        }
        BigDecimal principalPaid = BigDecimal.ZERO;
        BigDecimal before = ORIGINAL;
        List<JsonNode> settlements = new ArrayList<>();
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            String[] words = words(type, e);
            assertThat(e.at("/status/code").asText()).as(type + "'s status code").isEqualTo(words[0]).isNotEqualTo(type);
            assertThat(e.at("/status/text").asText()).as(type + "'s status text").isEqualTo(words[1]);
            assertThat(e.at("/outstanding/currency").asText()).isEqualTo("NOK");
            BigDecimal after = e.at("/outstanding/amount").decimalValue();
            assertThat(after.scale()).as("øre: two decimals").isEqualTo(2);
            switch (type) {
                case "PAYMENT_RECEIVED" -> {
                    BigDecimal principal = e.at("/details/principal").decimalValue();
                    principalPaid = principalPaid.add(principal);
                    assertThat(after).as("outstanding after a payment: original - principal paid so far")
                            .isEqualByComparingTo(ORIGINAL.subtract(principalPaid));
                    assertThat(e.at("/details/amount").decimalValue()).isGreaterThanOrEqualTo(principal);
                }
                case "CLOSED" -> {
                    if (!"CREDITED".equals(e.at("/details/closeReason").asText())) {
                        assertThat(after).as("closing moves no money").isEqualByComparingTo(before);
                    }
                }
                case "SETTLEMENT" -> {
                    JsonNode r = e.at("/details/remittance");
                    assertThat(r.path("toCreditor").decimalValue().add(r.path("fees").decimalValue()).add(r.path("vat").decimalValue()))
                            .as("paid = toCreditor + fees + vat").isEqualByComparingTo(r.path("paid").decimalValue());
                    assertThat(after).isEqualByComparingTo(before);
                    settlements.add(r);
                }
                default -> assertThat(after).as(type + " moves no money").isEqualByComparingTo(before);
            }
            before = after;
        }
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("caseState").asText()).isEqualTo(finalState);
        assertThat(last.at("/outstanding/amount").decimalValue()).isEqualByComparingTo(left);
        if (finalState.equals("CLOSED_PAID")) {
            BigDecimal total = ORIGINAL.add(LifecyclePlayer.INTEREST).add(LifecyclePlayer.FEES);
            assertThat(principalPaid).isEqualByComparingTo(ORIGINAL);
            BigDecimal paidIn = events.stream().filter(e -> e.path("type").asText().equals("PAYMENT_RECEIVED"))
                    .map(e -> e.at("/details/amount").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(paidIn).as("what the debtor paid").isEqualByComparingTo(total);
            assertThat(settlements).hasSize(1);
            assertThat(settlements.get(0).path("paid").decimalValue()).isEqualByComparingTo(total);
            assertThat(settlements.get(0).path("toCreditor").decimalValue()).isEqualByComparingTo(ORIGINAL.add(LifecyclePlayer.INTEREST));
            assertThat(last.at("/status/code").asText()).isEqualTo("BETALT");
        } else if (lifecycle.equals("WITHDRAWN_WITH_FEE")) {
            assertThat(settlements).hasSize(1);
            assertThat(settlements.get(0).path("toCreditor").decimalValue())
                    .isEqualByComparingTo(LifecyclePlayer.FEES.add(LifecyclePlayer.WITHDRAWAL_VAT).negate());
            assertThat(principalPaid).isEqualByComparingTo("0.00");
        } else {
            assertThat(settlements).isEmpty();
            assertThat(principalPaid).isEqualByComparingTo("0.00");
        }
    }

    /** The ledger's words for an event: TYPE.QUALIFIER, else TYPE, else the default. */
    private static String[] words(String type, JsonNode e) {
        String qualifier = switch (type) {
            case "CLOSED" -> e.at("/details/closeReason").asText(null);
            case "NOTICE_SENT" -> e.at("/details/notice").asText(null);
            case "AWAITING_CREDITOR_DECISION" -> e.at("/details/question/kind").asText(null);
            default -> null;
        };
        if (qualifier != null && WORDS.containsKey(type + "." + qualifier)) {
            return WORDS.get(type + "." + qualifier);
        }
        return WORDS.getOrDefault(type, DEFAULT_WORDS);
    }

    // ---- helpers ----

    private String atAgency(String key, String sourceSystem, String creditor) throws Exception {
        ObjectNode claim = (ObjectNode) ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
        ((ObjectNode) claim.get("source")).put("system", sourceSystem);
        ((ObjectNode) claim.get("creditor")).put("orgNumber", creditor);
        ObjectNode invoice = (ObjectNode) claim.get("invoice");
        invoice.put("number", "E2E-" + UUID.randomUUID());
        invoice.put("issueDate", "2026-01-01");
        invoice.put("dueDate", "2026-01-15");
        claim.putArray("notices").addObject().put("kind", "INKASSOVARSEL").put("sentOn", "2026-02-01").put("deadline", "2026-02-15");
        HttpResponse<String> created = api.post("/api/v1/claims", key, "application/json", claim.toString(), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String caseId = ApiTestClient.json(created).get("caseId").asText();
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            HttpResponse<String> c = api.get("/api/v1/claims/" + caseId, key);
            return c.statusCode() == 200 && "AT_AGENCY".equals(ApiTestClient.json(c).path("state").asText());
        });
        return caseId;
    }

    /** Plays {@code lifecycle} on the simulated agency (its signed webhook); the events it sent, each recorded by the gateway. */
    private List<JsonNode> play(String caseId, String lifecycle) throws Exception {
        LifecyclePlayer.Played played = SIMULATOR.lifecycles().play(SIMULATOR.agency("rest-agency-no"), caseId,
                LifecyclePlayer.Lifecycle.valueOf(lifecycle));
        assertThat(played.status()).as(played.answer()).isEqualTo(200);
        JsonNode results = ApiJson.mapper().readTree(played.answer()).path("results");
        assertThat(results).hasSize(played.events().size());
        for (JsonNode r : results) {
            assertThat(r.get("outcome").asText()).as(r.toString()).isEqualTo("RECORDED");
        }
        return List.copyOf(played.events());
    }

    /** The CSV rows of {@code caseId} in the folder's status files, by column, files in name (= delivery) order. */
    private static List<Map<String, String>> rowsFor(Path folder, String caseId) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return rows;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                assertThat(lines.get(0).split(";")).containsExactlyElementsOf(StatusFile.COLUMNS);
                for (String line : lines.subList(1, lines.size())) {
                    List<String> cells = cells(line);
                    if (cells.size() > 2 && caseId.equals(cells.get(2))) {
                        Map<String, String> row = new HashMap<>();
                        for (int i = 0; i < StatusFile.COLUMNS.size(); i++) {
                            row.put(StatusFile.COLUMNS.get(i), i < cells.size() ? cells.get(i) : "");
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    /** One line of ledger-status-v1 CSV: ;-separated, a cell with ; or " quoted with "" inside. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ';') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
