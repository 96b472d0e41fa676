package no.inkasso.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import no.inkasso.gateway.ApiTestClient;
import no.inkasso.gateway.MutableClock;
import no.inkasso.gateway.MutableClockConfiguration;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.sftp.EmbeddedSftpServer;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The return path to ledgers in the running gateway: ledger.feedback messages (CASE_EVENT built to the
 * agency-event side's contract, and real eligibility rejections) reach each ledger by its transport and
 * in its words: a signed webhook (receiver down then up, a refusal, a message that keeps failing), a
 * status file on the embedded SFTP server (CSV and XML), a JMS topic; a source system without delivery
 * is held, an unknown kind skipped, a copy recognised. The ledgers are this test's own ({@link #LEDGERS}).
 */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gateway.ledger.delivery.enabled=true",
        "gateway.ledger.delivery.poll-period-ms=50",
        "gateway.ledger.delivery.max-attempts=3",
        "gateway.ledger.delivery.initial-backoff-ms=50",
        "gateway.ledger.delivery.max-backoff-ms=200",
        "gateway.ledger.delivery.held-retry-period-ms=200",
        "gateway.routing.consume-eligible=false"})
@ActiveProfiles("test")
@Import(MutableClockConfiguration.class)
class LedgerDeliveryIT {

    static final String SECRET = "dev-only-it-webhook-secret";
    private static final String LEDGER_KEY = "dev-only-demo-ledger-key";
    private static final String OPS_KEY = "dev-only-operations-key";
    private static final Duration PIPELINE = Duration.ofSeconds(30);
    private static final String WORDS = """
            {default: {code: INKASSO, text: "Inkasso pågår"}, statuses: {
               AWAITING_CREDITOR_DECISION: {code: VENTER, text: "Inkasso venter på tilbakemelding fra kreditor"},
               CLOSED.PAID: {code: BETALT, text: "Betalt"}, PAYMENT_RECEIVED: {code: INNBETALT, text: "Innbetaling mottatt"},
               ELIGIBILITY_REJECTED: {code: AVVIST, text: "Avvist for inkasso"}}}""";
    static final String LEDGERS = """
            ledgers:
              - {source-system: demo-erp, vocabulary: %1$s,
                 delivery: {transport: webhook, url: "${it.receiver.url}/demo-erp", signing-secret: "${IT_SECRET:%2$s}"}}
              - {source-system: hook-erp, vocabulary: %1$s,
                 delivery: {transport: webhook, url: "${it.receiver.url}/hook-erp", signing-secret: "%2$s", timeout-ms: 2000}}
              - {source-system: down-erp, vocabulary: %1$s,
                 delivery: {transport: webhook, url: "${it.down.url}/down-erp", signing-secret: "%2$s", timeout-ms: 2000}}
              - {source-system: refusing-erp, vocabulary: %1$s,
                 delivery: {transport: webhook, url: "${it.receiver.url}/refusing-erp", signing-secret: "%2$s"}}
              - {source-system: failing-erp, vocabulary: %1$s,
                 delivery: {transport: webhook, url: "${it.receiver.url}/failing-erp", signing-secret: "%2$s"}}
              - {source-system: file-erp, vocabulary: %1$s,
                 delivery: {transport: sftp, embedded: true, username: demo-ledger, password: dev-only-sftp-password,
                            folder: ledger-status, format: csv, batch-period-ms: 300}}
              - {source-system: xml-erp, vocabulary: %1$s,
                 delivery: {transport: sftp, embedded: true, username: demo-ledger, password: dev-only-sftp-password,
                            folder: ledger-status-xml, format: xml, batch-period-ms: 300}}
              - {source-system: topic-erp, vocabulary: %1$s, delivery: {transport: jms-topic}}
              - {source-system: quiet-erp, vocabulary: %1$s}
            """.formatted(WORDS, SECRET);

    static final LedgerReceiver RECEIVER = LedgerReceiver.start(0, SECRET);
    static final int DOWN_PORT = freePort();
    static final Path CONFIG;
    static LedgerReceiver lateReceiver;

    static {
        try {
            CONFIG = Files.createTempFile("ledgers-it", ".yml");
            Files.writeString(CONFIG, LEDGERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void ledgers(DynamicPropertyRegistry registry) {
        registry.add("gateway.ledger.config-file", CONFIG::toString);
        registry.add("it.receiver.url", () -> "http://127.0.0.1:" + RECEIVER.port());
        registry.add("it.down.url", () -> "http://127.0.0.1:" + DOWN_PORT);
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JmsTemplate jms;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    LedgerDeliveryStore store;
    @Autowired
    MeterRegistry meters;
    @Autowired
    EmbeddedSftpServer sftp;

    private ApiTestClient api;

    @BeforeEach
    void setUp() {
        api = new ApiTestClient(port);
        clock.setDate(LocalDate.parse("2026-03-10"));
    }

    @AfterAll
    static void stopReceivers() {
        RECEIVER.close();
        if (lateReceiver != null) {
            lateReceiver.close();
        }
    }

    @Test
    void aCaseEventReachesTheWebhookSignedInTheLedgersWordsOnceAndAQuestionSaysHowToAnswer() throws Exception {
        String caseId = LedgerFeedbackFixture.caseId();
        String registered = LedgerFeedbackFixture.caseEvent("hook-erp", caseId, "ev-" + caseId + "-1", "REGISTERED", 1,
                "{\"agencyCaseNumber\":\"AG-77\"}");
        send(registered, caseId);
        send(registered, caseId); // a copy (the relay sent it twice after a crash)
        send(LedgerFeedbackFixture.caseEvent("hook-erp", caseId, "ev-" + caseId + "-2", "AWAITING_CREDITOR_DECISION", 2,
                "{\"question\":{\"questionId\":\"q-1\",\"kind\":\"INSTALMENT_PLAN\",\"text\":\"18 avdrag?\"}}"), caseId);

        await().atMost(PIPELINE).until(() -> RECEIVER.delivered("hook-erp", caseId).size() == 2);
        List<LedgerReceiver.Received> got = RECEIVER.received("hook-erp", caseId);
        assertThat(got).hasSize(2).allMatch(LedgerReceiver.Received::signatureValid);
        assertThat(got).extracting(LedgerReceiver.Received::type).containsExactly("REGISTERED", "AWAITING_CREDITOR_DECISION");
        LedgerReceiver.Received question = got.get(1);
        assertThat(LedgerEventsTest.LEDGER_EVENT.validate(question.event())).as("against ledger-event-v1").isEmpty();
        assertThat(question.eventHeader()).isEqualTo("AWAITING_CREDITOR_DECISION");
        assertThat(question.deliveryId()).isEqualTo(question.event().path("deliveryId").asText());
        assertThat(question.event().at("/status/code").asText()).isEqualTo("VENTER");
        assertThat(question.event().at("/status/text").asText()).isEqualTo("Inkasso venter på tilbakemelding fra kreditor");
        assertThat(question.event().at("/question/answer/path").asText()).isEqualTo("/api/v1/claims/" + caseId + "/commands");
        assertThat(question.event().at("/question/answer/body/questionId").asText()).isEqualTo("q-1");
        assertThat(got.get(0).event().at("/status/code").asText()).isEqualTo("INKASSO");
        assertThat(got.get(0).event().at("/status/mapped").asBoolean()).as("REGISTERED: the default").isFalse();
        assertThat(got.get(0).event().at("/outstanding/amount").decimalValue()).isEqualByComparingTo("1234.50");
        assertThat(got.get(0).body()).contains("\"amount\":1234.50");

        // the ledger answered before the gateway recorded it: wait for the record
        await().atMost(PIPELINE).until(() -> store.ofCase(caseId).stream().allMatch(r -> r.state() == LedgerDeliveryStore.State.DELIVERED));
        assertThat(store.ofCase(caseId)).hasSize(2);
        assertThat(counter("gateway.ledger.deliveries", "ledger", "hook-erp", "outcome", "copy-skipped")).isGreaterThanOrEqualTo(1);
        assertThat(counter("gateway.ledger.vocabulary.unmapped", "ledger", "hook-erp", "type", "REGISTERED")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aLedgerDownThenUpGetsEverythingOnceAndEachCaseInOrder() throws Exception {
        String a = LedgerFeedbackFixture.caseId();
        String b = LedgerFeedbackFixture.caseId();
        for (int seq = 1; seq <= 3; seq++) {
            for (String caseId : List.of(a, b)) {
                send(LedgerFeedbackFixture.caseEvent("down-erp", caseId, "ev-" + caseId + "-" + seq, seq == 3 ? "PAYMENT_RECEIVED" : "NOTICE_SENT",
                        seq, "{\"notice\":\"BETALINGSOPPFORDRING\"}"), caseId);
            }
        }
        // nothing listens on the ledger's port: tried and retried, never counted against the messages
        await().atMost(PIPELINE).until(() -> counter("gateway.ledger.deliveries", "ledger", "down-erp", "outcome", "unavailable") >= 3);
        assertThat(store.ofCase(a).get(0).lastError()).contains("unreachable");

        lateReceiver = LedgerReceiver.start(DOWN_PORT, SECRET);

        await().atMost(PIPELINE).until(() -> lateReceiver.delivered("down-erp", a).size() == 3
                && lateReceiver.delivered("down-erp", b).size() == 3);
        await().atMost(PIPELINE).until(() -> Stream.of(a, b).flatMap(c -> store.ofCase(c).stream())
                .allMatch(r -> r.state() == LedgerDeliveryStore.State.DELIVERED));
        for (String caseId : List.of(a, b)) {
            List<LedgerReceiver.Received> got = lateReceiver.received("down-erp", caseId);
            assertThat(got).extracting(r -> r.event().path("agencySequence").asInt()).as("in order, once each").containsExactly(1, 2, 3);
            assertThat(got).extracting(LedgerReceiver.Received::deliveryId).doesNotHaveDuplicates();
            assertThat(store.ofCase(caseId)).allSatisfy(row -> {
                assertThat(row.state()).isEqualTo(LedgerDeliveryStore.State.DELIVERED);
                assertThat(row.attempts()).as("an outage uses up no attempts").isEqualTo(1);
            });
        }
        assertThat(counter("gateway.ledger.retries", "ledger", "down-erp")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRefusedEventIsDeadLetteredTheNextGoesOnAndOperationsCanReplayIt() throws Exception {
        String caseId = LedgerFeedbackFixture.caseId();
        RECEIVER.answer("refusing-erp", r -> "DISPUTED".equals(r.type()) ? 422 : 200);
        send(LedgerFeedbackFixture.caseEvent("refusing-erp", caseId, "ev-" + caseId + "-1", "DISPUTED", 1, "{}"), caseId);
        send(LedgerFeedbackFixture.caseEvent("refusing-erp", caseId, "ev-" + caseId + "-2", "PAUSED", 2, "{}"), caseId);

        await().atMost(PIPELINE).until(() -> RECEIVER.delivered("refusing-erp", caseId).size() == 1);
        assertThat(RECEIVER.delivered("refusing-erp", caseId).get(0).type()).isEqualTo("PAUSED");
        assertThat(RECEIVER.received("refusing-erp", caseId)).hasSize(2).first().satisfies(r -> assertThat(r.answered()).isEqualTo(422));
        LedgerDeliveryStore.Row disputed = store.ofCase(caseId).get(0);
        assertThat(disputed.state()).isEqualTo(LedgerDeliveryStore.State.DEAD);
        assertThat(disputed.lastError()).contains("HTTP 422");

        String dlq = "ledger.refusing-erp.outbound.dlq";
        // dead-lettered in the broker transaction committed after the batch's last delivery
        JsonNode queue = await().atMost(PIPELINE).until(() -> deadLetters(dlq), q -> q.path("count").asLong() == 1);
        assertThat(queue.path("originalQueue").asText()).isEqualTo("ledger.refusing-erp.outbound");
        JsonNode message = queue.at("/messages/0");
        assertThat(message.path("failureReason").asText()).contains("HTTP 422");
        assertThat(ApiJson.mapper().readTree(message.path("body").asText()).path("deliveryId").asText()).isEqualTo(disputed.deliveryId());

        RECEIVER.answer("refusing-erp", r -> 200);
        HttpResponse<String> replayed = api.post("/api/v1/ops/dead-letters/" + dlq + "/" + message.path("messageId").asText() + "/replay",
                OPS_KEY);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);

        await().atMost(PIPELINE).until(() -> RECEIVER.delivered("refusing-erp", caseId).size() == 2);
        assertThat(RECEIVER.delivered("refusing-erp", caseId).get(1).deliveryId()).isEqualTo(disputed.deliveryId());
        await().atMost(PIPELINE).until(() -> store.find(disputed.deliveryId()).orElseThrow().state() == LedgerDeliveryStore.State.DELIVERED);
        assertThat(deadLetters(dlq).path("count").asLong()).isZero();
    }

    @Test
    void anEventThatKeepsFailingIsDeadLetteredAfterMaxAttempts() throws Exception {
        String caseId = LedgerFeedbackFixture.caseId();
        RECEIVER.answer("failing-erp", r -> 500);
        send(LedgerFeedbackFixture.caseEvent("failing-erp", caseId, "ev-" + caseId + "-1", "DEBTOR_CONTACTED", 1, "{}"), caseId);

        await().atMost(PIPELINE).until(() -> store.ofCase(caseId).stream().anyMatch(r -> r.state() == LedgerDeliveryStore.State.DEAD));
        LedgerDeliveryStore.Row row = store.ofCase(caseId).get(0);
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.lastError()).contains("out of attempts (3)").contains("HTTP 500");
        assertThat(RECEIVER.received("failing-erp", caseId)).as("three tries, no fourth").hasSize(3);
        JsonNode queue = await().atMost(PIPELINE).until(() -> deadLetters("ledger.failing-erp.outbound.dlq"),
                q -> q.path("count").asLong() == 1);
        assertThat(queue.at("/messages/0/body").asText()).contains(caseId).contains("\"type\":\"DEBTOR_CONTACTED\"");
    }

    @Test
    void sftpLedgersGetAStatusFileInTheirWords() throws Exception {
        String caseId = LedgerFeedbackFixture.caseId();
        send(LedgerFeedbackFixture.caseEvent("file-erp", caseId, "ev-" + caseId + "-1", "PAYMENT_RECEIVED", 1,
                "{\"amount\":100.00,\"paidOn\":\"2026-03-11\"}"), caseId);
        send(LedgerFeedbackFixture.caseEvent("file-erp", caseId, "ev-" + caseId + "-2", "CLOSED", 2, "{\"closeReason\":\"PAID\"}"), caseId);
        send(LedgerFeedbackFixture.caseEvent("xml-erp", caseId, "ev-" + caseId + "-x", "CLOSED", 3, "{\"closeReason\":\"PAID\"}"), caseId);

        Path csvFolder = sftp.home("demo-ledger").resolve("ledger-status");
        await().atMost(PIPELINE).until(() -> linesFor(csvFolder, ".csv", caseId).size() == 2);
        List<String> rows = linesFor(csvFolder, ".csv", caseId);
        assertThat(rows.get(0)).contains(";PAYMENT_RECEIVED;INNBETALT;Innbetaling mottatt;").contains(";1234.50;NOK;");
        assertThat(rows.get(1)).contains(";CLOSED;BETALT;Betalt;");
        try (Stream<Path> files = Files.list(csvFolder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("renamed from the temporary name").allMatch(n -> n.startsWith("file-erp-status-") && n.endsWith(".csv"));
        }

        Path xmlFolder = sftp.home("demo-ledger").resolve("ledger-status-xml");
        await().atMost(PIPELINE).until(() -> !linesFor(xmlFolder, ".xml", caseId).isEmpty());
        try (Stream<Path> files = Files.list(xmlFolder)) {
            for (Path xml : files.toList()) {
                SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new File("schemas/files/ledger-status-v1.xsd"))
                        .newValidator().validate(new StreamSource(xml.toFile()));
            }
        }
        assertThat(String.join("", linesFor(xmlFolder, ".xml", caseId))).contains("<status code=\"BETALT\" mapped=\"true\">Betalt</status>");
        await().atMost(PIPELINE).until(() -> store.ofCase(caseId).stream().allMatch(r -> r.state() == LedgerDeliveryStore.State.DELIVERED));
    }

    @Test
    void aTopicSubscriberGetsTheEvent() throws Exception {
        String caseId = LedgerFeedbackFixture.caseId();
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer subscriber = session.createConsumer(session.createTopic("ledger.topic-erp.events"), "caseId = '" + caseId + "'");
            connection.start();

            send(LedgerFeedbackFixture.caseEvent("topic-erp", caseId, "ev-" + caseId + "-1", "CLOSED", 1, "{\"closeReason\":\"PAID\"}"), caseId);

            TextMessage got = (TextMessage) subscriber.receive(PIPELINE.toMillis());
            assertThat(got).as("event on the topic").isNotNull();
            assertThat(got.getStringProperty("statusCode")).isEqualTo("BETALT");
            assertThat(got.getStringProperty("type")).isEqualTo("CLOSED");
            JsonNode event = ApiJson.mapper().readTree(got.getText());
            assertThat(LedgerEventsTest.LEDGER_EVENT.validate(event)).isEmpty();
            assertThat(event.at("/details/closeReason").asText()).isEqualTo("PAID");
            assertThat(got.getStringProperty("deliveryId")).isEqualTo(event.path("deliveryId").asText());
        }
    }

    @Test
    void anEligibilityRejectionReachesTheLedgerItCameFrom() throws Exception {
        ObjectNode claim = (ObjectNode) ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
        ObjectNode invoice = (ObjectNode) claim.get("invoice");
        invoice.put("number", "LR-" + UUID.randomUUID());
        invoice.put("issueDate", "2026-01-01");
        invoice.put("dueDate", "2026-01-15");
        claim.putArray("notices").addObject().put("kind", "INKASSOVARSEL").put("sentOn", "2026-02-01").put("deadline", "2026-02-15");
        claim.put("disputed", true);
        HttpResponse<String> created = api.post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String caseId = ApiTestClient.json(created).get("caseId").asText();

        await().atMost(PIPELINE).until(() -> RECEIVER.delivered("demo-erp", caseId).size() == 1);
        LedgerReceiver.Received got = RECEIVER.delivered("demo-erp", caseId).get(0);
        assertThat(got.signatureValid()).isTrue();
        assertThat(LedgerEventsTest.LEDGER_EVENT.validate(got.event())).isEmpty();
        assertThat(got.type()).isEqualTo("ELIGIBILITY_REJECTED");
        assertThat(got.event().at("/status/code").asText()).isEqualTo("AVVIST");
        assertThat(got.event().at("/status/text").asText()).isEqualTo("Avvist for inkasso");
        assertThat(got.event().at("/eligibility/verdict").asText()).isEqualTo("REJECTED");
        assertThat(got.event().at("/eligibility/reasonCodes").toString()).contains("DISPUTED");
        assertThat(got.event().path("invoiceNumber").asText()).isEqualTo(invoice.get("number").asText());
    }

    @Test
    void aSourceSystemWithoutDeliveryIsHeldAndAnUnknownKindSkippedBothKept() throws Exception {
        String caseId = LedgerFeedbackFixture.caseId();
        send(LedgerFeedbackFixture.caseEvent("nowhere-erp", caseId, "ev-" + caseId + "-1", "REGISTERED", 1, "{}"), caseId);
        send(LedgerFeedbackFixture.caseEvent("quiet-erp", caseId, "ev-" + caseId + "-2", "REGISTERED", 2, "{}"), caseId);
        send("{\"schema\":\"ledger.feedback/v1\",\"kind\":\"AGENCY_INVOICE\",\"caseId\":\"" + caseId
                + "\",\"sourceSystem\":\"hook-erp\",\"occurredAt\":\"2026-03-12T10:00:00Z\"}", caseId);

        await().atMost(PIPELINE).until(() -> store.ofCase(caseId).size() == 3);
        List<LedgerDeliveryStore.Row> rows = store.ofCase(caseId);
        assertThat(rows).extracting(LedgerDeliveryStore.Row::state).containsExactly(LedgerDeliveryStore.State.HELD,
                LedgerDeliveryStore.State.HELD, LedgerDeliveryStore.State.SKIPPED);
        assertThat(rows.get(0).lastError()).contains("no delivery configured for source system nowhere-erp");
        assertThat(rows.get(2).feedback()).contains("AGENCY_INVOICE");
        Gauge held = meters.find("gateway.ledger.messages").tag("state", "HELD").gauge();
        assertThat(held).isNotNull();
        assertThat(held.value()).isGreaterThanOrEqualTo(2);
        assertThat(counter("gateway.ledger.deliveries", "ledger", "nowhere-erp", "outcome", "held")).isGreaterThanOrEqualTo(1);
        assertThat(counter("gateway.ledger.deliveries", "ledger", "hook-erp", "outcome", "skipped")).isGreaterThanOrEqualTo(1);
        HttpResponse<String> metrics = api.get("/actuator/prometheus", OPS_KEY);
        assertThat(metrics.body()).containsPattern("gateway_ledger_messages\\{state=\"HELD\"\\} [1-9]");
        assertThat(RECEIVER.received("hook-erp", caseId)).isEmpty();
    }

    // ---- helpers ----

    private void send(String body, String caseId) {
        jms.send("ledger.feedback", session -> {
            TextMessage message = session.createTextMessage(body);
            message.setStringProperty("caseId", caseId);
            message.setStringProperty("JMSXGroupID", caseId);
            return message;
        });
    }

    private JsonNode deadLetters(String queue) throws Exception {
        HttpResponse<String> response = api.get("/api/v1/ops/dead-letters?queue=" + queue, OPS_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiTestClient.json(response).at("/queues/0");
    }

    private double counter(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<String> linesFor(Path folder, String suffix, String caseId) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.contains(caseId)) {
                        lines.add(line);
                    }
                }
            }
        }
        return lines;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
