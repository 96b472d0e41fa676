package no.inkasso.gateway.returnpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
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
import java.util.List;
import java.util.UUID;
import no.inkasso.gateway.ApiTestClient;
import no.inkasso.gateway.ConfigDirs;
import no.inkasso.gateway.MutableClock;
import no.inkasso.gateway.MutableClockConfiguration;
import no.inkasso.gateway.agency.simulator.AgencySimulator;
import no.inkasso.gateway.agency.simulator.LifecyclePlayer;
import no.inkasso.gateway.agency.simulator.SimulatedSftpAgency;
import java.net.ServerSocket;
import no.inkasso.gateway.api.ApiJson;
import com.atlassian.oai.validator.model.Request;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The return path from agencies in the running gateway: cases delivered to the agency simulator over
 * REST and JMS, then its events back by signed webhook and on the agency's events queue — recorded in
 * order, copies recognised, bad input refused with the reason and kept, the case's state, timeline and
 * outstanding amount following them, and one ledger.feedback CASE_EVENT per recorded event.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gateway.routing.delivery.poll-period-ms=50",
        "gateway.return-path.agencies.rest-agency-no.webhook-secret=" + AgencyEventsIT.SECRET,
        "gateway.return-path.agencies.jms-agency-no.events-queue=agency.jms-agency-no.events"})
@ActiveProfiles("test")
@Import(MutableClockConfiguration.class)
class AgencyEventsIT {

    static final String SECRET = "dev-only-it-webhook-secret";
    private static final String LEDGER_KEY = "dev-only-demo-ledger-key";
    private static final String AGENCY_KEY = "dev-only-it-agency-key";
    private static final Duration PIPELINE = Duration.ofSeconds(30);
    private static final JsonSchema FEEDBACK = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of("file:schemas/messages/ledger-feedback-v1.schema.json"));

    /**
     * Creditor 923609016: rest-agency-no (REST, reports by webhook), but rent to file-agency-no (REST, reports in
     * status files on its SFTP server); 974760673: jms-agency-no (JMS both ways).
     */
    static final String AGENCIES = """
            agencies:
              - {id: rest-agency-no, jurisdictions: ["NO"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, refuses-debtor-abroad: true, reminder-required: false,
                 delivery: {transport: rest, endpoint: "${it.simulator.url}/agencies/rest-agency-no/cases", api-key: "%s", timeout-ms: 2000}}
              - {id: jms-agency-no, jurisdictions: ["NO"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, refuses-debtor-abroad: true, reminder-required: false,
                 delivery: {transport: jms, queue: agency.jms-agency-no.cases}}
              - {id: file-agency-no, jurisdictions: ["NO"], currencies: [NOK], min-amount: 100, grace-days: 5, min-days-after-due: 14, refuses-debtor-abroad: true, reminder-required: false,
                 delivery: {transport: rest, endpoint: "${it.simulator.url}/agencies/file-agency-no/cases", api-key: "%s", timeout-ms: 2000}}
            agreements:
              - {creditor: "923609016", agency: file-agency-no, from: 2024-01-01, claim-types: [RENT]}
              - {creditor: "923609016", agency: rest-agency-no, from: 2024-01-01}
              - {creditor: "974760673", agency: jms-agency-no, from: 2024-01-01}
            ledgers:
              - {source-system: demo-erp, reminder-required: false}
            """.formatted(AGENCY_KEY, AGENCY_KEY);

    static final AgencySimulator SIMULATOR;
    static final SimulatedSftpAgency FILE_AGENCY;
    static final Path CONFIG_DIR;
    private static final String SFTP_PASSWORD = "dev-only-it-sftp-password";

    static {
        try {
            SIMULATOR = AgencySimulator.start(0, AGENCY_KEY, null, null);
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            FILE_AGENCY = SIMULATOR.sftp("file-agency-no", Files.createTempDirectory("status-files-it"), port, "file-agency-no",
                    SFTP_PASSWORD);
            Files.createDirectories(FILE_AGENCY.home().resolve("status"));
            CONFIG_DIR = ConfigDirs.withRules("agency-events-it-config");
            Files.writeString(CONFIG_DIR.resolve("agencies.yml"), AGENCIES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void agencies(DynamicPropertyRegistry registry) {
        registry.add("gateway.eligibility.config-dir", CONFIG_DIR::toString);
        registry.add("it.simulator.url", () -> "http://127.0.0.1:" + SIMULATOR.port());
        registry.add("gateway.return-path.agencies.file-agency-no.status-endpoint", () -> "sftp://file-agency-no@127.0.0.1:"
                + FILE_AGENCY.port() + "/status?password=" + SFTP_PASSWORD + "&strictHostKeyChecking=no&useUserKnownHostsFile=false"
                + "&include=.*\\.json&move=.done&moveFailed=.error&sortBy=file:name&delay=200");
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
    JdbcTemplate db;

    private ApiTestClient api;
    private static boolean listening;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiTestClient(port);
        clock.setDate(LocalDate.parse("2026-03-10"));
        jms.setReceiveTimeout(10_000);
        SIMULATOR.reset();
        if (!listening) {
            SIMULATOR.lifecycles().clock(clock);
            SIMULATOR.lifecycles().webhook("rest-agency-no", "http://127.0.0.1:" + port, SECRET);
            SIMULATOR.lifecycles().queue("jms-agency-no", connectionFactory, "agency.jms-agency-no.events");
            SIMULATOR.lifecycles().statusFiles("file-agency-no", FILE_AGENCY.home().resolve("status"));
            SIMULATOR.listen(connectionFactory, "agency.jms-agency-no.cases", "jms-agency-no");
            listening = true;
        }
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Test
    void webhookEventsAreRecordedInTheAgencysOrderAndCopiesAreRecognised() throws Exception {
        String caseId = atAgency("923609016");

        JsonNode first = results(webhook("rest-agency-no", batch(
                event(caseId, 1, "REGISTERED", "{\"agencyCaseNumber\": \"REST-42\"}"),
                event(caseId, 3, "PAYMENT_RECEIVED", "{\"amount\": 1000.00, \"paidOn\": \"2026-03-09\"}"))));
        assertThat(first.get(0).get("outcome").asText()).isEqualTo("RECORDED");
        assertThat(first.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(first.get(1).get("outcome").asText()).isEqualTo("HELD");
        assertThat(first.get(1).get("reason").asText()).contains("held until sequence 2 arrives");
        assertThat(outstanding(caseId)).isEqualByComparingTo("4250.00");

        String notice = event(caseId, 2, "NOTICE_SENT", "{\"notice\": \"BETALINGSOPPFORDRING\"}");
        JsonNode second = results(webhook("rest-agency-no", notice));
        assertThat(second.get(0).get("outcome").asText()).isEqualTo("RECORDED");
        // the held payment followed as soon as its predecessor arrived
        assertThat(outstanding(caseId)).isEqualByComparingTo("3250.00");
        JsonNode c = get(caseId);
        assertThat(eventTypes(c)).containsSubsequence("AGENCY_DELIVERED", "AGENCY_REGISTERED", "AGENCY_NOTICE_SENT",
                "AGENCY_PAYMENT_RECEIVED");
        assertThat(c.get("agencyCaseNumber").asText()).isEqualTo("REST-42");

        JsonNode copy = results(webhook("rest-agency-no", notice));
        assertThat(copy.get(0).get("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(copy.get(0).get("eventId").asText()).isEqualTo(second.get(0).get("eventId").asText());
        JsonNode conflict = results(webhook("rest-agency-no", event(caseId, 2, "DEBTOR_CONTACTED", "{}")));
        assertThat(conflict.get(0).get("status").asInt()).isEqualTo(409);
        assertThat(conflict.get(0).get("code").asText()).isEqualTo("sequence-conflict");
        assertThat(db.queryForObject("select count(*) from agency_event_rejection where case_id = ? and code = 'CONFLICT'",
                Integer.class, caseId)).isEqualTo(1);

        List<JsonNode> feedback = feedback(caseId, 3);
        assertThat(feedback).extracting(m -> m.at("/event/agencySequence").asInt()).containsExactly(1, 2, 3);
        assertThat(feedback).extracting(m -> m.at("/event/type").asText())
                .containsExactly("REGISTERED", "NOTICE_SENT", "PAYMENT_RECEIVED");
        JsonNode payment = feedback.get(2);
        assertThat(payment.get("agencyCaseNumber").asText()).isEqualTo("REST-42");
        assertThat(payment.at("/event/outstanding/amount").decimalValue()).isEqualByComparingTo("3250.00");
        assertThat(payment.at("/event/outstanding/currency").asText()).isEqualTo("NOK");
        assertThat(payment.at("/event/caseState").asText()).isEqualTo("AT_AGENCY");
        assertThat(payment.get("sourceSystem").asText()).isEqualTo("demo-erp");
        assertThat(db.queryForObject("select principal from agency_payment where case_id = ?", BigDecimal.class, caseId))
                .isEqualByComparingTo("1000.00");
        assertThat(noMoreFeedback(caseId)).as("the copy and the conflict announce nothing").isTrue();
    }

    @Test
    void anIllegalEventIsRefusedStoredAndReportedAndTheSequenceMovesOn() throws Exception {
        String caseId = atAgency("923609016");
        webhook("rest-agency-no", event(caseId, 1, "REGISTERED", "{\"agencyCaseNumber\": \"REST-43\"}"));

        JsonNode refused = results(webhook("rest-agency-no", batch(
                event(caseId, 2, "RESUMED", "{}"),
                event(caseId, 3, "PAYMENT_RECEIVED", "{\"amount\": 5000.00, \"paidOn\": \"2026-03-09\"}"),
                event(caseId, 4, "AWAITING_CREDITOR_DECISION",
                        "{\"question\": {\"questionId\": \"q-43\", \"kind\": \"LEGAL_STEP\", \"text\": \"Send to the conciliation board?\"}}"))));
        assertThat(refused.get(0).get("code").asText()).isEqualTo("illegal-transition");
        assertThat(refused.get(0).get("reason").asText()).contains("RESUMED is not allowed on a AT_AGENCY case");
        assertThat(refused.get(1).get("reason").asText()).contains("5000.00 towards the principal is more than the 4250.00 outstanding");
        assertThat(refused.get(2).get("outcome").asText()).isEqualTo("RECORDED");
        JsonNode c = get(caseId);
        assertThat(c.get("state").asText()).isEqualTo("AWAITING_CREDITOR");
        assertThat(eventTypes(c)).containsSubsequence("AGENCY_EVENT_REFUSED", "AGENCY_EVENT_REFUSED", "AGENCY_AWAITING_CREDITOR_DECISION");
        assertThat(db.queryForList("select status from agency_event where case_id = ? order by agency_sequence", String.class, caseId))
                .containsExactly("APPLIED", "ILLEGAL", "ILLEGAL", "APPLIED");
        assertThat(api.get("/actuator/prometheus", "dev-only-operations-key").body())
                .containsPattern("gateway_agency_events_illegal_total\\{agency=\"rest-agency-no\",type=\"RESUMED\"} [1-9]");

        // the creditor answers the agency's question through the commands API, once
        assertThat(command(caseId, "{\"kind\":\"ANSWER\",\"questionId\":\"q-43\",\"answer\":\"APPROVE\"}").statusCode()).isEqualTo(202);
        HttpResponse<String> again = command(caseId, "{\"kind\":\"ANSWER\",\"questionId\":\"q-43\",\"answer\":\"DECLINE\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ApiTestClient.json(again).get("detail").asText()).contains("answered already");
        HttpResponse<String> unknown = command(caseId, "{\"kind\":\"ANSWER\",\"questionId\":\"q-nope\",\"answer\":\"APPROVE\"}");
        assertThat(ApiTestClient.json(unknown).get("detail").asText()).contains("has no question q-nope");
        assertThat(feedback(caseId, 2)).extracting(m -> m.at("/event/type").asText())
                .containsExactly("REGISTERED", "AWAITING_CREDITOR_DECISION");
        assertThat(noMoreFeedback(caseId)).as("refused events announce nothing").isTrue();
    }

    @Test
    void badSignaturesStaleTimestampsAndMalformedBodiesAreRefusedWithAProblem() throws Exception {
        String caseId = atAgency("923609016");
        byte[] body = event(caseId, 1, "REGISTERED", "{\"agencyCaseNumber\": \"REST-44\"}").getBytes(StandardCharsets.UTF_8);
        long now = clock.instant().getEpochSecond();

        HttpResponse<String> wrongSecret = post("rest-agency-no", body, now, WebhookSignature.sign("dev-only-wrong-secret", now, body));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(ApiTestClient.json(wrongSecret).get("detail").asText()).contains("signature does not match");
        long stale = now - 301;
        HttpResponse<String> old = post("rest-agency-no", body, stale, WebhookSignature.sign(SECRET, stale, body));
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(ApiTestClient.json(old).get("detail").asText()).contains("more than 300 s");
        HttpResponse<String> otherAgency = post("jms-agency-no", body, now, WebhookSignature.sign(SECRET, now, body));
        assertThat(otherAgency.statusCode()).as("an agency without a webhook secret").isEqualTo(401);
        HttpResponse<String> unsigned = ApiTestClient.checked("/api/v1/agencies/rest-agency-no/events", Request.Method.POST,
                api.http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/agencies/rest-agency-no/events"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString()));
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(get(caseId).get("agencyCaseNumber").asText()).as("nothing recorded").isNotEqualTo("REST-44");

        HttpResponse<String> malformed = webhook("rest-agency-no", "{\"events\": \"all of them\"");
        assertThat(malformed.statusCode()).isEqualTo(400);
        JsonNode problem = ApiTestClient.json(malformed);
        assertThat(problem.get("type").asText()).endsWith("/malformed-events");
        assertThat(db.queryForObject("select payload from agency_event_rejection where rejection_id = ?", String.class,
                problem.get("rejectionId").asText())).isEqualTo("{\"events\": \"all of them\"");

        String nobody = UUID.randomUUID().toString();
        JsonNode mixed = results(webhook("rest-agency-no", batch(
                event(nobody, 1, "REGISTERED", "{\"agencyCaseNumber\": \"X-1\"}"),
                "{\"agencyCaseNumber\": \"NO-SUCH-NUMBER\", \"sequence\": 1, \"type\": \"PAUSED\", \"occurredAt\": \"2026-03-09T10:00:00Z\"}",
                event(caseId, 1, "EATEN_BY_DOG", "{}"),
                event(caseId, 1, "REGISTERED", "{\"agencyCaseNumber\": \"REST-44\"}"))));
        assertThat(mixed.get(0).get("status").asInt()).isEqualTo(422);
        assertThat(mixed.get(0).get("code").asText()).isEqualTo("unknown-case");
        assertThat(mixed.get(1).get("code").asText()).isEqualTo("unknown-case");
        assertThat(mixed.get(1).get("reason").asText()).contains("NO-SUCH-NUMBER");
        assertThat(mixed.get(2).get("code").asText()).isEqualTo("invalid-event");
        assertThat(mixed.get(3).get("outcome").asText()).isEqualTo("RECORDED");
        assertThat(db.queryForObject("select count(*) from agency_event_rejection where case_id = ?", Integer.class, nobody))
                .isEqualTo(1);
        // a case of another agency is no case of this one
        String jmsCase = atAgency("974760673");
        JsonNode foreign = results(webhook("rest-agency-no", event(jmsCase, 9, "PAUSED", "{}")));
        assertThat(foreign.get(0).get("code").asText()).isEqualTo("unknown-case");
    }

    @Test
    void aJmsAgencyRegistersItsCasesAndReportsOnItsQueueAndAPoisonMessageIsDeadLettered() throws Exception {
        String caseId = atAgency("974760673");
        String number = await().atMost(PIPELINE).until(() -> get(caseId).path("agencyCaseNumber").asText(null), n -> n != null);
        assertThat(number).isEqualTo(SIMULATOR.agency("jms-agency-no").caseNumbers().get(caseId));

        play("jms-agency-no", caseId, "PAID_IN_FULL");
        awaitState(caseId, "CLOSED_PAID");
        assertThat(outstanding(caseId)).isEqualByComparingTo("0.00");
        assertThat(feedback(caseId, 5)).extracting(m -> m.at("/event/type").asText())
                .containsExactly("REGISTERED", "NOTICE_SENT", "PAYMENT_RECEIVED", "SETTLEMENT", "CLOSED");

        jms.send("agency.jms-agency-no.events", s -> s.createTextMessage("this is not JSON"));
        Message dead = jms.receive("agency.jms-agency-no.events.dlq");
        assertThat(dead).isNotNull();
        assertThat(((TextMessage) dead).getText()).isEqualTo("this is not JSON");
        assertThat(dead.getStringProperty("gatewayFailureReason")).contains("not agency events: not JSON");
        assertThat(db.queryForObject("select count(*) from agency_event_rejection where agency_id = 'jms-agency-no' and code = 'MALFORMED'",
                Integer.class)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anSftpAgencysStatusFilesAreTakenOnceAndAFileThatIsNotEventsIsMovedAside() throws Exception {
        String caseId = atAgency("923609016", "RENT");
        assertThat(get(caseId).get("agency").asText()).isEqualTo("file-agency-no");

        play("file-agency-no", caseId, "PAID_IN_FULL");

        awaitState(caseId, "CLOSED_PAID");
        assertThat(outstanding(caseId)).isEqualByComparingTo("0.00");
        assertThat(feedback(caseId, 5)).extracting(m -> m.at("/event/type").asText())
                .containsExactly("REGISTERED", "NOTICE_SENT", "PAYMENT_RECEIVED", "SETTLEMENT", "CLOSED");
        Path status = FILE_AGENCY.home().resolve("status");
        await().atMost(PIPELINE).until(() -> Files.exists(status.resolve(".done").resolve("events-" + caseId + "-0001.json")));
        assertThat(db.queryForList("select distinct channel from agency_event where case_id = ?", String.class, caseId))
                .containsExactly("SFTP");

        Files.writeString(status.resolve("broken.json"), "<status>not json</status>");
        await().atMost(PIPELINE).until(() -> Files.exists(status.resolve(".error").resolve("broken.json")));
        assertThat(db.queryForObject("select reason from agency_event_rejection where agency_id = 'file-agency-no' and channel = 'SFTP'"
                + " and code = 'MALFORMED'", String.class)).contains("not JSON");
        assertThat(noMoreFeedback(caseId)).isTrue();
    }

    @ParameterizedTest(name = "{0} ends {1}")
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
    void simulatedLifecyclesReachTheirStateAndTheMoneyReconcilesToTheOere(String lifecycle, String finalState, BigDecimal left)
            throws Exception {
        String caseId = atAgency("923609016");

        JsonNode played = play("rest-agency-no", caseId, lifecycle);
        assertThat(played.get("gatewayStatus").asInt()).isEqualTo(200);
        for (JsonNode r : played.at("/gatewayAnswer/results")) {
            assertThat(r.get("outcome").asText()).as(r.toString()).isEqualTo("RECORDED");
        }
        JsonNode c = awaitState(caseId, finalState);
        int events = played.get("events").asInt();
        assertThat(eventTypes(c).stream().filter(t -> t.startsWith("AGENCY_") && !t.startsWith("AGENCY_DELIVER")).count())
                .isEqualTo(events);
        assertThat(outstanding(caseId)).isEqualByComparingTo(left);

        List<JsonNode> feedback = feedback(caseId, events);
        assertThat(feedback.get(events - 1).at("/event/caseState").asText()).isEqualTo(finalState);
        assertThat(feedback.get(events - 1).at("/event/outstanding/amount").decimalValue()).isEqualByComparingTo(left);
        BigDecimal principalPaid = BigDecimal.ZERO;
        BigDecimal before = new BigDecimal("4250.00");
        for (JsonNode m : feedback) {
            BigDecimal after = m.at("/event/outstanding/amount").decimalValue();
            if (m.at("/event/type").asText().equals("PAYMENT_RECEIVED")) {
                BigDecimal principal = m.at("/event/details/principal").decimalValue();
                assertThat(before.subtract(after)).as("outstanding follows the payment's principal").isEqualByComparingTo(principal);
                principalPaid = principalPaid.add(principal);
            }
            before = after;
        }
        var settlements = db.queryForList("select paid, to_creditor, interest, fees, vat from agency_settlement where case_id = ?", caseId);
        for (var s : settlements) {
            assertThat(((BigDecimal) s.get("to_creditor")).add((BigDecimal) s.get("fees")).add((BigDecimal) s.get("vat")))
                    .isEqualByComparingTo((BigDecimal) s.get("paid"));
        }
        BigDecimal paidIn = db.queryForObject("select coalesce(sum(amount), 0) from agency_payment where case_id = ?", BigDecimal.class, caseId);
        if (finalState.equals("CLOSED_PAID")) {
            assertThat(principalPaid).isEqualByComparingTo("4250.00");
            assertThat(settlements).hasSize(1);
            BigDecimal total = new BigDecimal("4250.00").add(LifecyclePlayer.INTEREST).add(LifecyclePlayer.FEES);
            assertThat(paidIn).as("what the debtor paid").isEqualByComparingTo(total);
            assertThat((BigDecimal) settlements.get(0).get("paid")).isEqualByComparingTo(total);
            assertThat((BigDecimal) settlements.get(0).get("to_creditor")).isEqualByComparingTo(
                    new BigDecimal("4250.00").add(LifecyclePlayer.INTEREST));
        }
        if (lifecycle.equals("WITHDRAWN_WITH_FEE")) {
            assertThat((BigDecimal) settlements.get(0).get("to_creditor")).isEqualByComparingTo("-750.00");
        }
    }

    // ---- helpers ----

    @Test
    void theCreditorsReportsShowTheCaseItsPaymentsAndTheWeeksRemittanceInJsonAndCsv() throws Exception {
        String caseId = atAgency("923609016");
        results(webhook("rest-agency-no", batch(
                event(caseId, 1, "REGISTERED", "{\"agencyCaseNumber\": \"REST-R1\"}"),
                event(caseId, 2, "PAYMENT_RECEIVED", "{\"amount\": 1000.00, \"principal\": 800.00, \"paidOn\": \"2026-03-09\"}"),
                event(caseId, 3, "SETTLEMENT",
                        "{\"remittance\": {\"paid\": 1000.00, \"toCreditor\": 850.00, \"interest\": 50.00, \"fees\": 120.00, \"vat\": 30.00, \"currency\": \"NOK\"}}"))));
        String creditor = "?creditor=923609016";

        JsonNode open = ApiTestClient.json(api.get("/api/v1/reports/open-cases" + creditor
                + "&invoiceDateFrom=2026-01-01&invoiceDateTo=2026-01-31", LEDGER_KEY));
        JsonNode remittance = ApiTestClient.json(api.get("/api/v1/reports/remittance" + creditor + "&week=2026-W11", LEDGER_KEY));
        JsonNode status = ApiTestClient.json(api.get("/api/v1/reports/status" + creditor + "&month=2026-03", LEDGER_KEY));
        HttpResponse<String> csv = api.get("/api/v1/reports/remittance" + creditor + "&week=2026-W11&format=csv", LEDGER_KEY);
        JsonNode timeline = ApiTestClient.json(api.get("/api/v1/claims/" + caseId + "/timeline", LEDGER_KEY));

        JsonNode openRow = row(open, caseId);
        assertThat(openRow.get("state").asText()).isEqualTo("AT_AGENCY");
        assertThat(openRow.get("invoiceDate").asText()).isEqualTo("2026-01-01");
        assertThat(openRow.get("outstandingAmount").decimalValue()).isEqualByComparingTo("3450.00");
        assertThat(open.at("/summary/cases").asInt()).isEqualTo(open.get("rows").size());
        JsonNode settled = row(remittance, caseId);
        assertThat(settled.get("settledOn").asText()).isEqualTo("2026-03-09");
        assertThat(settled.get("paid").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(settled.get("toCreditor").decimalValue()).isEqualByComparingTo("850.00");
        assertThat(settled.get("fees").decimalValue().add(settled.get("vat").decimalValue()).add(settled.get("toCreditor").decimalValue()))
                .isEqualByComparingTo(settled.get("paid").decimalValue());
        BigDecimal toCreditor = BigDecimal.ZERO;
        for (JsonNode r : remittance.get("rows")) {
            toCreditor = toCreditor.add(r.get("toCreditor").decimalValue());
        }
        assertThat(remittance.at("/summary/totalsByCurrency/NOK/toCreditor").decimalValue()).isEqualByComparingTo(toCreditor);
        JsonNode month = row(status, caseId);
        assertThat(month.get("paidToAgencyInMonth").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(month.get("toCreditorInMonth").decimalValue()).isEqualByComparingTo("850.00");
        assertThat(month.get("lastEventType").asText()).isEqualTo("AGENCY_SETTLEMENT");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("caseId;invoiceNumber;agencyId;settledOn;currency;paid;toCreditor;interest;fees;vat");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(caseId + ";").endsWith(";rest-agency-no;2026-03-09;NOK;1000.00;850.00;50.00;120.00;30.00"));
        assertThat(timeline.get("entries")).extracting(e -> e.get("source").asText() + ":" + e.get("type").asText())
                .containsSubsequence("CASE:CLAIM_RECEIVED", "AGENCY:REGISTERED", "AGENCY:PAYMENT_RECEIVED", "AGENCY:SETTLEMENT");

        // another ledger's client does not see this creditor; bad parameters are named
        assertThat(api.get("/api/v1/reports/remittance" + creditor + "&week=2026-W11", "dev-only-other-ledger-key").statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/claims/" + caseId + "/timeline", "dev-only-other-ledger-key").statusCode()).isEqualTo(404);
        HttpResponse<String> bad = api.get("/api/v1/reports/status" + creditor + "&month=2026-13", LEDGER_KEY);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiTestClient.json(bad).at("/errors/0/pointer").asText()).isEqualTo("/month");
        assertThat(api.get("/api/v1/reports/remittance" + creditor + "&week=2026-W54", LEDGER_KEY).statusCode()).isEqualTo(400);
    }

    private static JsonNode row(JsonNode report, String caseId) {
        for (JsonNode r : report.get("rows")) {
            if (caseId.equals(r.get("caseId").asText())) {
                return r;
            }
        }
        throw new AssertionError("no row for case " + caseId + " in " + report);
    }

    private String atAgency(String creditor) throws Exception {
        return atAgency(creditor, "ORDINARY");
    }

    private String atAgency(String creditor, String claimType) throws Exception {
        ObjectNode claim = (ObjectNode) ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
        ((ObjectNode) claim.get("creditor")).put("orgNumber", creditor);
        claim.put("claimType", claimType);
        ObjectNode invoice = (ObjectNode) claim.get("invoice");
        invoice.put("number", "RP-" + UUID.randomUUID());
        invoice.put("issueDate", "2026-01-01");
        invoice.put("dueDate", "2026-01-15");
        ArrayNode notices = claim.putArray("notices");
        notices.addObject().put("kind", "INKASSOVARSEL").put("sentOn", "2026-02-01").put("deadline", "2026-02-15");
        HttpResponse<String> created = api.post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String caseId = ApiTestClient.json(created).get("caseId").asText();
        awaitState(caseId, "AT_AGENCY");
        return caseId;
    }

    private static String event(String caseId, int sequence, String type, String details) {
        return "{\"caseId\": \"" + caseId + "\", \"sequence\": " + sequence + ", \"type\": \"" + type
                + "\", \"occurredAt\": \"2026-03-09T10:00:00+01:00\", \"details\": " + details + "}";
    }

    private static String batch(String... events) {
        return "{\"events\": [" + String.join(", ", events) + "]}";
    }

    private HttpResponse<String> webhook(String agencyId, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = clock.instant().getEpochSecond();
        return post(agencyId, bytes, now, WebhookSignature.sign(SECRET, now, bytes));
    }

    private HttpResponse<String> post(String agencyId, byte[] body, long timestamp, String signature) throws Exception {
        String path = "/api/v1/agencies/" + agencyId + "/events";
        return ApiTestClient.checked(path, Request.Method.POST, api.http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static JsonNode results(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiTestClient.json(response).get("results");
    }

    private JsonNode play(String agencyId, String caseId, String lifecycle) throws Exception {
        HttpResponse<String> answer = api.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SIMULATOR.port()
                        + "/control/agencies/" + agencyId + "/cases/" + caseId + "/play"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"lifecycle\":\"" + lifecycle + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ApiJson.mapper().readTree(answer.body());
    }

    private HttpResponse<String> command(String caseId, String body) throws Exception {
        return api.post("/api/v1/claims/" + caseId + "/commands", LEDGER_KEY, "application/json", body, null);
    }

    /** The next {@code count} ledger.feedback messages of this case (no others are read), each checked against its schema. */
    private List<JsonNode> feedback(String caseId, int count) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TextMessage m = (TextMessage) jms.receiveSelected("ledger.feedback", "caseId = '" + caseId + "'");
            assertThat(m).as("ledger.feedback message %s of %s for case %s", i + 1, count, caseId).isNotNull();
            JsonNode json = ApiJson.mapper().readTree(m.getText());
            assertThat(FEEDBACK.validate(json)).as(m.getText()).isEmpty();
            assertThat(json.get("kind").asText()).isEqualTo("CASE_EVENT");
            assertThat(m.getStringProperty("gatewayMessageId")).isEqualTo("ledger.feedback:event:" + json.at("/event/eventId").asText());
            messages.add(json);
        }
        return messages;
    }

    private boolean noMoreFeedback(String caseId) {
        long timeout = jms.getReceiveTimeout();
        jms.setReceiveTimeout(500);
        try {
            return jms.receiveSelected("ledger.feedback", "caseId = '" + caseId + "'") == null;
        } finally {
            jms.setReceiveTimeout(timeout);
        }
    }

    private BigDecimal outstanding(String caseId) {
        return db.queryForObject("select outstanding_amount from claim_case where case_id = ?", BigDecimal.class, caseId);
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

    private static List<String> eventTypes(JsonNode c) {
        List<String> types = new ArrayList<>();
        c.get("events").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}
