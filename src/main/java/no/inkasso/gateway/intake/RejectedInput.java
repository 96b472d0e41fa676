package no.inkasso.gateway.intake;

import java.time.OffsetDateTime;
import java.util.List;
import no.inkasso.gateway.cases.Channel;
import no.inkasso.gateway.claims.FieldError;

/** An input the gateway refused, kept with every reason so its sender can see and fix it. */
public record RejectedInput(
        String rejectionId,
        Channel channel,
        String clientId,
        String sourceSystem,
        String correlationId,
        String contentType,
        String summary,
        List<FieldError> reasons,
        OffsetDateTime receivedAt) {}
