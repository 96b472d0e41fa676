package no.inkasso.gateway.ops;

import java.time.OffsetDateTime;

/** One operator action: who (client id), when, what, on which queue and message or route, and why. */
public record AuditEntry(
        String auditId,
        OffsetDateTime at,
        String clientId,
        String action,
        String queue,
        String messageId,
        String routeId,
        String reason,
        String detail,
        String correlationId) {
}
