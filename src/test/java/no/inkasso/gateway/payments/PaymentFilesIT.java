package no.inkasso.gateway.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import no.inkasso.gateway.ApiTestClient;
import no.inkasso.gateway.api.ApiJson;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * POST /api/v1/payment-files on the whole application: OCR giro and camt.054 payments are booked on
 * the case whose KID they quote, once; what cannot be booked is kept with why; a broken file is
 * refused whole and stored. Every answer is checked against the OpenAPI document.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "gateway.eligibility.consume-received=false")
@ActiveProfiles("test")
class PaymentFilesIT {

    private static final String LEDGER_KEY = "dev-only-demo-ledger-key";
    private static final String OTHER_LEDGER_KEY = "dev-only-other-ledger-key";
    private static final String OPERATIONS_KEY = "dev-only-operations-key";

    @LocalServerPort
    int port;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private ApiTestClient api() {
        return new ApiTestClient(port);
    }

    /** A KID of 10 random digits and a MOD10 (Luhn) check digit. */
    static String newKid() {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(i == 0 ? 1 : 0, 10));
        }
        int sum = 0;
        for (int i = digits.length() - 1, position = 0; i >= 0; i--, position++) {
            int d = digits.charAt(i) - '0';
            if (position % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return digits.append((10 - sum % 10) % 10).toString();
    }

    private String newCase(String kid) throws Exception {
        ObjectNode claim = (ObjectNode) ApiJson.mapper().readTree(Files.readString(Path.of("examples/claim.json")));
        ((ObjectNode) claim.get("invoice")).put("number", "PAY-" + run + "-" + kid).put("kid", kid);
        HttpResponse<String> created = api().post("/api/v1/claims", LEDGER_KEY, "application/json", claim.toString(), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiTestClient.json(created).get("caseId").asText();
    }

    private HttpResponse<String> send(byte[] file, String key, String contentType) throws Exception {
        return api().post("/api/v1/payment-files?fileName=test-" + run, key, contentType, new String(file, StandardCharsets.ISO_8859_1), null);
    }

    private JsonNode claim(String caseId) throws Exception {
        HttpResponse<String> answer = api().get("/api/v1/claims/" + caseId, LEDGER_KEY);
        assertThat(answer.statusCode()).isEqualTo(200);
        return ApiTestClient.json(answer);
    }

    private static String camt(String... transactions) {
        StringBuilder entries = new StringBuilder();
        for (String tx : transactions) {
            entries.append(tx);
        }
        return """
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><Ntfctn><Id>IT</Id>
                <Ntry><Amt Ccy="NOK">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-20</Dt></BookgDt>
                <NtryDtls>%s</NtryDtls></Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>""".formatted(entries);
    }

    private static String tx(String bankRef, String amount, String kid) {
        return "<TxDtls><Refs><AcctSvcrRef>" + bankRef + "</AcctSvcrRef></Refs><Amt Ccy=\"NOK\">" + amount + "</Amt>"
                + "<RmtInf><Strd><CdtrRefInf><Ref>" + kid + "</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>";
    }

    @Test
    void anOcrGiroPaymentLowersItsCaseOnceAndWhatDoesNotMatchIsKeptWithWhy() throws Exception {
        String kid = newKid();
        String caseId = newCase(kid);
        byte[] file = OcrGiroFiles.file("0000001", new OcrGiroFiles.Tx("10", kid, 100000), new OcrGiroFiles.Tx("10", newKid(), 5000),
                new OcrGiroFiles.Tx("21", null, 7000));

        HttpResponse<String> taken = send(file, LEDGER_KEY, "text/plain");
        HttpResponse<String> again = send(file, LEDGER_KEY, "text/plain");

        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        JsonNode body = ApiTestClient.json(taken);
        assertThat(body.get("format").asText()).isEqualTo("OCR_GIRO");
        assertThat(body.at("/summary/APPLIED").asInt()).isEqualTo(1);
        assertThat(body.at("/summary/UNMATCHED").asInt()).isEqualTo(2);
        assertThat(body.at("/payments/0/caseId").asText()).isEqualTo(caseId);
        assertThat(body.at("/payments/0/amount").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(body.at("/payments/1/reason").asText()).startsWith("no case of this client's creditors has KID ");
        assertThat(body.at("/payments/2/reason").asText()).isEqualTo("no KID: paid with a message instead");
        assertThat(taken.headers().firstValue("Location")).contains("/api/v1/payment-files/" + body.get("fileId").asText());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(ApiTestClient.json(again).get("fileId").asText()).isEqualTo(body.get("fileId").asText());
        assertThat(ApiTestClient.json(again).get("duplicate").asBoolean()).isTrue();

        JsonNode stored = claim(caseId);
        assertThat(stored.at("/claim/invoice/outstandingAmount").decimalValue()).as("booked once").isEqualByComparingTo("3250.00");
        assertThat(stored.at("/claim/payments")).anySatisfy(p -> {
            assertThat(p.get("kind").asText()).isEqualTo("PAYMENT");
            assertThat(p.get("amount").decimalValue()).isEqualByComparingTo("1000.00");
            assertThat(p.get("date").asText()).isEqualTo("2026-11-20");
        });
        assertThat(stored.get("events")).filteredOn(e -> e.get("type").asText().equals("PAYMENT_APPLIED")).hasSize(1);
        HttpResponse<String> fetched = api().get("/api/v1/payment-files/" + body.get("fileId").asText(), LEDGER_KEY);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(api().get("/api/v1/payment-files/" + body.get("fileId").asText(), OTHER_LEDGER_KEY).statusCode())
                .as("another ledger's file").isEqualTo(404);
    }

    @Test
    void paidInFullTheCaseIsPaidAndAnOverpaymentOrARepeatedBankTransactionIsNotBooked() throws Exception {
        String kid = newKid();
        String caseId = newCase(kid);

        HttpResponse<String> over = send(camt(tx("OVER-" + run, "5000.00", kid)).getBytes(StandardCharsets.UTF_8), LEDGER_KEY,
                "application/xml");
        HttpResponse<String> full = send(camt(tx("FULL-" + run, "4250.00", kid)).getBytes(StandardCharsets.UTF_8), LEDGER_KEY,
                "application/xml");
        HttpResponse<String> repeated = send(camt(tx("FULL-" + run, "4250.00", kid), tx("OTHER-" + run, "1.00", newKid()))
                .getBytes(StandardCharsets.UTF_8), LEDGER_KEY, "application/xml");

        assertThat(over.statusCode()).as(over.body()).isEqualTo(201);
        assertThat(ApiTestClient.json(over).at("/payments/0/state").asText()).isEqualTo("REVIEW");
        assertThat(ApiTestClient.json(over).at("/payments/0/reason").asText())
                .isEqualTo("overpayment: 5000.00 paid, 4250.00 outstanding; the creditor refunds or books the difference");
        assertThat(ApiTestClient.json(full).at("/payments/0/state").asText()).isEqualTo("APPLIED");
        assertThat(repeated.statusCode()).isEqualTo(201);
        assertThat(ApiTestClient.json(repeated).at("/payments/0/state").asText()).isEqualTo("DUPLICATE");
        JsonNode stored = claim(caseId);
        assertThat(stored.get("state").asText()).isEqualTo("PAID");
        assertThat(stored.at("/claim/invoice/outstandingAmount").decimalValue()).isEqualByComparingTo("0.00");
    }

    @Test
    void aBrokenFileIsRefusedWholeAndKeptWithItsReason() throws Exception {
        String kid = newKid();
        String caseId = newCase(kid);
        String file = new String(OcrGiroFiles.file("0000002", new OcrGiroFiles.Tx("10", kid, 100000)), StandardCharsets.ISO_8859_1)
                .replace("NY000089000000010000000600000000000100000", "NY000089000000010000000600000000000200000");

        HttpResponse<String> refused = send(file.getBytes(StandardCharsets.ISO_8859_1), LEDGER_KEY, "text/plain");
        HttpResponse<String> unknown = send("Fakturanr;Beløp\n1;2\n".getBytes(StandardCharsets.UTF_8), LEDGER_KEY, "text/plain");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode problem = ApiTestClient.json(refused);
        assertThat(problem.get("type").asText()).endsWith("/payment-file-rejected");
        assertThat(problem.get("reason").asText()).isEqualTo("CONTROL_TOTALS");
        assertThat(problem.get("detail").asText()).contains("total amount (øre) of the transmission: the end record says 200000, the file holds 100000");
        HttpResponse<String> rejection = api().get("/api/v1/rejections/" + problem.get("rejectionId").asText(), LEDGER_KEY);
        assertThat(rejection.statusCode()).isEqualTo(200);
        assertThat(ApiTestClient.json(unknown).get("reason").asText()).isEqualTo("UNKNOWN_FORMAT");
        assertThat(claim(caseId).at("/claim/invoice/outstandingAmount").decimalValue()).as("nothing booked").isEqualByComparingTo("4250.00");
    }

    @Test
    void onlyLedgersSendPaymentFilesAndOnlyForTheirOwnCreditors() throws Exception {
        String kid = newKid();
        newCase(kid);
        byte[] file = OcrGiroFiles.file("0000003", new OcrGiroFiles.Tx("10", kid, 1000));

        HttpResponse<String> operations = send(file, OPERATIONS_KEY, "text/plain");
        HttpResponse<String> other = send(file, OTHER_LEDGER_KEY, "text/plain");

        assertThat(operations.statusCode()).isEqualTo(403);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        assertThat(ApiTestClient.json(other).at("/payments/0/state").asText()).as("not its creditor's case").isEqualTo("UNMATCHED");
    }
}
