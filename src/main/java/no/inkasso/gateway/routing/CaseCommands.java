package no.inkasso.gateway.routing;

import no.inkasso.gateway.cases.CaseEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.cases.CaseState;
import no.inkasso.gateway.cases.TimeOrderedIds;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.feed.CaseFeedCodec;
import no.inkasso.gateway.feed.CaseFeedMapper;
import no.inkasso.gateway.feed.model.Answer;
import no.inkasso.gateway.feed.model.FeedCommand;
import no.inkasso.gateway.feed.model.FeedKind;
import no.inkasso.gateway.outbox.OutboxMessage;
import no.inkasso.gateway.outbox.OutboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A creditor's commands on a case at an agency (pause, resume, a direct payment, a credit note,
 * withdrawal, a dispute, an answer to the agency's question), sent in the case's feed: the next
 * sequence number after what the agency has had, recorded as a delivery row with an outbox message to
 * the agency's queue and a COMMAND_SENT event, in one transaction under the case's row lock, so the
 * agency gets them once and in order. A command the case's state does not allow is refused with the
 * reason, and nothing is sent.
 */
@Service
public class CaseCommands {

    public static final String COMMAND_SENT = "COMMAND_SENT";
    private static final Logger log = LoggerFactory.getLogger(CaseCommands.class);

    /** What became of a command. */
    public sealed interface Result {
        record Accepted(String commandId, String caseId, int sequence, FeedKind kind, String agencyId) implements Result {}

        /** {@code invalid}: the command itself is wrong (400); else the case does not allow it (409). */
        record Refused(boolean invalid, String reason, List<FieldError> errors) implements Result {}

        record NotFound() implements Result {}
    }

    /** A command as asked for, checked for its own fields. */
    public record Command(FeedKind kind, BigDecimal amount, LocalDate date, Boolean fullCredit, String questionId, Answer answer,
                          String note) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final OutboxStore outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public CaseCommands(NamedParameterJdbcTemplate jdbc, OutboxStore outbox, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Reads a command's JSON ({@code CaseCommand} in the OpenAPI document); the errors, if any, are the caller's 400. */
    public static Object read(JsonNode body, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return List.of(FieldError.of("", "not-an-object", "the command is a JSON object"));
        }
        FeedKind kind = null;
        String kindText = body.path("kind").asText("");
        try {
            kind = FeedKind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            // below
        }
        if (kind == null || kind == FeedKind.NEW_CASE) {
            errors.add(FieldError.of("/kind", "invalid-kind",
                    "kind must be one of PAUSE, RESUME, DIRECT_PAYMENT, CREDIT_NOTE, WITHDRAWAL, DISPUTE, ANSWER (was '" + kindText + "')"));
        }
        BigDecimal amount = null;
        if (body.hasNonNull("amount")) {
            if (!body.get("amount").isNumber() || body.get("amount").decimalValue().signum() <= 0
                    || body.get("amount").decimalValue().stripTrailingZeros().scale() > 2) {
                errors.add(FieldError.of("/amount", "invalid-amount", "amount is a positive number with at most 2 decimals"));
            } else {
                amount = body.get("amount").decimalValue().setScale(2);
            }
        }
        LocalDate date = null;
        if (body.hasNonNull("date")) {
            try {
                date = LocalDate.parse(body.get("date").asText());
                if (date.isAfter(today)) {
                    errors.add(FieldError.of("/date", "date-in-future", "date " + date + " is after today (" + today + ")"));
                }
            } catch (DateTimeParseException e) {
                errors.add(FieldError.of("/date", "invalid-date", "date is a date (yyyy-mm-dd)"));
            }
        }
        Boolean fullCredit = body.hasNonNull("fullCredit") ? body.get("fullCredit").asBoolean() : null;
        String questionId = body.hasNonNull("questionId") ? body.get("questionId").asText() : null;
        Answer answer = null;
        if (body.hasNonNull("answer")) {
            try {
                answer = Answer.valueOf(body.get("answer").asText());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("/answer", "invalid-answer", "answer is APPROVE or DECLINE"));
            }
        }
        String note = body.hasNonNull("note") ? body.get("note").asText() : null;
        if (note != null && note.length() > 500) {
            errors.add(FieldError.of("/note", "too-long", "note is at most 500 characters"));
        }
        if (kind == FeedKind.DIRECT_PAYMENT) {
            require(errors, amount != null || body.hasNonNull("amount"), "/amount", "a direct payment names its amount");
            require(errors, date != null || body.hasNonNull("date"), "/date", "a direct payment names the day it was paid");
        }
        if (kind == FeedKind.CREDIT_NOTE) {
            require(errors, amount != null || body.hasNonNull("amount") || Boolean.TRUE.equals(fullCredit), "/amount",
                    "a credit note names its amount, or fullCredit true");
            require(errors, date != null || body.hasNonNull("date"), "/date", "a credit note names its date");
        }
        if (kind == FeedKind.ANSWER) {
            require(errors, questionId != null && !questionId.isBlank() && questionId.length() <= 64, "/questionId",
                    "an answer names the agency's question (1-64 characters)");
            require(errors, answer != null || body.hasNonNull("answer"), "/answer", "an answer is APPROVE or DECLINE");
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        return new Command(kind, amount, date, fullCredit, questionId, answer, note);
    }

    private static void require(List<FieldError> errors, boolean ok, String pointer, String message) {
        if (!ok) {
            errors.add(FieldError.of(pointer, "required", message));
        }
    }

    private record Locked(CaseState state, String agencyId, String agencyCaseNumber, String correlationId, BigDecimal outstanding) {}

    /** Sends {@code command} on case {@code caseId} for {@code actor}, or says why not. */
    public Result submit(String caseId, Command command, String actor) {
        return transaction.execute(tx -> submitLocked(caseId, command, actor, true));
    }

    /**
     * Sends a credit note the gateway booked itself (an EHF CreditNote on a case at an agency) in the
     * caller's transaction; the caller has already lowered the outstanding amount.
     */
    public Result sendBookedCredit(String caseId, Command command, String actor) {
        return transaction.execute(tx -> submitLocked(caseId, command, actor, false));
    }

    private Result submitLocked(String caseId, Command command, String actor, boolean adjustOutstanding) {
        var params = new MapSqlParameterSource("caseId", caseId);
        Optional<Locked> row = jdbc.query("""
                select state, agency_id, agency_case_number, correlation_id, outstanding_amount from claim_case
                where case_id = :caseId for update
                """, params, (rs, n) -> new Locked(CaseState.valueOf(rs.getString("state")), rs.getString("agency_id"),
                rs.getString("agency_case_number"), rs.getString("correlation_id"), rs.getBigDecimal("outstanding_amount")))
                .stream().findFirst();
        if (row.isEmpty()) {
            return new Result.NotFound();
        }
        Locked c = row.get();
        if (c.state() != CaseState.ROUTED && !c.state().isAtAgency()) {
            boolean closed = c.state().isClosed() || c.state() == CaseState.DELIVERY_FAILED;
            return refused(closed
                    ? "Case " + caseId + " is " + c.state() + ": closed, it takes no more commands."
                    : "Case " + caseId + " is " + c.state() + ": commands go to the case's agency, and it is not at one yet "
                            + "(a case goes to its agency once it is ELIGIBLE).");
        }
        List<FeedKind> sent = jdbc.query("select kind from agency_delivery where case_id = :caseId and seq > 1 order by seq", params,
                (rs, n) -> FeedKind.valueOf(rs.getString(1)));
        if (sent.contains(FeedKind.WITHDRAWAL)) {
            return refused("Case " + caseId + " was withdrawn from the agency; it takes no more commands.");
        }
        boolean paused = sent.stream().filter(k -> k == FeedKind.PAUSE || k == FeedKind.RESUME).reduce((a, b) -> b)
                .map(k -> k == FeedKind.PAUSE).orElse(false);
        if (command.kind() == FeedKind.PAUSE && paused) {
            return refused("Case " + caseId + " is paused already.");
        }
        if (command.kind() == FeedKind.RESUME && !paused) {
            return refused("Case " + caseId + " is not paused; there is nothing to resume.");
        }
        if (command.kind() == FeedKind.DISPUTE && sent.contains(FeedKind.DISPUTE)) {
            return refused("Case " + caseId + " is disputed already.");
        }
        if (command.kind() == FeedKind.ANSWER) {
            List<String> question = jdbc.query("select state from agency_question where case_id = :caseId and question_id = :questionId",
                    new MapSqlParameterSource(params.getValues()).addValue("questionId", command.questionId()), (rs, n) -> rs.getString(1));
            if (question.isEmpty()) {
                return refused("Case " + caseId + " has no question " + command.questionId() + " from its agency.");
            }
            if (!"OPEN".equals(question.get(0))) {
                return refused("Question " + command.questionId() + " on case " + caseId + " is answered already.");
            }
        }
        BigDecimal amount = command.amount();
        if (command.kind() == FeedKind.CREDIT_NOTE && Boolean.TRUE.equals(command.fullCredit())) {
            amount = amount == null ? c.outstanding() : amount;
        }
        if (adjustOutstanding && (command.kind() == FeedKind.DIRECT_PAYMENT || command.kind() == FeedKind.CREDIT_NOTE) && amount != null
                && amount.compareTo(c.outstanding()) > 0) {
            return refused("Case " + caseId + " has " + c.outstanding() + " outstanding; a " + command.kind() + " of " + amount
                    + " is more than that.");
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Integer last = jdbc.queryForObject("select max(seq) from agency_delivery where case_id = :caseId", params, Integer.class);
        int sequence = (last == null ? CaseFeedMapper.NEW_CASE_SEQUENCE : last) + 1;
        String commandId = TimeOrderedIds.next();
        FeedCommand feed = new FeedCommand();
        feed.setCommandId(commandId);
        feed.setRequestedBy(actor);
        feed.setAmount(amount);
        feed.setDate(command.date());
        feed.setFullCredit(command.fullCredit());
        feed.setQuestionId(command.questionId());
        feed.setAnswer(command.answer());
        feed.setNote(command.note());
        String json = CaseFeedCodec.toJson(CaseFeedMapper.command(caseId, sequence, command.kind(), c.agencyId(), c.agencyCaseNumber(),
                c.correlationId(), feed, now));
        jdbc.update("""
                insert into agency_delivery (case_id, seq, kind, agency_id, state, attempts, command_id, payload, created_at)
                values (:caseId, :seq, :kind, :agency, :state, 0, :commandId, :payload, :at)
                """, new MapSqlParameterSource(params.getValues()).addValue("seq", sequence).addValue("kind", command.kind().name())
                .addValue("agency", c.agencyId()).addValue("state", DeliveryState.QUEUED.name()).addValue("commandId", commandId)
                .addValue("payload", json).addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
        if (adjustOutstanding && (command.kind() == FeedKind.DIRECT_PAYMENT || command.kind() == FeedKind.CREDIT_NOTE) && amount != null) {
            // the case's outstanding amount follows what the creditor reports paid or credited
            jdbc.update("""
                    update claim_case set outstanding_amount = outstanding_amount - :amount, version = version + 1, updated_at = :at
                    where case_id = :caseId
                    """, new MapSqlParameterSource(params.getValues()).addValue("amount", amount)
                    .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
        }
        if (command.kind() == FeedKind.ANSWER) {
            jdbc.update("""
                    update agency_question set state = 'ANSWERED', answer = :answer, answered_at = :at, command_id = :commandId
                    where case_id = :caseId and question_id = :questionId
                    """, new MapSqlParameterSource(params.getValues()).addValue("answer", command.answer().name())
                    .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE).addValue("commandId", commandId)
                    .addValue("questionId", command.questionId()));
        }
        String queue = RoutingProperties.outboundQueue(c.agencyId());
        ObjectNode detail = ApiJson.mapper().createObjectNode().put("commandId", commandId).put("kind", command.kind().name())
                .put("sequence", sequence).put("agency", c.agencyId()).put("queue", queue);
        if (amount != null) {
            detail.put("amount", amount);
        }
        CaseEvents.append(jdbc, caseId, COMMAND_SENT, now, actor, detail);
        outbox.add(List.of(OutboxMessage.of(queue, queue + ":" + caseId + ":" + sequence, caseId, c.correlationId(), json)));
        log.info("Command {} {} on case {} sent to agency {} as #{}", command.kind(), commandId, caseId, c.agencyId(), sequence);
        return new Result.Accepted(commandId, caseId, sequence, command.kind(), c.agencyId());
    }

    private static Result refused(String reason) {
        return new Result.Refused(false, reason, List.of());
    }
}
