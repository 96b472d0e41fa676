package no.inkasso.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import no.inkasso.gateway.claims.FieldError;

/** An RFC 7807 problem document, with every field error listed at once. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String correlationId,
        String caseId,
        String rejectionId,
        String reason,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://inkasso-gateway.dev/problems/";

    public static Problem of(ProblemType type, String detail) {
        return new Problem(TYPE_BASE + type.slug(), type.title(), type.status(), detail, null, null, null, null, null, List.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, correlationId, caseId, rejectionId, reason, List.copyOf(fieldErrors));
    }

    public Problem withCorrelationId(String id) {
        return new Problem(type, title, status, detail, instance, id, caseId, rejectionId, reason, errors);
    }

    public Problem withCaseId(String id) {
        return new Problem(type, title, status, detail, instance, correlationId, id, rejectionId, reason, errors);
    }

    public Problem withRejectionId(String id) {
        return new Problem(type, title, status, detail, instance, correlationId, caseId, id, reason, errors);
    }

    /** A stable code for why an input was refused (e.g. an EHF document's reject reason). */
    public Problem withReason(String code) {
        return new Problem(type, title, status, detail, instance, correlationId, caseId, rejectionId, code, errors);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, correlationId, caseId, rejectionId, reason, errors);
    }
}
