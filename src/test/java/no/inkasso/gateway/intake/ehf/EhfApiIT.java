package no.inkasso.gateway.intake.ehf;

import static no.inkasso.gateway.intake.ehf.EhfDocuments.fromCreditor;
import static no.inkasso.gateway.intake.ehf.EhfDocuments.fullCredit;
import static no.inkasso.gateway.intake.ehf.EhfDocuments.invoice;
import static no.inkasso.gateway.intake.ehf.EhfDocuments.partialCredit;
import static no.inkasso.gateway.intake.ehf.EhfDocuments.withBadVatId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import no.inkasso.gateway.ApiTestClient;
import no.inkasso.gateway.api.ApiJson;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * POST /api/v1/ehf on the whole application (embedded broker and database, the compiled PEPPOL
 * rules): invoices become cases, credit notes credit them or wait for them, every kind of bad
 * document is refused with its reason and kept; every answer is checked against the OpenAPI document.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "gateway.eligibility.consume-received=false")
@AutoConfigureObservability
@ActiveProfiles("test")
class EhfApiIT {

    private static final String LEDGER_KEY = "dev-only-demo-ledger-key";
    private static final String OTHER_LEDGER_KEY = "dev-only-other-ledger-key";
    private static final String XML = "application/xml";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private HttpResponse<String> post(String document) throws Exception {
        return post(document, LEDGER_KEY);
    }

    private HttpResponse<String> post(String document, String key) throws Exception {
        return new ApiTestClient(port).post("/api/v1/ehf", key, XML, document, null);
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return ApiTestClient.json(response);
    }

    private JsonNode getCase(String caseId) throws Exception {
        HttpResponse<String> answer = new ApiTestClient(port).get("/api/v1/claims/" + caseId, LEDGER_KEY);
        assertThat(answer.statusCode()).isEqualTo(200);
        return json(answer);
    }

    private int cases(String invoiceNumber) {
        return jdbc.queryForObject("select count(*) from claim_case where invoice_number = ?", Integer.class, invoiceNumber);
    }

    private String newCase(String invoiceNumber) throws Exception {
        HttpResponse<String> created = post(invoice(invoiceNumber));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("caseId").asText();
    }

    @Test
    void anInvoiceBecomesACaseAndTheSameInvoiceAgainIsThatCase() throws Exception {
        String number = "E-" + run;

        HttpResponse<String> created = post(invoice(number));
        HttpResponse<String> again = post(invoice(number));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json(created);
        String caseId = body.get("caseId").asText();
        assertThat(body.get("documentType").asText()).isEqualTo("INVOICE");
        assertThat(body.get("invoiceNumber").asText()).isEqualTo(number);
        assertThat(body.get("state").asText()).isEqualTo("RECEIVED");
        assertThat(body.get("duplicate").asBoolean()).isFalse();
        assertThat(body.has("warnings")).isFalse();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/claims/" + caseId);
        JsonNode stored = getCase(caseId);
        assertThat(stored.get("receivedVia").asText()).isEqualTo("REST");
        assertThat(stored.at("/claim/source/system").asText()).isEqualTo("demo-erp");
        assertThat(stored.at("/claim/creditor/orgNumber").asText()).isEqualTo("923609016");
        assertThat(stored.at("/claim/invoice/outstandingAmount").decimalValue()).isEqualByComparingTo("4250.00");
        assertThat(stored.at("/claim/invoice/kid").asText()).isEqualTo("1002003000");
        assertThat(stored.at("/claim/debtor/name").asText()).isEqualTo("Kjøper Handel AS");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("caseId").asText()).isEqualTo(caseId);
        assertThat(json(again).get("duplicate").asBoolean()).isTrue();
        assertThat(cases(number)).isEqualTo(1);
    }

    @Test
    void theRulesAreReportedReadyOnceCompiled() throws Exception {
        JsonNode health = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> json(new ApiTestClient(port).get("/actuator/health/readiness", null)),
                        h -> "UP".equals(h.at("/components/ehfRules/status").asText()));

        assertThat(health.at("/components/ehfRules/details/rules").asText()).isEqualTo("compiled");
    }

    @Test
    void anInvoiceInAnSbdhIsTheSameInvoice() throws Exception {
        String number = "S-" + run;

        HttpResponse<String> created = post(EhfDocuments.inSbdh(invoice(number), "Invoice"));
        HttpResponse<String> bareAfterwards = post(invoice(number));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).has("warnings")).isFalse();
        assertThat(bareAfterwards.statusCode()).isEqualTo(200);
        assertThat(json(bareAfterwards).get("caseId").asText()).isEqualTo(json(created).get("caseId").asText());
    }

    @Test
    void aPartialCreditNoteReducesTheCaseAndIsTakenOnce() throws Exception {
        String number = "P-" + run;
        String caseId = newCase(number);

        HttpResponse<String> credited = post(partialCredit("CN-" + number, number));
        HttpResponse<String> again = post(partialCredit("CN-" + number, number));

        assertThat(credited.statusCode()).as(credited.body()).isEqualTo(201);
        JsonNode answer = json(credited);
        assertThat(answer.get("documentType").asText()).isEqualTo("CREDIT_NOTE");
        assertThat(answer.get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(answer.get("caseId").asText()).isEqualTo(caseId);
        assertThat(answer.get("caseState").asText()).isEqualTo("RECEIVED");
        assertThat(answer.get("amount").decimalValue()).isEqualByComparingTo("2125.00");
        assertThat(answer.get("outstandingAmount").decimalValue()).isEqualByComparingTo("2125.00");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("duplicate").asBoolean()).isTrue();
        JsonNode stored = getCase(caseId);
        assertThat(stored.at("/claim/invoice/outstandingAmount").decimalValue()).isEqualByComparingTo("2125.00");
        assertThat(stored.at("/claim/invoice/originalAmount").decimalValue()).isEqualByComparingTo("4250.00");
        assertThat(stored.at("/claim/payments")).hasSize(1);
        assertThat(stored.at("/claim/payments/0/kind").asText()).isEqualTo("CREDIT_NOTE");
        assertThat(stored.at("/claim/payments/0/amount").decimalValue()).isEqualByComparingTo("2125.00");
        assertThat(stored.get("events")).extracting(e -> e.get("type").asText()).containsExactly("CLAIM_RECEIVED", "CREDIT_NOTE_APPLIED");
        assertThat(stored.at("/events/1/detail/outstandingAfter").decimalValue()).isEqualByComparingTo("2125.00");
        // the same invoice sent again after the credit is still the same case, not a conflict
        assertThat(post(invoice(number)).statusCode()).isEqualTo(200);
    }

    @Test
    void aFullCreditNoteClosesTheCaseAsCredited() throws Exception {
        String number = "F-" + run;
        String caseId = newCase(number);

        JsonNode answer = json(post(fullCredit("CN-" + number, number)));

        assertThat(answer.get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(answer.get("caseState").asText()).isEqualTo("CREDITED");
        assertThat(answer.get("outstandingAmount").decimalValue()).isEqualByComparingTo("0");
        JsonNode stored = getCase(caseId);
        assertThat(stored.get("state").asText()).isEqualTo("CREDITED");
        assertThat(stored.at("/events/1/detail/closed").asBoolean()).isTrue();
        // a closed case is not decided again
        assertThat(new ApiTestClient(port).post("/api/v1/claims/" + caseId + "/recheck", LEDGER_KEY).statusCode()).isEqualTo(409);
    }

    @Test
    void aCreditNoteForAnInvoiceNotYetReceivedIsHeldAndAppliedWhenTheInvoiceArrivesByAnyChannel() throws Exception {
        String number = "H-" + run;

        HttpResponse<String> held = post(fullCredit("CN-" + number, number));
        // the invoice arrives later, as a JSON claim of the same creditor and invoice number
        ObjectNode claim = (ObjectNode) ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
        ((ObjectNode) claim.get("invoice")).put("number", number);
        HttpResponse<String> arrived = new ApiTestClient(port).post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null);

        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        assertThat(json(held).get("outcome").asText()).isEqualTo("HELD");
        assertThat(json(held).has("caseId")).isFalse();
        assertThat(arrived.statusCode()).isEqualTo(201);
        JsonNode stored = getCase(json(arrived).get("caseId").asText());
        assertThat(stored.get("state").asText()).isEqualTo("CREDITED");
        assertThat(stored.get("events")).extracting(e -> e.get("type").asText()).containsExactly("CLAIM_RECEIVED", "CREDIT_NOTE_APPLIED");
        assertThat(jdbc.queryForObject("select state from credit_note where credit_note_number = ?", String.class, "CN-" + number))
                .isEqualTo("APPLIED");
        JsonNode again = json(post(fullCredit("CN-" + number, number)));
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(again.get("outcome").asText()).isEqualTo("APPLIED");
    }

    @Test
    void aCreditOnADecidedCaseDecidesItAgain() throws Exception {
        String number = "R-" + run;
        String caseId = newCase(number);
        HttpResponse<String> decided = new ApiTestClient(port).post("/api/v1/claims/" + caseId + "/recheck", LEDGER_KEY);
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(json(decided).get("state").asText()).isIn("WAITING", "REJECTED", "MANUAL_REVIEW");

        post(partialCredit("CN-" + number, number));

        JsonNode stored = getCase(caseId);
        List<String> triggers = new ArrayList<>();
        stored.get("events").forEach(e -> triggers.add(e.get("type").asText() + " " + e.at("/detail/trigger").asText()));
        assertThat(triggers).containsExactly("CLAIM_RECEIVED ", "ELIGIBILITY_DECIDED RECHECK_REQUEST", "CREDIT_NOTE_APPLIED ",
                "ELIGIBILITY_DECIDED CREDIT_NOTE");
    }

    @Test
    void aCreditOnACaseHandedToAgencyRoutingLeavesAPendingCommand() throws Exception {
        String number = "A-" + run;
        String caseId = newCase(number);
        // as if eligibility had decided ELIGIBLE and handed it on (cases.eligible)
        jdbc.update("update claim_case set state = 'ELIGIBLE' where case_id = ?", caseId);

        JsonNode answer = json(post(partialCredit("CN-" + number, number)));

        assertThat(answer.get("caseState").asText()).isEqualTo("ELIGIBLE");
        assertThat(jdbc.queryForList("select kind || ' ' || state from case_command where case_id = ?", String.class, caseId))
                .containsExactly("CREDIT PENDING");
        assertThat(getCase(caseId).at("/events/1/detail/pendingCommandId").asText()).isNotBlank();
    }

    @Test
    void theSchematronModeIsTheSellersEnforceRejectsWarnAccepts() throws Exception {
        HttpResponse<String> enforced = post(withBadVatId(invoice("V-" + run)));
        HttpResponse<String> warned = post(withBadVatId(fromCreditor(invoice("W-" + run), EhfDocuments.WARN_CREDITOR)));

        assertThat(enforced.statusCode()).isEqualTo(422);
        JsonNode problem = json(enforced);
        assertThat(problem.get("reason").asText()).isEqualTo("SCHEMATRON_FATAL");
        assertThat(problem.get("detail").asText()).contains("NO-R-001");
        assertThat(problem.get("errors")).anySatisfy(e -> assertThat(e.get("code").asText()).isEqualTo("NO-R-001"));
        assertThat(cases("V-" + run)).isZero();
        assertThat(warned.statusCode()).as(warned.body()).isEqualTo(201);
        assertThat(json(warned).get("warnings")).anySatisfy(w -> {
            assertThat(w.get("ruleId").asText()).isEqualTo("NO-R-001");
            assertThat(w.get("severity").asText()).isEqualTo("FATAL");
        });
    }

    @Test
    void aLedgerCannotSendAnotherCreditorsInvoice() throws Exception {
        HttpResponse<String> refused = post(invoice("O-" + run), OTHER_LEDGER_KEY);

        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode problem = json(refused);
        assertThat(problem.get("detail").asText()).contains("923609016");
        assertThat(problem.get("reason").asText()).isEqualTo("FORBIDDEN");
        assertThat(new ApiTestClient(port).get("/api/v1/rejections/" + problem.get("rejectionId").asText(), OTHER_LEDGER_KEY).statusCode())
                .isEqualTo(200);
        assertThat(cases("O-" + run)).isZero();
    }

    @Test
    void aBodyThatIsNotXmlByItsContentTypeIsRefused() throws Exception {
        HttpResponse<String> refused = new ApiTestClient(port).post("/api/v1/ehf", LEDGER_KEY, "application/json", "{}", null);

        assertThat(refused.statusCode()).isEqualTo(415);
        assertThat(json(refused).get("rejectionId").asText()).isNotBlank();
    }

    static Stream<Arguments> badDocuments() {
        String invoice = invoice("BAD-1");
        String large = invoice.replace("<cbc:BuyerReference>", "<!--" + "x".repeat(300_000) + "--><cbc:BuyerReference>");
        return Stream.of(
                Arguments.of("not XML", "this is not XML", 422, "NOT_XML"),
                Arguments.of("XXE", "<?xml version=\"1.0\"?><!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                        + invoice.substring(invoice.indexOf("<Invoice")).replace("<cbc:BuyerReference>4711", "<cbc:BuyerReference>&xxe;"),
                        422, "DTD_FORBIDDEN"),
                Arguments.of("DTD", "<?xml version=\"1.0\"?><!DOCTYPE Invoice SYSTEM \"http://127.0.0.1:9/invoice.dtd\">"
                        + invoice.substring(invoice.indexOf("<Invoice")), 422, "DTD_FORBIDDEN"),
                Arguments.of("billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                        + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><lolz>&lol3;</lolz>", 422, "DTD_FORBIDDEN"),
                Arguments.of("oversize", large, 413, "TOO_LARGE"),
                Arguments.of("wrong namespace", invoice.replace("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
                        "urn:oasis:names:specification:ubl:schema:xsd:Invoice-1"), 422, "WRONG_NAMESPACE"),
                Arguments.of("schema-invalid", invoice.replace("<cbc:IssueDate>2026-10-01</cbc:IssueDate>",
                        "<cbc:IssueDate>the first of October</cbc:IssueDate>"), 422, "SCHEMA_INVALID"),
                Arguments.of("schematron fatal", withBadVatId(invoice), 422, "SCHEMATRON_FATAL"),
                Arguments.of("no due date", invoice.replace("<cbc:DueDate>2026-10-15</cbc:DueDate>", ""), 422, "MISSING_DUE_DATE"),
                Arguments.of("EHF 2.0", invoice.replace("urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0",
                        "urn:www.cenbii.eu:transaction:biitrns010:ver2.0:extended:urn:www.peppol.eu:bis:peppol5a:ver2.0:extended:"
                                + "urn:www.difi.no:ehf:faktura:ver2.0"), 422, "UNSUPPORTED_CUSTOMIZATION"),
                Arguments.of("credit note naming no invoice", partialCredit("BAD-CN-1", "BAD-1")
                        .replaceAll("(?s)<cac:BillingReference>.*</cac:BillingReference>", ""), 422, "CREDIT_NOTE_REFERENCE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void aBadDocumentIsRefusedWithItsReasonKeptWithItsBytesAndMakesNoCase(String kind, String document, int status, String reason)
            throws Exception {
        long casesBefore = jdbc.queryForObject("select count(*) from claim_case where invoice_number = 'BAD-1'", Long.class);

        HttpResponse<String> refused = post(document);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(status);
        JsonNode problem = json(refused);
        assertThat(problem.get("reason").asText()).isEqualTo(reason);
        String rejectionId = problem.get("rejectionId").asText();
        JsonNode rejection = json(new ApiTestClient(port).get("/api/v1/rejections/" + rejectionId, LEDGER_KEY));
        assertThat(rejection.at("/reasons/0/code").asText()).isEqualTo(reason);
        assertThat(rejection.get("channel").asText()).isEqualTo("REST");
        assertThat(new ApiTestClient(port).get("/api/v1/rejections/" + rejectionId + "/original", LEDGER_KEY).body()).isEqualTo(document);
        assertThat(jdbc.queryForObject("select count(*) from claim_case where invoice_number = 'BAD-1'", Long.class)).isEqualTo(casesBefore);
        if (reason.equals("SCHEMATRON_FATAL") || reason.equals("SCHEMA_INVALID")) {
            assertThat(problem.get("errors")).isNotEmpty();
            assertThat(rejection.get("reasons")).hasSizeGreaterThan(1);
        }
    }
}
