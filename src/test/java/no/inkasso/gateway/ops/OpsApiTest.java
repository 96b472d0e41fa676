package no.inkasso.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpsApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{}", "{\"reason\": \"\"}", "{\"reason\": \"  \"}", "{\"reason\": null}", "{\"reason\": 42}"})
    void aDiscardWithoutAReasonInWordsHasNone(String body) throws IOException {
        assertThat(OpsApi.reasonFrom(body.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"reason", "[\"reason\"]", "{\"reason\": \"x\""})
    void aBodyThatIsNoJsonObjectIsMalformed(String body) {
        assertThatThrownBy(() -> OpsApi.reasonFrom(body.getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"reason\": \"sent twice by the ledger\"}|sent twice by the ledger",
        "{\"reason\": \"  trimmed  \"}|trimmed"})
    void theReasonIsTakenTrimmed(String body, String reason) throws IOException {
        assertThat(OpsApi.reasonFrom(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource({"claims.received.dlq, claims.received", "agency.demo-agency-no.outbound.dlq, agency.demo-agency-no.outbound"})
    void aDeadLetterQueueIsNamedAfterItsQueue(String deadLetterQueue, String queue) {
        assertThat(DeadLetters.defaultOriginal(deadLetterQueue)).isEqualTo(queue);
    }
}
