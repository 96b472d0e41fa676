package no.inkasso.gateway.returnpath;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The agencies' webhook signature: {@code X-Gateway-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}
 * with {@code X-Gateway-Timestamp: <unix seconds>}, accepted within a window around now (against replay).
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Gateway-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Gateway-Signature";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {}

    public static String sign(String secret, long timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    /** Empty when the signature is good; else why not. */
    public static Optional<String> check(String secret, String timestamp, String signature, byte[] body, Instant now,
                                         long toleranceSeconds) {
        if (timestamp == null || signature == null) {
            return Optional.of("send " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP_HEADER + " is the time in Unix seconds");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > toleranceSeconds) {
            return Optional.of(TIMESTAMP_HEADER + " " + seconds + " is more than " + toleranceSeconds + " s from the gateway's time "
                    + now.getEpochSecond());
        }
        if (!signature.startsWith(PREFIX)) {
            return Optional.of(SIGNATURE_HEADER + " is sha256=<hex>");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring(PREFIX.length()).trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            return Optional.of(SIGNATURE_HEADER + " is sha256=<hex>");
        }
        if (!MessageDigest.isEqual(given, hmac(secret, seconds, body))) {
            return Optional.of("the signature does not match the body and timestamp");
        }
        return Optional.empty();
    }

    private static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body == null ? new byte[0] : body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
