package no.inkasso.gateway.intake.ehf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.inkasso.gateway.api.ApiReply;
import no.inkasso.gateway.api.Problem;
import no.inkasso.gateway.api.ProblemType;
import no.inkasso.gateway.cases.Channel;
import no.inkasso.gateway.ehf.Finding;
import no.inkasso.gateway.ehf.RejectReason;
import no.inkasso.gateway.security.GatewayClient;
import no.inkasso.gateway.security.Role;
import org.springframework.stereotype.Component;

/** {@code POST /api/v1/ehf}: one EHF invoice or credit note, bare or in an SBDH, from a ledger. */
@Component("ehfApi")
public class EhfApi {

    private final EhfIntake intake;

    public EhfApi(EhfIntake intake) {
        this.intake = intake;
    }

    public ApiReply receiveDocument(byte[] body, String contentType, GatewayClient client, String correlationId) {
        if (client.role() != Role.LEDGER) {
            return ApiReply.problem(Problem.of(ProblemType.FORBIDDEN, "Only ledger clients send EHF documents."));
        }
        byte[] document = body == null ? new byte[0] : body;
        EhfIntake.Delivery delivery = new EhfIntake.Delivery(Channel.REST, client, correlationId, contentType, null);
        if (!isXml(contentType)) {
            EhfIntake.Outcome.Refused refused = intake.refuseUnread(document, delivery, EhfIntake.UNSUPPORTED_MEDIA_TYPE,
                    "send EHF documents as application/xml, not " + (contentType == null ? "a body without Content-Type" : contentType));
            return ApiReply.problem(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, refused.message() + ".")
                    .withRejectionId(refused.rejectionId()));
        }
        EhfIntake.Outcome outcome = intake.receive(document, delivery);
        if (outcome instanceof EhfIntake.Outcome.Refused refused) {
            return ApiReply.problem(problem(refused));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (outcome instanceof EhfIntake.Outcome.InvoiceTaken invoice) {
            answer.put("documentType", "INVOICE");
            answer.put("invoiceNumber", invoice.invoiceNumber());
            answer.put("caseId", invoice.caseId());
            answer.put("state", invoice.state());
            answer.put("duplicate", invoice.duplicate());
            answer.put("correlationId", correlationId);
            answer.put("warnings", warnings(invoice.warnings()));
            ApiReply reply = ApiReply.json(invoice.duplicate() ? 200 : 201, answer);
            return invoice.duplicate() ? reply : reply.withHeader("Location", "/api/v1/claims/" + invoice.caseId());
        }
        EhfIntake.Outcome.CreditNoteTaken credit = (EhfIntake.Outcome.CreditNoteTaken) outcome;
        CreditNotes.Taken taken = credit.taken();
        answer.put("documentType", "CREDIT_NOTE");
        answer.put("creditNoteNumber", credit.creditNoteNumber());
        answer.put("creditedInvoiceNumber", credit.invoiceNumber());
        answer.put("currency", credit.currency());
        answer.put("amount", credit.amount());
        answer.put("outcome", taken.state());
        answer.put("duplicate", taken.duplicate());
        answer.put("caseId", taken.caseId());
        answer.put("caseState", taken.caseState());
        answer.put("outstandingAmount", taken.outstandingAmount());
        answer.put("note", taken.note());
        answer.put("correlationId", correlationId);
        answer.put("warnings", warnings(credit.warnings()));
        answer.values().removeIf(java.util.Objects::isNull);
        return ApiReply.json(taken.duplicate() ? 200 : 201, answer);
    }

    private static Problem problem(EhfIntake.Outcome.Refused refused) {
        ProblemType type = switch (refused.reason()) {
            case EhfIntake.FORBIDDEN, EhfIntake.UNKNOWN_SENDER -> ProblemType.FORBIDDEN;
            case EhfIntake.CONFLICT -> ProblemType.CONFLICT;
            default -> RejectReason.TOO_LARGE.name().equals(refused.reason()) ? ProblemType.BODY_TOO_LARGE : ProblemType.EHF_REJECTED;
        };
        Problem problem = Problem.of(type, refused.message()).withReason(refused.reason()).withErrors(refused.errors())
                .withRejectionId(refused.rejectionId());
        return refused.caseId() == null ? problem : problem.withCaseId(refused.caseId());
    }

    private static List<Map<String, String>> warnings(List<Finding> findings) {
        return findings.stream().map(f -> {
            Map<String, String> w = new LinkedHashMap<>();
            w.put("ruleId", f.ruleId());
            w.put("severity", f.severity().name());
            w.put("message", f.message());
            w.put("location", f.location());
            return w;
        }).toList();
    }

    static boolean isXml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.equals("application/xml") || type.equals("text/xml") || type.matches("application/[a-z0-9.-]+\\+xml");
    }
}
