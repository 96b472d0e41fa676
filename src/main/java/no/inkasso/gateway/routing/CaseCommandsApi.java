package no.inkasso.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.api.ApiReply;
import no.inkasso.gateway.api.Problem;
import no.inkasso.gateway.api.ProblemType;
import no.inkasso.gateway.cases.CaseStore;
import no.inkasso.gateway.cases.StoredCase;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.security.GatewayClient;
import no.inkasso.gateway.security.Role;
import org.springframework.stereotype.Component;

/** {@code POST /api/v1/claims/{caseId}/commands}: a ledger (for its creditors' cases) or operations sends a command to the case's agency. */
@Component("caseCommandsApi")
public class CaseCommandsApi {

    private final CaseCommands commands;
    private final CaseStore cases;
    private final Clock clock;

    public CaseCommandsApi(CaseCommands commands, CaseStore cases, Clock clock) {
        this.commands = commands;
        this.cases = cases;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    public ApiReply submit(byte[] body, String caseId, GatewayClient client) {
        if (client.role() != Role.LEDGER && client.role() != Role.OPERATIONS) {
            return ApiReply.problem(Problem.of(ProblemType.FORBIDDEN, "Only ledger and operations clients send commands on cases."));
        }
        StoredCase found = cases.find(caseId).orElse(null);
        if (found == null || !client.mayRead(found.creditorOrg())) {
            return ApiReply.problem(Problem.of(ProblemType.NOT_FOUND, "No case " + caseId + " that this client may see."));
        }
        JsonNode json;
        try {
            json = ApiJson.mapper().readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            return ApiReply.problem(Problem.of(ProblemType.MALFORMED_JSON, "The body is not JSON: " + e.getMessage()));
        }
        Object read = CaseCommands.read(json, LocalDate.now(clock));
        if (read instanceof List<?> errors) {
            return ApiReply.problem(Problem.of(ProblemType.INVALID_COMMAND, "Fix the command's fields.")
                    .withErrors((List<FieldError>) errors));
        }
        CaseCommands.Result result = commands.submit(caseId, (CaseCommands.Command) read, client.id());
        if (result instanceof CaseCommands.Result.Accepted a) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("commandId", a.commandId());
            answer.put("caseId", a.caseId());
            answer.put("kind", a.kind().name());
            answer.put("sequence", a.sequence());
            answer.put("agency", a.agencyId());
            answer.put("state", "QUEUED");
            return ApiReply.json(202, answer);
        }
        if (result instanceof CaseCommands.Result.Refused r) {
            return ApiReply.problem(Problem.of(ProblemType.STATE_CONFLICT, r.reason()));
        }
        return ApiReply.problem(Problem.of(ProblemType.NOT_FOUND, "No case " + caseId + " that this client may see."));
    }
}
