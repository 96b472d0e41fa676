package no.inkasso.gateway.returnpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "dev-only-test-secret";
    private static final byte[] BODY = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_795_000_000L);

    @Test
    void aSignatureOverTimestampAndBodyIsAcceptedWithinTheWindow() {
        long at = NOW.getEpochSecond() - 299;
        String signature = WebhookSignature.sign(SECRET, at, BODY);
        assertThat(signature).matches("sha256=[0-9a-f]{64}");
        assertThat(WebhookSignature.check(SECRET, String.valueOf(at), signature, BODY, NOW, 300)).isEmpty();
        assertThat(WebhookSignature.check(SECRET, String.valueOf(at), signature.toUpperCase().replace("SHA256=", "sha256="), BODY, NOW, 300))
                .isEmpty();
    }

    @Test
    void anythingElseIsRefusedWithTheReason() {
        long at = NOW.getEpochSecond();
        String signature = WebhookSignature.sign(SECRET, at, BODY);
        assertThat(WebhookSignature.check("dev-only-other-secret", String.valueOf(at), signature, BODY, NOW, 300))
                .hasValue("the signature does not match the body and timestamp");
        assertThat(WebhookSignature.check(SECRET, String.valueOf(at), signature, "{\"events\":[1]}".getBytes(StandardCharsets.UTF_8), NOW,
                300)).hasValue("the signature does not match the body and timestamp");
        assertThat(WebhookSignature.check(SECRET, String.valueOf(at + 1), signature, BODY, NOW, 300))
                .hasValue("the signature does not match the body and timestamp");
        long stale = at - 301;
        assertThat(WebhookSignature.check(SECRET, String.valueOf(stale), WebhookSignature.sign(SECRET, stale, BODY), BODY, NOW, 300))
                .hasValueSatisfying(r -> assertThat(r).contains("more than 300 s"));
        assertThat(WebhookSignature.check(SECRET, null, signature, BODY, NOW, 300)).hasValueSatisfying(r -> assertThat(r).contains("send"));
        assertThat(WebhookSignature.check(SECRET, "yesterday", signature, BODY, NOW, 300))
                .hasValueSatisfying(r -> assertThat(r).contains("Unix seconds"));
        assertThat(WebhookSignature.check(SECRET, String.valueOf(at), "md5=abc", BODY, NOW, 300))
                .hasValueSatisfying(r -> assertThat(r).contains("sha256=<hex>"));
        assertThat(WebhookSignature.check(SECRET, String.valueOf(at), "sha256=zz", BODY, NOW, 300))
                .hasValueSatisfying(r -> assertThat(r).contains("sha256=<hex>"));
    }
}
