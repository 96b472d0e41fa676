package no.inkasso.gateway.payments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.inkasso.gateway.api.ApiReply;
import no.inkasso.gateway.api.Problem;
import no.inkasso.gateway.api.ProblemType;
import no.inkasso.gateway.cases.Channel;
import no.inkasso.gateway.security.GatewayClient;
import no.inkasso.gateway.security.Role;
import org.springframework.stereotype.Component;

/** {@code POST /api/v1/payment-files} and {@code GET /api/v1/payment-files/{fileId}}: bank payment files from ledgers. */
@Component("paymentsApi")
public class PaymentsApi {

    private final PaymentFiles files;

    public PaymentsApi(PaymentFiles files) {
        this.files = files;
    }

    public ApiReply receiveFile(byte[] body, String fileName, String contentType, GatewayClient client, String correlationId) {
        if (client.role() != Role.LEDGER) {
            return ApiReply.problem(Problem.of(ProblemType.FORBIDDEN, "Only ledger clients send payment files."));
        }
        if (body == null || body.length == 0) {
            return ApiReply.problem(Problem.of(ProblemType.INVALID_REQUEST, "The body is empty: send the payment file as it came from the bank."));
        }
        PaymentFiles.Outcome outcome = files.take(body, fileName, client, Channel.REST, correlationId, contentType);
        if (outcome instanceof PaymentFiles.Outcome.Rejected rejected) {
            return ApiReply.problem(Problem.of(ProblemType.PAYMENT_FILE_REJECTED, "The payment file was not taken: " + rejected.message())
                    .withReason(rejected.reason()).withRejectionId(rejected.rejectionId()));
        }
        PaymentFiles.Outcome.Taken taken = (PaymentFiles.Outcome.Taken) outcome;
        ApiReply reply = ApiReply.json(taken.duplicate() ? 200 : 201, body(taken));
        return taken.duplicate() ? reply : reply.withHeader("Location", "/api/v1/payment-files/" + taken.fileId());
    }

    public ApiReply getFile(String fileId, GatewayClient client) {
        return files.find(fileId, client).map(taken -> ApiReply.json(200, body(taken)))
                .orElseGet(() -> ApiReply.problem(Problem.of(ProblemType.NOT_FOUND, "No payment file " + fileId + " for this client.")));
    }

    private static Map<String, Object> body(PaymentFiles.Outcome.Taken taken) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("fileId", taken.fileId());
        answer.put("format", taken.format().name());
        answer.put("duplicate", taken.duplicate());
        Map<String, Object> summary = new LinkedHashMap<>();
        for (PaymentFiles.State state : PaymentFiles.State.values()) {
            summary.put(state.name(), taken.payments().stream().filter(p -> p.state() == state).count());
        }
        summary.put("SKIPPED", taken.skipped());
        answer.put("summary", summary);
        List<Map<String, Object>> payments = taken.payments().stream().map(p -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("paymentId", p.paymentId());
            row.put("position", p.position());
            row.put("reference", p.reference());
            row.put("bankReference", p.bankReference());
            row.put("amount", p.amount());
            row.put("currency", p.currency());
            row.put("paidOn", p.paidOn() == null ? null : p.paidOn().toString());
            row.put("payerName", p.payerName());
            row.put("state", p.state().name());
            row.put("caseId", p.caseId());
            row.put("commandId", p.commandId());
            row.put("reason", p.reason());
            row.values().removeIf(java.util.Objects::isNull);
            return row;
        }).toList();
        answer.put("payments", payments);
        return answer;
    }
}
