package no.inkasso.gateway.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import no.inkasso.gateway.api.ApiJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaimReaderTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final ClaimReader READER = new ClaimReader(new ClaimSchema(), new ClaimValidator());

    private ObjectNode claim;

    @BeforeEach
    void loadExample() throws IOException {
        claim = (ObjectNode) ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
    }

    @Test
    void theExampleClaimIsValid() {
        ClaimReading reading = READER.read(claim, TODAY);

        assertThat(reading).isInstanceOf(ClaimReading.Valid.class);
        ClaimReading.Valid valid = (ClaimReading.Valid) reading;
        assertThat(valid.claim().getInvoice().getOutstandingAmount()).isEqualByComparingTo("4250.00");
        assertThat(valid.sha256()).hasSize(64);
    }

    @Test
    void theSameClaimFormattedDifferentlyHasTheSameFingerprint() throws IOException {
        ObjectNode reordered = ApiJson.mapper().createObjectNode();
        // members in another order, amounts without decimals, the id with a separator
        reordered.set("invoice", claim.get("invoice"));
        claim.fieldNames().forEachRemaining(name -> reordered.set(name, claim.get(name)));
        ObjectNode invoice = (ObjectNode) reordered.get("invoice").deepCopy();
        invoice.put("originalAmount", 4250);
        reordered.set("invoice", invoice);

        String first = ((ClaimReading.Valid) READER.read(claim, TODAY)).sha256();
        String second = ((ClaimReading.Valid) READER.read(reordered, TODAY)).sha256();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aChangedAmountChangesTheFingerprint() {
        String first = ((ClaimReading.Valid) READER.read(claim.deepCopy(), TODAY)).sha256();
        ((ObjectNode) claim.get("invoice")).put("outstandingAmount", 4000);

        assertThat(((ClaimReading.Valid) READER.read(claim, TODAY)).sha256()).isNotEqualTo(first);
    }

    @Test
    void everyStructuralErrorIsReportedAtOnce() {
        claim.remove("creditor");
        ((ObjectNode) claim.get("invoice")).put("originalAmount", -1);
        ((ObjectNode) claim.get("debtor")).put("nickname", "Kari");

        ClaimReading reading = READER.read(claim, TODAY);

        assertThat(((ClaimReading.Invalid) reading).errors())
                .extracting(FieldError::pointer, FieldError::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("/creditor", "required"),
                        org.assertj.core.groups.Tuple.tuple("/invoice/originalAmount", "too-small"),
                        org.assertj.core.groups.Tuple.tuple("/debtor/nickname", "unknown-field"));
    }

    @Test
    void everySemanticErrorIsReportedAtOnce() {
        ((ObjectNode) claim.get("invoice")).put("currency", "XXY").put("dueDate", "2026-08-01");
        ((ObjectNode) claim.get("debtor").get("nationalId")).put("value", "15038512364");

        ClaimReading reading = READER.read(claim, TODAY);

        assertThat(((ClaimReading.Invalid) reading).errors())
                .extracting(FieldError::pointer, FieldError::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("/invoice/currency", "unknown-currency"),
                        org.assertj.core.groups.Tuple.tuple("/invoice/dueDate", "before-issue-date"),
                        org.assertj.core.groups.Tuple.tuple("/debtor/nationalId/value", "check-digit"));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            /invoice/originalAmount        | -100          | /invoice/originalAmount     | too-small
            /invoice/originalAmount        | 0             | /invoice/originalAmount     | must-be-positive
            /invoice/originalAmount        | 10.005        | /invoice/originalAmount     | too-many-decimals
            /invoice/outstandingAmount     | 5000          | /invoice/outstandingAmount  | exceeds-original
            /invoice/vatAmount             | 9999          | /invoice/vatAmount          | exceeds-original
            /invoice/currency              | nok           | /invoice/currency           | invalid-format
            /invoice/currency              | ABC           | /invoice/currency           | unknown-currency
            /invoice/issueDate             | 2026-13-01    | /invoice/issueDate          | invalid-format
            /invoice/issueDate             | 2026-12-24    | /invoice/issueDate          | in-future
            /invoice/dueDate               | 2026-08-31    | /invoice/dueDate            | before-issue-date
            /invoice/kid                   | 1002003001    | /invoice/kid                | check-digit
            /invoice/number                | ''            | /invoice/number             | too-short
            /creditor/orgNumber            | 923609017     | /creditor/orgNumber         | check-digit
            /creditor/country              | DK            | /creditor/country           | unsupported-country
            /creditor/account/number       | 86011117948   | /creditor/account/number    | check-digit
            /debtor/nationalId/value       | 15038512364   | /debtor/nationalId/value    | check-digit
            /debtor/nationalId/value       | 31028512345   | /debtor/nationalId/value    | check-digit
            /debtor/nationalId/scheme      | NO_ORGANISATION | /debtor/nationalId/scheme | scheme-mismatch
            /debtor/dateOfBirth            | 1985-03-16    | /debtor/dateOfBirth         | inconsistent
            /debtor/type                   | COMPANY       | /debtor/type                | not-allowed-value
            /debtor/email                  | kari-at-home  | /debtor/email               | invalid-format
            /debtor/country                | Norway        | /debtor/country             | invalid-format
            /claimType                     | GAMBLING      | /claimType                  | not-allowed-value
            /notices/1/deadline            | 2026-10-19    | /notices/1/deadline         | before-sent-date
            /notices/0/sentOn              | 2026-12-01    | /notices/0/sentOn           | in-future
            /acknowledgedOn                | 2026-12-01    | /acknowledgedOn             | in-future
            /legalStepOn                   | 2026-12-01    | /legalStepOn                | in-future
            /legalStepOn                   | 2026-02-30    | /legalStepOn                | invalid-format
            /source/system                 | 'demo erp'    | /source/system              | invalid-format
            """)
    void aBadFieldIsReportedWhereItIs(String pointer, String value, String expectedPointer, String expectedCode) {
        set(claim, pointer, value);

        ClaimReading reading = READER.read(claim, TODAY);

        assertThat(reading).isInstanceOf(ClaimReading.Invalid.class);
        assertThat(((ClaimReading.Invalid) reading).errors())
                .extracting(FieldError::pointer, FieldError::code)
                .contains(org.assertj.core.groups.Tuple.tuple(expectedPointer, expectedCode));
    }

    @Test
    void anOrganisationDebtorWithADateOfBirthIsRefused() {
        ObjectNode debtor = (ObjectNode) claim.get("debtor");
        debtor.put("type", "ORGANISATION");
        ((ObjectNode) debtor.get("nationalId")).put("scheme", "NO_ORGANISATION").put("value", "974760673");

        assertThat(((ClaimReading.Invalid) READER.read(claim, TODAY)).errors())
                .extracting(FieldError::pointer, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/debtor/dateOfBirth", "not-applicable"));
    }

    /** Sets a value at a JSON pointer: numbers stay numbers, everything else is a string. */
    private static void set(ObjectNode root, String pointer, String value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1);
        JsonNode newValue;
        try {
            newValue = value.matches("-?[0-9]+(\\.[0-9]+)?") && !pointer.contains("Number") && !pointer.contains("value")
                    && !pointer.contains("kid") && !pointer.contains("number")
                    ? ApiJson.mapper().readTree(value)
                    : ApiJson.mapper().getNodeFactory().textNode(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        if (parent.isArray()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(name), newValue);
        } else {
            ((ObjectNode) parent).set(name, newValue);
        }
    }
}
