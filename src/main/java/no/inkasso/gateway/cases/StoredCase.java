package no.inkasso.gateway.cases;

import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.List;

/** A case with its canonical claim and full history. */
public record StoredCase(
        String caseId,
        CaseState state,
        Channel receivedVia,
        String clientId,
        String correlationId,
        String creditorOrg,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String claimJson,
        LocalDate recheckOn,
        String agencyId,
        String agencyCaseNumber,
        List<CaseEvent> events) {}
