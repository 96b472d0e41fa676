package no.inkasso.gateway.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.api.ApiReply;
import no.inkasso.gateway.api.Problem;
import no.inkasso.gateway.api.ProblemType;
import no.inkasso.gateway.cases.CaseQuery;
import no.inkasso.gateway.cases.CaseState;
import no.inkasso.gateway.cases.CaseStore;
import no.inkasso.gateway.cases.CaseSummary;
import no.inkasso.gateway.cases.Channel;
import no.inkasso.gateway.cases.StoredCase;
import no.inkasso.gateway.cases.TimeOrderedIds;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.eligibility.flow.EligibilityService;
import no.inkasso.gateway.claims.ClaimReading;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.security.GatewayClient;
import no.inkasso.gateway.security.Role;
import org.springframework.stereotype.Component;

/**
 * The claims operations of the REST API, as the routes under routes/intake call them: parse and
 * validate the body, hand valid claims to {@link ClaimIntake}, store what is rejected, and answer.
 */
@Component("claimsApi")
public class ClaimsApi {

    private static final String JSON = "application/json";

    private final ClaimReader reader;
    private final ClaimIntake intake;
    private final CaseStore cases;
    private final RejectionStore rejections;
    private final Clock clock;
    private final int maxBatchSize;
    private final EligibilityService eligibility;

    public ClaimsApi(ClaimReader reader, ClaimIntake intake, CaseStore cases, RejectionStore rejections, Clock clock,
                     GatewayProperties properties, EligibilityService eligibility) {
        this.eligibility = eligibility;
        this.reader = reader;
        this.intake = intake;
        this.cases = cases;
        this.rejections = rejections;
        this.clock = clock;
        this.maxBatchSize = properties.api().maxBatchSize();
    }

    public ApiReply createClaim(byte[] body, String contentType, GatewayClient client, String correlationId) {
        Request request = new Request(body == null ? new byte[0] : body, contentType, client, correlationId);
        Optional<ApiReply> refused = refuseUnlessLedgerJson(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode json;
        try {
            json = parse(request.body);
        } catch (JsonProcessingException e) {
            return reject(request, null, Problem.of(ProblemType.MALFORMED_JSON, describe(e)), List.of(), "malformed JSON");
        }
        ClaimReading reading = reader.read(json, today());
        if (reading instanceof ClaimReading.Invalid invalid) {
            return reject(request, sourceSystemOf(json), Problem.of(ProblemType.INVALID_CLAIM,
                    invalid.errors().size() + " field(s) are invalid; nothing was stored."), invalid.errors(), "invalid claim");
        }
        ClaimReading.Valid valid = (ClaimReading.Valid) reading;
        ClaimIntake.Outcome outcome = intake.submit(List.of(new ClaimIntake.Submission(0, valid, correlationId)), client, Channel.REST).get(0);
        String source = valid.claim().getSource().getSystem();
        if (outcome instanceof ClaimIntake.Outcome.Created c) {
            return ApiReply.json(201, accepted(c.caseId(), false, correlationId)).withHeader("Location", "/api/v1/claims/" + c.caseId());
        }
        if (outcome instanceof ClaimIntake.Outcome.Duplicate d) {
            return ApiReply.json(200, accepted(d.caseId(), true, correlationId));
        }
        if (outcome instanceof ClaimIntake.Outcome.Conflict c) {
            return reject(request, source, conflict(c.caseId()), List.of(), "conflicting resubmission");
        }
        ClaimIntake.Outcome.Forbidden f = (ClaimIntake.Outcome.Forbidden) outcome;
        return reject(request, source, Problem.of(ProblemType.FORBIDDEN, f.reason()), List.of(), "forbidden");
    }

    public ApiReply createClaimsBatch(byte[] body, String contentType, GatewayClient client, String correlationId) {
        Request request = new Request(body == null ? new byte[0] : body, contentType, client, correlationId);
        Optional<ApiReply> refused = refuseUnlessLedgerJson(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode json;
        try {
            json = parse(request.body);
        } catch (JsonProcessingException e) {
            return reject(request, null, Problem.of(ProblemType.MALFORMED_JSON, describe(e)), List.of(), "malformed JSON");
        }
        JsonNode items = json.get("claims");
        if (!json.isObject() || items == null || !items.isArray() || items.isEmpty() || json.size() != 1) {
            return reject(request, null, Problem.of(ProblemType.INVALID_BATCH,
                            "The body must be an object with one member, \"claims\", an array of 1 to " + maxBatchSize + " claims."),
                    List.of(FieldError.of("/claims", "required", "claims must be a non-empty array")), "invalid batch");
        }
        if (items.size() > maxBatchSize) {
            return reject(request, null, Problem.of(ProblemType.INVALID_BATCH,
                            "The batch has " + items.size() + " claims; at most " + maxBatchSize + " are accepted per request."),
                    List.of(FieldError.of("/claims", "too-many-items", "at most " + maxBatchSize + " claims")), "batch too large");
        }
        LocalDate today = today();
        List<ClaimIntake.Submission> valid = new ArrayList<>();
        Map<Integer, Map<String, Object>> results = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            ClaimReading reading = reader.read(item, today);
            if (reading instanceof ClaimReading.Valid v) {
                valid.add(new ClaimIntake.Submission(i, v, correlationId + "-" + i));
                results.put(i, null);
            } else {
                List<FieldError> errors = ((ClaimReading.Invalid) reading).errors();
                Problem problem = storeRejection(request, item, sourceSystemOf(item),
                        Problem.of(ProblemType.INVALID_CLAIM, errors.size() + " field(s) are invalid; this claim was not stored."),
                        errors, "invalid claim at index " + i);
                results.put(i, item(i, "REJECTED", null, invoiceNumberOf(item), problem));
            }
        }
        for (ClaimIntake.Outcome outcome : intake.submit(valid, client, Channel.REST)) {
            int i = outcome.index();
            JsonNode item = items.get(i);
            String invoice = invoiceNumberOf(item);
            results.put(i, batchItem(request, i, item, outcome));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received", items.size());
        answer.put("created", count(results, "CREATED"));
        answer.put("duplicates", count(results, "DUPLICATE"));
        answer.put("conflicts", count(results, "CONFLICT"));
        answer.put("rejected", count(results, "REJECTED"));
        answer.put("results", new ArrayList<>(results.values()));
        return ApiReply.json(200, answer);
    }

    private Map<String, Object> batchItem(Request request, int i, JsonNode item, ClaimIntake.Outcome outcome) {
        String invoice = invoiceNumberOf(item);
        if (outcome instanceof ClaimIntake.Outcome.Created c) {
            return item(i, "CREATED", c.caseId(), invoice, null);
        }
        if (outcome instanceof ClaimIntake.Outcome.Duplicate d) {
            return item(i, "DUPLICATE", d.caseId(), invoice, null);
        }
        if (outcome instanceof ClaimIntake.Outcome.Conflict c) {
            return item(i, "CONFLICT", c.caseId(), invoice, storeRejection(request, item, sourceSystemOf(item),
                    conflict(c.caseId()), List.of(), "conflicting resubmission at index " + i));
        }
        ClaimIntake.Outcome.Forbidden f = (ClaimIntake.Outcome.Forbidden) outcome;
        return item(i, "REJECTED", null, invoice, storeRejection(request, item, sourceSystemOf(item),
                Problem.of(ProblemType.FORBIDDEN, f.reason()), List.of(), "forbidden at index " + i));
    }

    public ApiReply getClaim(String caseId, GatewayClient client) {
        Optional<StoredCase> found = cases.find(caseId);
        // Another creditor's case answers exactly like a missing one, so ids reveal nothing.
        if (found.isEmpty() || !client.mayRead(found.get().creditorOrg())) {
            return ApiReply.problem(Problem.of(ProblemType.NOT_FOUND, "No case " + caseId + " that this client may see."));
        }
        StoredCase c = found.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", c.caseId());
        body.put("state", c.state());
        body.put("receivedVia", c.receivedVia());
        body.put("correlationId", c.correlationId());
        body.put("createdAt", c.createdAt());
        body.put("updatedAt", c.updatedAt());
        body.put("claim", ClaimReader.fromCanonicalJson(c.claimJson()));
        latestDecision(c).ifPresent(decision -> body.put("decision", decision));
        body.put("recheckOn", c.recheckOn());
        body.put("agency", c.agencyId());
        body.put("agencyCaseNumber", c.agencyCaseNumber());
        body.put("events", c.events().stream().map(e -> {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("seq", e.seq());
            event.put("type", e.type());
            event.put("occurredAt", e.occurredAt());
            event.put("actor", e.actor());
            event.put("detail", e.detailJson() == null ? null : readTree(e.detailJson()));
            return event;
        }).toList());
        return ApiReply.json(200, body);
    }

    /** The decision of the case's latest ELIGIBILITY_DECIDED event. */
    private Optional<JsonNode> latestDecision(StoredCase c) {
        for (int i = c.events().size() - 1; i >= 0; i--) {
            var e = c.events().get(i);
            if (EligibilityService.ELIGIBILITY_DECIDED.equals(e.type()) && e.detailJson() != null) {
                return Optional.ofNullable(readTree(e.detailJson()).get("decision"));
            }
        }
        return Optional.empty();
    }

    /**
     * Decides the case's eligibility again now (e.g. after the creditor fixed data elsewhere or an
     * operator filled in a rate): for a ledger's own creditors and for operations.
     */
    public ApiReply recheck(String caseId, GatewayClient client) {
        Optional<StoredCase> found = cases.find(caseId);
        if (found.isEmpty() || !client.mayRead(found.get().creditorOrg())) {
            return ApiReply.problem(Problem.of(ProblemType.NOT_FOUND, "No case " + caseId + " that this client may see."));
        }
        EligibilityService.Result result = eligibility.recheck(caseId, client.id());
        if (result instanceof EligibilityService.Result.Decided d) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("caseId", d.caseId());
            body.put("state", d.state());
            body.put("decision", d.decision());
            return ApiReply.json(200, body);
        }
        if (result instanceof EligibilityService.Result.NotAllowed n) {
            return ApiReply.problem(Problem.of(ProblemType.STATE_CONFLICT, "Case " + caseId + " is " + n.state()
                    + "; only a case that is RECEIVED, WAITING, REJECTED or MANUAL_REVIEW can be re-checked."));
        }
        return ApiReply.problem(Problem.of(ProblemType.NOT_FOUND, "No case " + caseId + " that this client may see."));
    }

    public ApiReply listClaims(String creditor, String state, String from, String to, String limit, String cursor, GatewayClient client) {
        if (client.role() != Role.LEDGER && client.role() != Role.OPERATIONS) {
            return ApiReply.problem(Problem.of(ProblemType.FORBIDDEN, "Only ledger and operations clients may list claims."));
        }
        List<FieldError> errors = new ArrayList<>();
        CaseState stateFilter = parseEnum(state, "state", errors);
        ZoneId zone = clock.getZone();
        LocalDate fromDate = parseDate(from, "from", errors);
        LocalDate toDate = parseDate(to, "to", errors);
        int pageSize = parseLimit(limit, errors);
        if (!errors.isEmpty()) {
            return ApiReply.problem(Problem.of(ProblemType.INVALID_QUERY, "Fix the query parameters.").withErrors(errors));
        }
        if (creditor != null && !client.mayRead(creditor)) {
            return ApiReply.problem(Problem.of(ProblemType.FORBIDDEN, "This client may not see creditor " + creditor + "."));
        }
        CaseQuery query = new CaseQuery(client.role() == Role.OPERATIONS ? null : client.creditors(), blankToNull(creditor),
                stateFilter,
                fromDate == null ? null : fromDate.atStartOfDay(zone).toOffsetDateTime(),
                toDate == null ? null : toDate.plusDays(1).atStartOfDay(zone).toOffsetDateTime(),
                blankToNull(cursor), pageSize);
        List<CaseSummary> page = cases.page(query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page);
        if (page.size() == pageSize) {
            body.put("nextCursor", page.get(page.size() - 1).caseId());
        }
        return ApiReply.json(200, body);
    }

    private Optional<ApiReply> refuseUnlessLedgerJson(Request request) {
        if (request.client.role() != Role.LEDGER) {
            return Optional.of(ApiReply.problem(Problem.of(ProblemType.FORBIDDEN, "Only ledger clients submit claims.")));
        }
        String type = request.contentType == null ? "" : request.contentType.toLowerCase(Locale.ROOT);
        if (!(type.startsWith("application/json") || type.matches("application/[a-z0-9.+-]*\\+json.*"))) {
            return Optional.of(reject(request, null, Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send claims as application/json, not " + (type.isEmpty() ? "a body without Content-Type" : type) + "."),
                    List.of(), "unsupported content type"));
        }
        return Optional.empty();
    }

    private ApiReply reject(Request request, String sourceSystem, Problem problem, List<FieldError> errors, String summary) {
        return ApiReply.problem(storeRejection(request, request.body, sourceSystem, problem, errors, summary));
    }

    private Problem storeRejection(Request request, Object original, String sourceSystem, Problem problem,
                                   List<FieldError> errors, String summary) {
        String rejectionId = TimeOrderedIds.next();
        byte[] bytes = original instanceof byte[] b ? b : original.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<FieldError> reasons = errors.isEmpty() ? List.of(FieldError.of("", problem.type().substring(problem.type().lastIndexOf('/') + 1),
                problem.detail())) : errors;
        rejections.add(new RejectedInput(rejectionId, Channel.REST, request.client.id(), sourceSystem, request.correlationId,
                request.contentType, summary, reasons, OffsetDateTime.now(clock).withOffsetSameInstant(java.time.ZoneOffset.UTC)), bytes);
        return problem.withErrors(errors).withRejectionId(rejectionId);
    }

    private static Problem conflict(String caseId) {
        return Problem.of(ProblemType.CONFLICT, "Case " + caseId + " holds a different claim for the same source system, creditor "
                + "and invoice number. Corrections go through the case's commands, not a resubmission.").withCaseId(caseId);
    }

    private static Map<String, Object> accepted(String caseId, boolean duplicate, String correlationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", caseId);
        body.put("state", CaseState.RECEIVED);
        body.put("duplicate", duplicate);
        body.put("correlationId", correlationId);
        return body;
    }

    private static Map<String, Object> item(int index, String outcome, String caseId, String invoiceNumber, Problem problem) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("index", index);
        item.put("outcome", outcome);
        item.put("caseId", caseId);
        item.put("invoiceNumber", invoiceNumber);
        item.put("problem", problem);
        return item;
    }

    private static long count(Map<Integer, Map<String, Object>> results, String outcome) {
        return results.values().stream().filter(r -> outcome.equals(r.get("outcome"))).count();
    }

    private static JsonNode parse(byte[] body) throws JsonProcessingException {
        try {
            JsonNode node = ApiJson.mapper().readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new com.fasterxml.jackson.core.JsonParseException(null, "the body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, e.getMessage());
        }
    }

    private static String describe(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null || location.getLineNr() < 0
                ? "The body is not valid JSON: " + e.getOriginalMessage()
                : "The body is not valid JSON at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": " + e.getOriginalMessage();
    }

    private static JsonNode readTree(String json) {
        try {
            return ApiJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sourceSystemOf(JsonNode claim) {
        JsonNode system = claim.path("source").path("system");
        return system.isTextual() && system.asText().length() <= 64 ? system.asText() : null;
    }

    private static String invoiceNumberOf(JsonNode claim) {
        JsonNode number = claim.path("invoice").path("number");
        return number.isTextual() ? number.asText() : null;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static CaseState parseEnum(String value, String name, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return CaseState.valueOf(value);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of("/" + name, "not-allowed-value", name + " must be one of " + List.of(CaseState.values())));
            return null;
        }
    }

    private static LocalDate parseDate(String value, String name, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of("/" + name, "invalid-format", name + " must be a date like 2026-01-31"));
            return null;
        }
    }

    private static int parseLimit(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(FieldError.of("/limit", "out-of-range", "limit must be a whole number from 1 to 1000"));
        return 100;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private record Request(byte[] body, String contentType, GatewayClient client, String correlationId) {}
}
