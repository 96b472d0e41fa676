package no.inkasso.gateway.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A case as listed: its key, state and the figures people filter by. */
public record CaseSummary(
        String caseId,
        CaseState state,
        String creditorOrgNumber,
        String invoiceNumber,
        String sourceSystem,
        String currency,
        BigDecimal outstandingAmount,
        LocalDate dueDate,
        OffsetDateTime createdAt) {}
