package no.inkasso.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.cases.Channel;
import no.inkasso.gateway.cases.ClaimKey;
import no.inkasso.gateway.claims.ClaimReading;
import org.junit.jupiter.api.Test;

class ClaimsReceivedMessageTest {

    @Test
    void theClaimCheckIsJsonWhateverTheKeyHolds() throws Exception {
        ClaimKey key = new ClaimKey("erp \"main\"", "923609016", "INV\\2026/17\n\u00e6\u00f8\u00e5 \u2603\t\u0001");
        ClaimIntake.Submission s = new ClaimIntake.Submission(0, new ClaimReading.Valid(null, "{}", "ab".repeat(32)), "file-abc-\"7\"");
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 23, 10, 15, 0, 0, ZoneOffset.UTC);

        JsonNode message = ApiJson.mapper().readTree(ClaimIntake.claimsReceivedMessage("case-1", key, s, Channel.SFTP, at));

        assertThat(message.get("schema").asText()).isEqualTo("claims.received/v2");
        assertThat(message.get("caseId").asText()).isEqualTo("case-1");
        assertThat(message.get("correlationId").asText()).isEqualTo("file-abc-\"7\"");
        assertThat(message.get("receivedVia").asText()).isEqualTo("SFTP");
        assertThat(message.get("receivedAt").asText()).isEqualTo("2026-11-23T10:15:00Z");
        assertThat(message.at("/claimKey/sourceSystem").asText()).isEqualTo(key.sourceSystem());
        assertThat(message.at("/claimKey/creditorOrg").asText()).isEqualTo(key.creditorOrg());
        assertThat(message.at("/claimKey/invoiceNumber").asText()).isEqualTo(key.invoiceNumber());
        assertThat(message.get("contentSha256").asText()).isEqualTo("ab".repeat(32));
        assertThat(message.size()).isEqualTo(7);
    }
}
