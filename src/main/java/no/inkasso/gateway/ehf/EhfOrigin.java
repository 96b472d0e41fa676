package no.inkasso.gateway.ehf;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a document came from, as the caller knows it.
 *
 * @param sourceSystem the ledger (or access point) it arrived through; becomes the claim's {@code source.system}
 * @param documentId   the caller's id for the received document (e.g. the stored inbound file or AS4 message),
 *                     used in attachment URIs; null to use the SHA-256 of the received bytes
 */
public record EhfOrigin(String sourceSystem, String documentId) {

    private static final Pattern CODE64 = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");

    public EhfOrigin {
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        if (!CODE64.matcher(sourceSystem).matches()) {
            throw new IllegalArgumentException("sourceSystem must be 1-64 letters, digits, '.', '_' or '-': " + sourceSystem);
        }
        if (documentId != null && documentId.isBlank()) {
            documentId = null;
        }
    }

    public static EhfOrigin of(String sourceSystem) {
        return new EhfOrigin(sourceSystem, null);
    }
}
