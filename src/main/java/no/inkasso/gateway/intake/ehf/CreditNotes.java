package no.inkasso.gateway.intake.ehf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.cases.CaseEvents;
import no.inkasso.gateway.cases.CaseState;
import no.inkasso.gateway.cases.Channel;
import no.inkasso.gateway.cases.NewCase;
import no.inkasso.gateway.cases.TimeOrderedIds;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.claims.model.Payment;
import no.inkasso.gateway.claims.model.PaymentKind;
import no.inkasso.gateway.eligibility.flow.EligibilityService;
import no.inkasso.gateway.intake.NewCaseListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credit notes against cases (table {@code credit_note}). A credit note names one invoice of its
 * creditor: when that invoice's case exists the credit is applied at once, else the credit note is
 * HELD and applied when the invoice arrives through any channel ({@link NewCaseListener}). Applying
 * books a CREDIT_NOTE payment on the claim and reduces its outstanding amount; at zero the case is
 * closed as {@link CaseState#CREDITED} (at no cost to the creditor). A case already decided is
 * decided again for the new amount; a case handed on to agency routing (ELIGIBLE) keeps its state and
 * gets a PENDING {@code case_command} that agency routing sends on ({@link #COMMAND_CREDIT}).
 * Idempotent per (creditor, credit note number): the same credit note again changes nothing.
 */
@Service
public class CreditNotes implements NewCaseListener {

    public static final String CREDIT_NOTE_APPLIED = "CREDIT_NOTE_APPLIED";
    public static final String CREDIT_NOTE_NOT_APPLIED = "CREDIT_NOTE_NOT_APPLIED";
    /** The case_command kind agency routing must send on: credit {@code amount}, closing the case when {@code closes}. */
    public static final String COMMAND_CREDIT = "CREDIT";

    private static final Logger log = LoggerFactory.getLogger(CreditNotes.class);

    public enum State {
        /** Booked on its invoice's case. */
        APPLIED,
        /** Its invoice has not arrived yet; applied when it does. */
        HELD,
        /** It names a case it cannot be booked on as it is (another currency); a person must look. */
        REVIEW
    }

    /** A credit note as the intake read it. */
    public record Credit(String creditorOrg, String number, String invoiceNumber, String currency, BigDecimal amount,
                         LocalDate issueDate) {

        String sha256() {
            String canonical = String.join("|", creditorOrg, number, invoiceNumber, currency, amount.stripTrailingZeros().toPlainString(),
                    issueDate.toString());
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What became of a credit note; {@code caseId} and the case's figures are null while it is held. */
    public record Taken(String creditNoteId, State state, boolean duplicate, boolean conflict, String caseId, CaseState caseState,
                        BigDecimal outstandingAmount, String note) {}

    private record Row(String id, String creditorOrg, String number, String invoiceNumber, String state, String caseId, String currency,
                       BigDecimal amount, LocalDate issueDate, String sha, String note) {}

    private record Applied(State state, CaseState caseState, BigDecimal outstanding, String note) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EligibilityService eligibility;
    private final Clock clock;

    private final no.inkasso.gateway.routing.CaseCommands commands;

    public CreditNotes(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, EligibilityService eligibility, Clock clock,
                       no.inkasso.gateway.routing.CaseCommands commands) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.eligibility = eligibility;
        this.clock = clock;
    }

    /** Stores the credit note and applies it if its invoice's case exists; the same credit note again is a duplicate. */
    public Taken take(Credit credit, Channel channel, String clientId, String correlationId) {
        Taken taken;
        try {
            taken = transaction.execute(tx -> store(credit, channel, clientId, correlationId));
        } catch (DuplicateKeyException raced) {
            taken = transaction.execute(tx -> store(credit, channel, clientId, correlationId));
        }
        if (taken.state() == State.APPLIED && !taken.duplicate() && redecide(taken)) {
            eligibility.redecideAfterCredit(taken.caseId(), clientId);
            return new Taken(taken.creditNoteId(), taken.state(), false, false, taken.caseId(), caseState(taken.caseId()),
                    taken.outstandingAmount(), taken.note());
        }
        return taken;
    }

    private static boolean redecide(Taken taken) {
        CaseState s = taken.caseState();
        return s == CaseState.WAITING || s == CaseState.REJECTED || s == CaseState.MANUAL_REVIEW;
    }

    private Taken store(Credit credit, Channel channel, String clientId, String correlationId) {
        String sha = credit.sha256();
        Optional<Row> existing = jdbc.query("select * from credit_note where credit_note_number = :number and creditor_org = :creditor",
                new MapSqlParameterSource("number", credit.number()).addValue("creditor", credit.creditorOrg()), CreditNotes::row)
                .stream().findFirst();
        if (existing.isPresent()) {
            Row r = existing.get();
            boolean same = r.sha().equals(sha);
            return new Taken(r.id(), State.valueOf(r.state()), same, !same, r.caseId(), r.caseId() == null ? null : caseState(r.caseId()),
                    r.caseId() == null ? null : outstanding(r.caseId()), r.note());
        }
        OffsetDateTime now = now();
        String id = TimeOrderedIds.next();
        jdbc.update("""
                insert into credit_note (credit_note_id, creditor_org, credit_note_number, invoice_number, state, currency, amount,
                    issue_date, received_via, client_id, correlation_id, content_sha256, received_at)
                values (:id, :creditor, :number, :invoice, :state, :currency, :amount, :issued, :via, :client, :correlation, :sha, :at)
                """, new MapSqlParameterSource("id", id)
                .addValue("creditor", credit.creditorOrg())
                .addValue("number", credit.number())
                .addValue("invoice", credit.invoiceNumber())
                .addValue("state", State.HELD.name())
                .addValue("currency", credit.currency())
                .addValue("amount", credit.amount())
                .addValue("issued", credit.issueDate())
                .addValue("via", channel.name())
                .addValue("client", clientId)
                .addValue("correlation", correlationId)
                .addValue("sha", sha)
                .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
        Row row = new Row(id, credit.creditorOrg(), credit.number(), credit.invoiceNumber(), State.HELD.name(), null, credit.currency(),
                credit.amount(), credit.issueDate(), sha, null);
        // The invoice's case, whichever ledger sent it; the oldest if more than one did.
        Optional<String> caseId = jdbc.queryForList("""
                select case_id from claim_case where invoice_number = :invoice and creditor_org = :creditor order by created_at, case_id
                """, new MapSqlParameterSource("invoice", credit.invoiceNumber()).addValue("creditor", credit.creditorOrg()), String.class)
                .stream().findFirst();
        if (caseId.isEmpty()) {
            log.info("Credit note {} of creditor {} names invoice {}, not received yet: held", credit.number(), credit.creditorOrg(),
                    credit.invoiceNumber());
            return new Taken(id, State.HELD, false, false, null, null, null, null);
        }
        Applied applied = apply(row, caseId.get(), clientId, now);
        return new Taken(id, applied.state(), false, false, caseId.get(), applied.caseState(), applied.outstanding(), applied.note());
    }

    /** Held credit notes naming invoices that just became cases are applied in the same transaction. */
    @Override
    public void created(List<NewCase> cases, String actor) {
        if (cases.isEmpty()) {
            return;
        }
        List<String> invoices = cases.stream().map(c -> c.key().invoiceNumber()).distinct().toList();
        List<Row> held = new java.util.ArrayList<>();
        for (int from = 0; from < invoices.size(); from += 500) {
            held.addAll(jdbc.query("select * from credit_note where invoice_number in (:invoices) and state = :held order by credit_note_id",
                    new MapSqlParameterSource("invoices", invoices.subList(from, Math.min(invoices.size(), from + 500)))
                            .addValue("held", State.HELD.name()), CreditNotes::row));
        }
        if (held.isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        for (Row r : held) {
            cases.stream().filter(c -> c.key().invoiceNumber().equals(r.invoiceNumber()) && c.key().creditorOrg().equals(r.creditorOrg()))
                    .findFirst()
                    .ifPresent(c -> {
                        Applied applied = apply(r, c.caseId(), actor, now);
                        log.info("Held credit note {} of creditor {} applied to the new case {} of invoice {}: {}", r.number(),
                                r.creditorOrg(), c.caseId(), r.invoiceNumber(), applied.caseState());
                    });
        }
    }

    /** Books the credit note on the case, under the case's row lock; the caller holds the transaction. */
    private Applied apply(Row credit, String caseId, String actor, OffsetDateTime now) {
        var params = new MapSqlParameterSource("caseId", caseId);
        record Locked(CaseState state, String claimJson, String currency, BigDecimal outstanding) {}
        Locked c = jdbc.queryForObject("""
                select state, claim_json, currency, outstanding_amount from claim_case where case_id = :caseId for update
                """, params, (rs, n) -> new Locked(CaseState.valueOf(rs.getString("state")), rs.getString("claim_json"),
                rs.getString("currency"), rs.getBigDecimal("outstanding_amount")));
        ObjectNode detail = ApiJson.mapper().createObjectNode()
                .put("creditNoteId", credit.id())
                .put("creditNoteNumber", credit.number())
                .put("currency", credit.currency())
                .put("amount", credit.amount());
        if (!c.currency().equals(credit.currency())) {
            String note = "credit note in " + credit.currency() + ", case in " + c.currency() + ": not applied";
            detail.put("reason", note);
            addEvent(caseId, CREDIT_NOTE_NOT_APPLIED, actor, detail, now);
            markCredit(credit.id(), State.REVIEW, caseId, note, now);
            return new Applied(State.REVIEW, c.state(), c.outstanding(), note);
        }
        Claim claim = ClaimReader.fromCanonicalJson(c.claimJson());
        BigDecimal before = claim.getInvoice().getOutstandingAmount();
        BigDecimal after = before.subtract(credit.amount()).max(BigDecimal.ZERO.setScale(before.scale()));
        Payment payment = new Payment();
        payment.setKind(PaymentKind.CREDIT_NOTE);
        payment.setDate(credit.issueDate());
        payment.setAmount(credit.amount().setScale(before.scale(), java.math.RoundingMode.HALF_EVEN));
        claim.getPayments().add(payment);
        claim.getInvoice().setOutstandingAmount(after);
        boolean closes = after.signum() == 0;
        CaseState next = closes ? CaseState.CREDITED : c.state();
        // (a case at an agency keeps its state: see below)
        detail.put("outstandingBefore", before).put("outstandingAfter", after).put("closed", closes).put("stateBefore", c.state().name());
        if (c.state() == CaseState.ROUTED || c.state() == CaseState.AT_AGENCY) {
            // At its agency: the credit goes there as a CREDIT_NOTE command in the case's feed.
            var sent = commands.sendBookedCredit(caseId, new no.inkasso.gateway.routing.CaseCommands.Command(
                    no.inkasso.gateway.feed.model.FeedKind.CREDIT_NOTE, before.subtract(after), credit.issueDate(), closes, null, null,
                    "EHF credit note " + credit.number()), actor);
            if (sent instanceof no.inkasso.gateway.routing.CaseCommands.Result.Accepted a) {
                detail.put("commandId", a.commandId()).put("sequence", a.sequence());
            }
            // the agency closes it; the gateway's case stays with the agency until the return path says so
            next = c.state();
        }
        if (c.state() == CaseState.ELIGIBLE) {
            // Not routed yet: the NEW_CASE will carry the credit in the claim's payments (AgencyRouter marks this sent).
            String commandId = TimeOrderedIds.next();
            ObjectNode command = detail.deepCopy().put("closes", closes);
            jdbc.update("""
                    insert into case_command (command_id, case_id, kind, state, detail_json, created_at)
                    values (:id, :caseId, :kind, 'PENDING', :detail, :at)
                    """, new MapSqlParameterSource("id", commandId).addValue("caseId", caseId).addValue("kind", COMMAND_CREDIT)
                    .addValue("detail", command.toString()).addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
            detail.put("pendingCommandId", commandId);
        }
        String json;
        try {
            json = ApiJson.canonicalMapper().writeValueAsString(claim);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a credited claim could not be written", e);
        }
        jdbc.update("""
                update claim_case set claim_json = :json, outstanding_amount = :outstanding, state = :state,
                    recheck_on = case when :closes then null else recheck_on end, version = version + 1, updated_at = :at
                where case_id = :caseId
                """, new MapSqlParameterSource("caseId", caseId).addValue("json", json).addValue("outstanding", after)
                .addValue("state", next.name()).addValue("closes", closes).addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
        addEvent(caseId, CREDIT_NOTE_APPLIED, actor, detail, now);
        markCredit(credit.id(), State.APPLIED, caseId, null, now);
        return new Applied(State.APPLIED, next, after, null);
    }

    private void addEvent(String caseId, String type, String actor, ObjectNode detail, OffsetDateTime now) {
        CaseEvents.append(jdbc, caseId, type, now, actor, detail);
    }

    private void markCredit(String id, State state, String caseId, String note, OffsetDateTime now) {
        jdbc.update("""
                update credit_note set state = :state, case_id = :caseId, note = :note, applied_at = :at where credit_note_id = :id
                """, new MapSqlParameterSource("id", id).addValue("state", state.name()).addValue("caseId", caseId).addValue("note", note)
                .addValue("at", state == State.APPLIED ? now : null, Types.TIMESTAMP_WITH_TIMEZONE));
    }

    public CaseState caseState(String caseId) {
        return jdbc.query("select state from claim_case where case_id = :id", new MapSqlParameterSource("id", caseId),
                (rs, n) -> CaseState.valueOf(rs.getString("state"))).stream().findFirst().orElse(null);
    }

    private BigDecimal outstanding(String caseId) {
        return jdbc.query("select outstanding_amount from claim_case where case_id = :id", new MapSqlParameterSource("id", caseId),
                (rs, n) -> rs.getBigDecimal(1)).stream().findFirst().orElse(null);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getString("credit_note_id"), rs.getString("creditor_org"), rs.getString("credit_note_number"),
                rs.getString("invoice_number"), rs.getString("state"), rs.getString("case_id"), rs.getString("currency"),
                rs.getBigDecimal("amount"), rs.getObject("issue_date", LocalDate.class), rs.getString("content_sha256"), rs.getString("note"));
    }
}
