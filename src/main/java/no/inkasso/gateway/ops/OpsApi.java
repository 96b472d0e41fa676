package no.inkasso.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.api.ApiReply;
import no.inkasso.gateway.api.Problem;
import no.inkasso.gateway.api.ProblemType;
import no.inkasso.gateway.cases.TimeOrderedIds;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.security.GatewayClient;
import no.inkasso.gateway.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The operations API ({@code /api/v1/ops}): dead letters (list, replay, discard), routes (list,
 * stop, start), case counts by state, and the audit of every action. Operations clients only; each
 * action is written to {@code ops_audit} in the same database transaction that wraps the action.
 */
@Component("opsApi")
public class OpsApi {

    private static final Logger log = LoggerFactory.getLogger(OpsApi.class);
    static final int DEFAULT_MESSAGES_PER_QUEUE = 50;

    private final ObjectProvider<EmbeddedActiveMQ> embeddedBroker;
    private final RouteOps routes;
    private final PipelineCounts pipeline;
    private final OpsAudit audit;
    private final TransactionTemplate transaction;
    private final RecentFailures failures;

    public OpsApi(ObjectProvider<EmbeddedActiveMQ> embeddedBroker, RouteOps routes, PipelineCounts pipeline, OpsAudit audit,
            TransactionTemplate transaction, RecentFailures failures) {
        this.failures = failures;
        this.embeddedBroker = embeddedBroker;
        this.routes = routes;
        this.pipeline = pipeline;
        this.audit = audit;
        this.transaction = transaction;
    }

    // ---- dead letters ----

    public ApiReply listDeadLetters(String queue, String limit, GatewayClient client) {
        return listDeadLetters(queue, limit, null, null, null, null, client);
    }

    public ApiReply listDeadLetters(String queue, String limit, String caseId, String reason, String from, String to,
                                    GatewayClient client) {
        Optional<ApiReply> refused = refuse(client);
        if (refused.isPresent()) {
            return refused.get();
        }
        DeadLetterFilter filter;
        try {
            filter = filter(caseId, reason, from, to);
        } catch (BadQuery e) {
            return e.reply;
        }
        Optional<DeadLetters> deadLetters = deadLetters();
        if (deadLetters.isEmpty()) {
            return brokerNotEmbedded();
        }
        int perQueue = DEFAULT_MESSAGES_PER_QUEUE;
        if (limit != null && !limit.isBlank()) {
            perQueue = parseLimit(limit, 0, 1000);
            if (perQueue < 0) {
                return badQuery("/limit", "limit must be a whole number from 0 to 1000");
            }
        }
        List<String> names = deadLetters.get().queues();
        if (queue != null && !queue.isBlank()) {
            if (!names.contains(queue)) {
                return notFound("No dead-letter queue " + queue + " (dead-letter queues end in .dlq).");
            }
            names = List.of(queue);
        }
        List<DeadLetterQueue> queues = new ArrayList<>();
        for (String name : names) {
            queues.add(deadLetters.get().overview(name, filter, perQueue));
        }
        return ApiReply.json(200, Map.of("queues", queues));
    }

    public ApiReply replayDeadLetter(String queue, String messageId, GatewayClient client, String correlationId) throws Exception {
        Optional<ApiReply> refused = refuse(client);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<DeadLetters> deadLetters = deadLetters();
        if (deadLetters.isEmpty()) {
            return brokerNotEmbedded();
        }
        Optional<DeadLetter> found = findMessage(deadLetters.get(), queue, messageId);
        if (found.isEmpty()) {
            return notFound("No message " + messageId + " on dead-letter queue " + queue + ".");
        }
        if (!deadLetters.get().queueExists(found.get().originalQueue())) {
            return ApiReply.problem(Problem.of(ProblemType.ACTION_REFUSED,
                    "The message's original queue " + found.get().originalQueue() + " does not exist (any more); nothing was moved."));
        }
        AuditEntry entry = replay(deadLetters.get(), found.get(), client, correlationId, null);
        if (entry == null) {
            return notFound("Message " + messageId + " left " + queue + " before it could be replayed.");
        }
        return ApiReply.json(200, actionResult(entry, found.get().originalQueue()));
    }

    public ApiReply replayDeadLetters(String queue, GatewayClient client, String correlationId) throws Exception {
        return replayDeadLetters(queue, null, null, null, null, client, correlationId);
    }

    /**
     * Replays every message of the dead-letter queue, or with a filter (case, reason text, time range) only
     * those it takes; audited once per original queue with the count and the filter.
     */
    public ApiReply replayDeadLetters(String queue, String caseId, String reason, String from, String to, GatewayClient client,
                                      String correlationId) throws Exception {
        Optional<ApiReply> refused = refuse(client);
        if (refused.isPresent()) {
            return refused.get();
        }
        DeadLetterFilter filter;
        try {
            filter = filter(caseId, reason, from, to);
        } catch (BadQuery e) {
            return e.reply;
        }
        Optional<DeadLetters> deadLetters = deadLetters();
        if (deadLetters.isEmpty()) {
            return brokerNotEmbedded();
        }
        if (!deadLetters.get().isDeadLetterQueue(queue)) {
            return notFound("No dead-letter queue " + queue + " (dead-letter queues end in .dlq).");
        }
        // One audit row per original queue with the count: a bulk replay is one action, and may move many thousands.
        Map<String, Integer> moved = transaction.execute(status -> {
            try {
                Map<String, Integer> byTarget = deadLetters.get().replayMatching(queue, filter);
                String why = filter.isAll() ? "bulk replay" : "bulk replay (" + filter.describe() + ")";
                byTarget.forEach((target, count) -> audit.add(entry(client, OpsAudit.Action.DEAD_LETTER_REPLAY, queue, null, null,
                        why, count + " messages moved back to " + target, correlationId), null, null));
                return byTarget;
            } catch (Exception e) {
                throw new IllegalStateException("replaying " + queue + " failed", e);
            }
        });
        int replayed = moved == null ? 0 : moved.values().stream().mapToInt(Integer::intValue).sum();
        log.info("Dead-letter queue {} replayed by {} ({}): {}", queue, client.id(), filter.describe(), moved);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("queue", queue);
        body.put("replayed", replayed);
        body.put("remaining", deadLetters.get().overview(queue, 0).count());
        return ApiReply.json(200, body);
    }

    public ApiReply discardDeadLetter(String queue, String messageId, byte[] requestBody, GatewayClient client, String correlationId)
            throws Exception {
        Optional<ApiReply> refused = refuse(client);
        if (refused.isPresent()) {
            return refused.get();
        }
        String reason;
        try {
            reason = reasonFrom(requestBody);
        } catch (IOException e) {
            return ApiReply.problem(Problem.of(ProblemType.MALFORMED_JSON, "Send {\"reason\": \"why this message is discarded\"}."));
        }
        if (reason == null) {
            return ApiReply.problem(Problem.of(ProblemType.INVALID_REQUEST, "Say why the message is discarded: {\"reason\": \"...\"}.")
                    .withErrors(List.of(FieldError.of("/reason", "required", "reason is required and must not be blank"))));
        }
        Optional<DeadLetters> deadLetters = deadLetters();
        if (deadLetters.isEmpty()) {
            return brokerNotEmbedded();
        }
        Optional<DeadLetter> found = findMessage(deadLetters.get(), queue, messageId);
        if (found.isEmpty()) {
            return notFound("No message " + messageId + " on dead-letter queue " + queue + ".");
        }
        DeadLetter message = found.get();
        AuditEntry entry = entry(client, OpsAudit.Action.DEAD_LETTER_DISCARD, queue, message.messageId(), null, reason,
                "discarded from " + queue + " (was for " + message.originalQueue() + "); the message is kept in this audit row",
                correlationId);
        // The audit row (with the whole message) commits only if the broker removed the message.
        Boolean removed = transaction.execute(status -> {
            audit.add(entry, ApiJson.mapper().valueToTree(message.properties()).toString(), originalBody(message));
            try {
                if (!deadLetters.get().discard(queue, Long.parseLong(message.messageId()))) {
                    status.setRollbackOnly();
                    return false;
                }
            } catch (Exception e) {
                throw new IllegalStateException("discarding " + message.messageId() + " from " + queue + " failed", e);
            }
            return true;
        });
        if (!Boolean.TRUE.equals(removed)) {
            return notFound("Message " + messageId + " left " + queue + " before it could be discarded.");
        }
        log.info("Dead letter {} discarded from {} by {}: {}", message.messageId(), queue, client.id(), reason);
        return ApiReply.json(200, actionResult(entry, null));
    }

    // ---- routes ----

    public ApiReply listRoutes(GatewayClient client) {
        return refuse(client).orElseGet(() -> ApiReply.json(200, Map.of("routes", routes.routes())));
    }

    public ApiReply stopRoute(String routeId, GatewayClient client, String correlationId) throws Exception {
        return routeAction(routeId, true, client, correlationId);
    }

    public ApiReply startRoute(String routeId, GatewayClient client, String correlationId) throws Exception {
        return routeAction(routeId, false, client, correlationId);
    }

    private ApiReply routeAction(String routeId, boolean stop, GatewayClient client, String correlationId) {
        Optional<ApiReply> refused = refuse(client);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (routes.route(routeId).isEmpty()) {
            return notFound("No route " + routeId + ".");
        }
        if (stop && routes.isOwn(routeId)) {
            return ApiReply.problem(Problem.of(ProblemType.ACTION_REFUSED,
                    "Route " + routeId + " serves the operations API itself; stopping it would lock operations out."));
        }
        AuditEntry entry = entry(client, stop ? OpsAudit.Action.ROUTE_STOP : OpsAudit.Action.ROUTE_START, null, null, routeId,
                null, null, correlationId);
        transaction.executeWithoutResult(status -> {
            audit.add(entry, null, null);
            try {
                if (stop) {
                    routes.stop(routeId);
                } else {
                    routes.start(routeId);
                }
            } catch (Exception e) {
                throw new IllegalStateException((stop ? "stopping " : "starting ") + routeId + " failed", e);
            }
        });
        log.info("Route {} {} by {}", routeId, stop ? "stopped" : "started", client.id());
        return ApiReply.json(200, routes.route(routeId).orElseThrow());
    }

    // ---- queues and failures ----

    public ApiReply listQueues(GatewayClient client) {
        Optional<ApiReply> refused = refuse(client);
        if (refused.isPresent()) {
            return refused.get();
        }
        EmbeddedActiveMQ embedded = embeddedBroker.getIfAvailable();
        if (embedded == null || embedded.getActiveMQServer() == null) {
            return brokerNotEmbedded();
        }
        return ApiReply.json(200, Map.of("queues", QueueDepth.of(embedded.getActiveMQServer())));
    }

    public ApiReply listFailures(String limit, GatewayClient client) {
        Optional<ApiReply> refused = refuse(client);
        if (refused.isPresent()) {
            return refused.get();
        }
        int count = 50;
        if (limit != null && !limit.isBlank()) {
            count = parseLimit(limit, 1, RecentFailures.CAPACITY);
            if (count < 0) {
                return badQuery("/limit", "limit must be a whole number from 1 to " + RecentFailures.CAPACITY);
            }
        }
        return ApiReply.json(200, Map.of("items", failures.latest(count)));
    }

    // ---- pipeline and audit ----

    public ApiReply pipeline(GatewayClient client) {
        return refuse(client).orElseGet(() -> {
            Map<String, Long> counts = pipeline.byState();
            List<Map<String, Object>> states = new ArrayList<>();
            counts.forEach((state, count) -> states.add(Map.of("state", state, "count", count)));
            return ApiReply.json(200, Map.of("states", states, "total", counts.values().stream().mapToLong(Long::longValue).sum()));
        });
    }

    public ApiReply listAudit(String limit, String before, GatewayClient client) {
        Optional<ApiReply> refused = refuse(client);
        if (refused.isPresent()) {
            return refused.get();
        }
        int pageSize = 100;
        if (limit != null && !limit.isBlank()) {
            pageSize = parseLimit(limit, 1, 1000);
            if (pageSize < 0) {
                return badQuery("/limit", "limit must be a whole number from 1 to 1000");
            }
        }
        List<AuditEntry> page = audit.page(before == null || before.isBlank() ? null : before, pageSize);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page);
        if (page.size() == pageSize) {
            body.put("nextBefore", page.get(page.size() - 1).auditId());
        }
        return ApiReply.json(200, body);
    }

    // ---- helpers ----

    /** Moves one message back to its original queue with its audit row; null when it was gone already. */
    private AuditEntry replay(DeadLetters deadLetters, DeadLetter message, GatewayClient client, String correlationId, String reason) {
        AuditEntry entry = entry(client, OpsAudit.Action.DEAD_LETTER_REPLAY, message.queue(), message.messageId(), null, reason,
                "moved back to " + message.originalQueue(), correlationId);
        Boolean moved = transaction.execute(status -> {
            audit.add(entry, null, null);
            try {
                if (!deadLetters.replay(message.queue(), Long.parseLong(message.messageId()), message.originalQueue())) {
                    status.setRollbackOnly();
                    return false;
                }
            } catch (Exception e) {
                throw new IllegalStateException("replaying " + message.messageId() + " from " + message.queue() + " failed", e);
            }
            return true;
        });
        if (!Boolean.TRUE.equals(moved)) {
            return null;
        }
        log.info("Dead letter {} replayed from {} to {} by {}", message.messageId(), message.queue(), message.originalQueue(), client.id());
        return entry;
    }

    private static Map<String, Object> actionResult(AuditEntry entry, String movedTo) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", entry.action());
        body.put("queue", entry.queue());
        body.put("messageId", entry.messageId());
        if (movedTo != null) {
            body.put("movedTo", movedTo);
        }
        body.put("auditId", entry.auditId());
        return body;
    }

    private static AuditEntry entry(GatewayClient client, OpsAudit.Action action, String queue, String messageId, String routeId,
            String reason, String detail, String correlationId) {
        return new AuditEntry(TimeOrderedIds.next(), OffsetDateTime.now(ZoneOffset.UTC), client.id(), action.name(), queue,
                messageId, routeId, reason, detail, correlationId);
    }

    private static Optional<DeadLetter> findMessage(DeadLetters deadLetters, String queue, String messageId) {
        if (!deadLetters.isDeadLetterQueue(queue) || messageId == null || !messageId.matches("[0-9]{1,19}")) {
            return Optional.empty();
        }
        return deadLetters.find(queue, Long.parseLong(messageId));
    }

    private static byte[] originalBody(DeadLetter message) {
        return "text".equals(message.bodyEncoding()) ? message.body().getBytes(StandardCharsets.UTF_8)
                : java.util.Base64.getDecoder().decode(message.body());
    }

    /** The reason from {"reason": "..."}; null when the body, the field or its text is missing. */
    static String reasonFrom(byte[] body) throws IOException {
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        JsonNode json = ApiJson.mapper().readTree(body);
        if (json == null || !json.isObject()) {
            throw new IOException("not a JSON object");
        }
        JsonNode reason = json.get("reason");
        return reason == null || !reason.isTextual() || reason.asText().isBlank() ? null : reason.asText().trim();
    }

    private Optional<DeadLetters> deadLetters() {
        EmbeddedActiveMQ embedded = embeddedBroker.getIfAvailable();
        return embedded == null || embedded.getActiveMQServer() == null ? Optional.empty()
                : Optional.of(new DeadLetters(embedded.getActiveMQServer()));
    }

    /** The edge filter already keeps other roles out of /api/v1/ops; this keeps the operations themselves honest too. */
    private static Optional<ApiReply> refuse(GatewayClient client) {
        return client.role() == Role.OPERATIONS ? Optional.empty()
                : Optional.of(ApiReply.problem(Problem.of(ProblemType.FORBIDDEN, "Only operations clients may use the operations API.")));
    }

    private static final class BadQuery extends Exception {
        final ApiReply reply;

        BadQuery(ApiReply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    private static DeadLetterFilter filter(String caseId, String reason, String from, String to) throws BadQuery {
        return new DeadLetterFilter(blankToNull(caseId), blankToNull(reason), instant("/from", from), instant("/to", to));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static java.time.Instant instant(String pointer, String value) throws BadQuery {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadQuery(ApiReply.problem(Problem.of(ProblemType.INVALID_QUERY, "Fix the query parameters.")
                    .withErrors(List.of(FieldError.of(pointer, "invalid-date-time",
                            pointer.substring(1) + " must be a date-time with offset, e.g. 2026-11-23T10:00:00Z")))));
        }
    }

    private static int parseLimit(String limit, int min, int max) {
        try {
            int value = Integer.parseInt(limit.trim());
            return value < min || value > max ? -1 : value;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ApiReply badQuery(String pointer, String message) {
        return ApiReply.problem(Problem.of(ProblemType.INVALID_QUERY, "Fix the query parameters.")
                .withErrors(List.of(FieldError.of(pointer, "out-of-range", message))));
    }

    private static ApiReply notFound(String detail) {
        return ApiReply.problem(Problem.of(ProblemType.NOT_FOUND, detail));
    }

    private static ApiReply brokerNotEmbedded() {
        return ApiReply.problem(Problem.of(ProblemType.UNAVAILABLE,
                "The broker is external (spring.artemis.mode=native): manage its dead letters with the broker's own console."));
    }
}
