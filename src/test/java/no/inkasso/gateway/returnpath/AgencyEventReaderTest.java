package no.inkasso.gateway.returnpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import no.inkasso.gateway.returnpath.AgencyEventReader.Body;
import no.inkasso.gateway.returnpath.AgencyEventReader.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgencyEventReaderTest {

    private static Body read(String json) {
        return AgencyEventReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBatchIsReadEventByEventWithExactAmounts() {
        Body body = read("""
                {"events": [
                  {"caseId": "c-1", "sequence": 1, "type": "REGISTERED", "occurredAt": "2026-11-20T10:00:00+01:00",
                   "details": {"agencyCaseNumber": "DEMO-000001"}},
                  {"caseId": "c-1", "sequence": 2, "type": "PAYMENT_RECEIVED", "occurredAt": "2026-11-21T10:00:00Z",
                   "details": {"amount": 4973.45, "paidOn": "2026-11-21", "principal": 4250}},
                  {"agencyCaseNumber": "DEMO-000001", "sequence": 3, "type": "SETTLEMENT", "occurredAt": "2026-11-22T10:00:00Z",
                   "details": {"remittance": {"paid": 4973.45, "toCreditor": 4373.45, "interest": 123.45, "fees": 600, "vat": 0, "currency": "NOK"}}}
                ]}""");
        var items = ((Body.Events) body).items();
        assertThat(items).hasSize(3).allMatch(i -> i instanceof Item.Good);
        var payment = ((Item.Good) items.get(1)).event();
        assertThat(payment.figures().paymentAmount()).isEqualTo(new BigDecimal("4973.45"));
        assertThat(payment.figures().paymentPrincipal()).isEqualTo(new BigDecimal("4250.00"));
        var settlement = ((Item.Good) items.get(2)).event();
        assertThat(settlement.caseId()).isNull();
        assertThat(settlement.agencyCaseNumber()).isEqualTo("DEMO-000001");
        assertThat(settlement.figures().remittance().fees()).isEqualTo(new BigDecimal("600.00"));
        assertThat(settlement.details().toString()).as("amounts travel on with 2 decimals")
                .contains("\"fees\":600.00").contains("\"vat\":0.00").contains("\"paid\":4973.45");
        assertThat(payment.details().get("principal").toString()).isEqualTo("4250.00");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json | not JSON",
            "[1, 2] | a JSON object",
            "{\"hello\": 1} | neither an event",
            "{\"events\": []} | 1 to 500 events",
    })
    void aBodyThatIsNotEventsIsMalformed(String json, String why) {
        assertThat(read(json)).isInstanceOfSatisfying(Body.Malformed.class, m -> assertThat(m.reason()).contains(why));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"caseId\": \"c\", \"sequence\": 1, \"type\": \"EATEN_BY_DOG\", \"occurredAt\": \"2026-11-20T10:00:00Z\"} | type",
            "{\"caseId\": \"c\", \"sequence\": 0, \"type\": \"PAUSED\", \"occurredAt\": \"2026-11-20T10:00:00Z\"} | sequence",
            "{\"sequence\": 1, \"type\": \"PAUSED\", \"occurredAt\": \"2026-11-20T10:00:00Z\"} | caseId",
            "{\"caseId\": \"c\", \"sequence\": 1, \"type\": \"REGISTERED\", \"occurredAt\": \"2026-11-20T10:00:00Z\"} | details",
            "{\"caseId\": \"c\", \"sequence\": 1, \"type\": \"PAUSED\", \"occurredAt\": \"yesterday\"} | occurredAt",
            "{\"caseId\": \"c\", \"sequence\": 1, \"type\": \"CLOSED\", \"occurredAt\": \"2026-11-20T10:00:00Z\", \"details\": {\"closeReason\": \"BORED\"}} | closeReason",
            "{\"caseId\": \"c\", \"sequence\": 1, \"type\": \"PAYMENT_RECEIVED\", \"occurredAt\": \"2026-11-20T10:00:00Z\", \"details\": {\"amount\": 10.005, \"paidOn\": \"2026-11-20\"}} | more than 2 decimals",
            "{\"caseId\": \"c\", \"sequence\": 1, \"type\": \"PAYMENT_RECEIVED\", \"occurredAt\": \"2026-11-20T10:00:00Z\", \"details\": {\"amount\": 10, \"paidOn\": \"2026-02-30\"}} | paidOn",
    })
    void anInvalidEventIsRefusedWithTheReasonAndTheOthersRead(String event, String why) {
        var items = ((Body.Events) read("{\"events\": [" + event + ", {\"caseId\": \"c\", \"sequence\": 2, \"type\": \"PAUSED\", "
                + "\"occurredAt\": \"2026-11-20T10:00:00Z\"}]}")).items();
        assertThat(items.get(0)).isInstanceOfSatisfying(Item.Invalid.class, i -> assertThat(i.reason()).contains(why));
        assertThat(items.get(1)).isInstanceOf(Item.Good.class);
    }

    @Test
    void anEventTooLargeToKeepIsRefusedNotStoredHalf() {
        String text = "x".repeat(AgencyEventReader.MAX_EVENT_CHARS);
        var items = ((Body.Events) read("{\"caseId\": \"c\", \"sequence\": 4, \"type\": \"DEBTOR_CONTACTED\", "
                + "\"occurredAt\": \"2026-11-20T10:00:00Z\", \"details\": {\"note\": \"" + text + "\"}}")).items();
        assertThat(items.get(0)).isInstanceOfSatisfying(Item.Invalid.class, i -> {
            assertThat(i.reason()).contains("larger than 100000 characters");
            assertThat(i.json().get("sequence").asInt()).isEqualTo(4);
        });
    }
}
