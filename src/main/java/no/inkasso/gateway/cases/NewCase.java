package no.inkasso.gateway.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A case about to be stored, with the columns the store indexes and the canonical claim JSON;
 * {@code paymentReference} is the claim's KID (payments are matched to cases by it), or null.
 */
public record NewCase(
        String caseId,
        ClaimKey key,
        Channel receivedVia,
        String clientId,
        String correlationId,
        String currency,
        BigDecimal outstandingAmount,
        LocalDate dueDate,
        String debtorCountry,
        String contentSha256,
        String claimJson,
        OffsetDateTime createdAt,
        String paymentReference) {

    public NewCase(String caseId, ClaimKey key, Channel receivedVia, String clientId, String correlationId, String currency,
                   BigDecimal outstandingAmount, LocalDate dueDate, String debtorCountry, String contentSha256, String claimJson,
                   OffsetDateTime createdAt) {
        this(caseId, key, receivedVia, clientId, correlationId, currency, outstandingAmount, dueDate, debtorCountry, contentSha256,
                claimJson, createdAt, null);
    }
}
