package no.inkasso.gateway.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.inkasso.gateway.api.ApiReply;
import no.inkasso.gateway.api.Problem;
import no.inkasso.gateway.api.ProblemType;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.security.GatewayClient;
import no.inkasso.gateway.security.Role;
import org.springframework.stereotype.Component;

/** Lets a client see what it sent that was rejected, and why; operations see every rejection. */
@Component("rejectionsApi")
public class RejectionsApi {

    private final RejectionStore rejections;

    public RejectionsApi(RejectionStore rejections) {
        this.rejections = rejections;
    }

    public ApiReply listRejections(String limit, String cursor, GatewayClient client) {
        int pageSize = 100;
        if (limit != null && !limit.isBlank()) {
            try {
                pageSize = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                pageSize = -1;
            }
            if (pageSize < 1 || pageSize > 1000) {
                return ApiReply.problem(Problem.of(ProblemType.INVALID_QUERY, "Fix the query parameters.")
                        .withErrors(List.of(FieldError.of("/limit", "out-of-range", "limit must be a whole number from 1 to 1000"))));
            }
        }
        List<RejectedInput> page = rejections.page(client.id(), cursor == null || cursor.isBlank() ? null : cursor, pageSize);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page);
        if (page.size() == pageSize) {
            body.put("nextCursor", page.get(page.size() - 1).rejectionId());
        }
        return ApiReply.json(200, body);
    }

    public ApiReply getRejection(String rejectionId, GatewayClient client) {
        Optional<RejectedInput> found = visible(rejectionId, client);
        return found.map(r -> ApiReply.json(200, r)).orElseGet(() -> notFound(rejectionId));
    }

    public ApiReply getRejectionOriginal(String rejectionId, GatewayClient client) {
        Optional<RejectedInput> found = visible(rejectionId, client);
        if (found.isEmpty()) {
            return notFound(rejectionId);
        }
        // Always octet-stream: the original may not be what its declared type says (that may be why it was rejected).
        ApiReply reply = ApiReply.bytes("application/octet-stream", rejections.original(rejectionId).orElse(new byte[0]));
        return found.get().contentType() == null ? reply : reply.withHeader("X-Original-Content-Type", found.get().contentType());
    }

    private Optional<RejectedInput> visible(String rejectionId, GatewayClient client) {
        return rejections.find(rejectionId)
                .filter(r -> client.role() == Role.OPERATIONS || client.id().equals(r.clientId()));
    }

    private static ApiReply notFound(String rejectionId) {
        return ApiReply.problem(Problem.of(ProblemType.NOT_FOUND, "No rejection " + rejectionId + " that this client may see."));
    }
}
