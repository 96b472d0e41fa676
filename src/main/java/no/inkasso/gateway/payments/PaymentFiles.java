package no.inkasso.gateway.payments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.cases.CaseEvents;
import no.inkasso.gateway.cases.CaseState;
import no.inkasso.gateway.cases.Channel;
import no.inkasso.gateway.cases.TimeOrderedIds;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.claims.model.Payment;
import no.inkasso.gateway.claims.model.PaymentKind;
import no.inkasso.gateway.eligibility.flow.EligibilityService;
import no.inkasso.gateway.feed.model.FeedKind;
import no.inkasso.gateway.intake.RejectedInput;
import no.inkasso.gateway.intake.RejectionStore;
import no.inkasso.gateway.routing.CaseCommands;
import no.inkasso.gateway.security.GatewayClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a bank payment file (Nets OCR giro or camt.054) from a ledger client, once per content, and
 * books each payment on the case whose KID it quotes, among the client's own creditors' cases: a case
 * not yet at an agency gets the payment on its claim (outstanding lowered; at zero it is PAID, and a
 * decided case is decided again); a case at an agency gets a DIRECT_PAYMENT command in its feed. A
 * payment that cannot be booked automatically is kept with the reason (UNMATCHED, REVIEW, DUPLICATE),
 * never dropped. An unreadable file is rejected whole and stored with its reason.
 */
@Component
public class PaymentFiles {

    public static final String PAYMENT_APPLIED = "PAYMENT_APPLIED";
    static final String ACTOR = "payments";

    private static final Logger log = LoggerFactory.getLogger(PaymentFiles.class);
    private static final Set<CaseState> BEFORE_AGENCY = EnumSet.of(CaseState.RECEIVED, CaseState.WAITING, CaseState.ELIGIBLE,
            CaseState.REJECTED, CaseState.MANUAL_REVIEW, CaseState.NO_AGENCY);
    private static final Set<CaseState> CLOSED = EnumSet.of(CaseState.CREDITED, CaseState.PAID, CaseState.DELIVERY_FAILED);

    public enum State { APPLIED, SENT_TO_AGENCY, UNMATCHED, REVIEW, DUPLICATE }

    public record Booked(String paymentId, int position, String reference, String bankReference, BigDecimal amount, String currency,
                         LocalDate paidOn, String payerName, State state, String caseId, String commandId, String reason) {}

    public sealed interface Outcome {
        record Taken(String fileId, PaymentFileFormat format, boolean duplicate, int skipped, List<Booked> payments) implements Outcome {}

        record Rejected(String rejectionId, String reason, String message) implements Outcome {}
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final CaseCommands commands;
    private final EligibilityService eligibility;
    private final RejectionStore rejections;
    private final Clock clock;
    private final MeterRegistry meters;

    public PaymentFiles(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, CaseCommands commands,
                        EligibilityService eligibility, RejectionStore rejections, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.commands = commands;
        this.eligibility = eligibility;
        this.rejections = rejections;
        this.clock = clock;
        this.meters = meters;
    }

    /** The format of a file by its first bytes: OCR giro records start with NY, camt.054 is XML. */
    public static Optional<PaymentFileFormat> detect(byte[] content) {
        int i = 0;
        if (content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB && (content[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < content.length && Character.isWhitespace(content[i])) {
            i++;
        }
        if (i + 1 < content.length && content[i] == 'N' && content[i + 1] == 'Y') {
            return Optional.of(PaymentFileFormat.OCR_GIRO);
        }
        if (i < content.length && content[i] == '<') {
            return Optional.of(PaymentFileFormat.CAMT_054);
        }
        return Optional.empty();
    }

    public Outcome take(byte[] content, String fileName, GatewayClient client, Channel channel, String correlationId, String contentType) {
        String sha = sha256(content);
        Optional<String> known = jdbc.query("select file_id from payment_file where client_id = :client and content_sha256 = :sha",
                new MapSqlParameterSource("client", client.id()).addValue("sha", sha), (rs, n) -> rs.getString(1)).stream().findFirst();
        if (known.isPresent()) {
            return find(known.get(), client).orElseThrow();
        }
        PaymentFile file;
        try {
            PaymentFileFormat format = detect(content).orElseThrow(() -> new UnreadablePaymentFileException("UNKNOWN_FORMAT",
                    "the file is neither a Nets OCR giro file (records starting NY) nor a camt.054 XML notification"));
            file = format == PaymentFileFormat.OCR_GIRO
                    ? OcrGiroReader.read(new ByteArrayInputStream(content))
                    : Camt054Reader.read(new ByteArrayInputStream(content));
        } catch (UnreadablePaymentFileException e) {
            return reject(content, fileName, client, channel, correlationId, contentType, e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a file held in memory failed", e);
        }
        List<String> redecide = new ArrayList<>();
        Outcome.Taken taken = transaction.execute(tx -> store(file, sha, fileName, client, channel, correlationId, redecide));
        for (String caseId : redecide) {
            eligibility.redecideAfterPayment(caseId, ACTOR);
        }
        for (Booked b : taken.payments()) {
            meters.counter("gateway.payments.received", "format", file.format().name(), "outcome", b.state().name()).increment();
        }
        log.info("Payment file {} ({}) from {}: {} payments, {} skipped", taken.fileId(), file.format(), client.id(),
                taken.payments().size(), file.skipped());
        return taken;
    }

    private Outcome.Taken store(PaymentFile file, String sha, String fileName, GatewayClient client, Channel channel, String correlationId,
                                List<String> redecide) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String fileId = TimeOrderedIds.next();
        jdbc.update("""
                insert into payment_file (file_id, content_sha256, client_id, file_name, format, channel, correlation_id, payments, skipped,
                    received_at)
                values (:id, :sha, :client, :name, :format, :channel, :correlation, :payments, :skipped, :at)
                """, new MapSqlParameterSource("id", fileId).addValue("sha", sha).addValue("client", client.id())
                .addValue("name", fileName == null ? null : truncate(fileName, 255)).addValue("format", file.format().name())
                .addValue("channel", channel.name()).addValue("correlation", correlationId).addValue("payments", file.payments().size())
                .addValue("skipped", file.skipped()).addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
        List<Booked> booked = new ArrayList<>();
        for (IncomingPayment p : file.payments()) {
            Booked b = book(p, client, now, redecide);
            jdbc.update("""
                    insert into incoming_payment (payment_id, file_id, file_position, reference, bank_reference, amount, currency, paid_on,
                        payer_name, state, case_id, command_id, reason, created_at)
                    values (:id, :file, :position, :reference, :bankRef, :amount, :currency, :paidOn, :payer, :state, :caseId, :commandId,
                        :reason, :at)
                    """, new MapSqlParameterSource("id", b.paymentId()).addValue("file", fileId).addValue("position", b.position())
                    .addValue("reference", b.reference() == null ? null : truncate(b.reference(), 35))
                    .addValue("bankRef", truncate(b.bankReference(), 160)).addValue("amount", b.amount()).addValue("currency", b.currency())
                    .addValue("paidOn", b.paidOn()).addValue("payer", b.payerName() == null ? null : truncate(b.payerName(), 140))
                    .addValue("state", b.state().name()).addValue("caseId", b.caseId()).addValue("commandId", b.commandId())
                    .addValue("reason", b.reason() == null ? null : truncate(b.reason(), 500))
                    .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
            booked.add(b);
        }
        return new Outcome.Taken(fileId, file.format(), false, file.skipped(), booked);
    }

    private Booked book(IncomingPayment p, GatewayClient client, OffsetDateTime now, List<String> redecide) {
        String id = TimeOrderedIds.next();
        if (!p.usable()) {
            return booked(id, p, p.reference() == null ? State.UNMATCHED : State.REVIEW, null, null, p.problem());
        }
        Integer seen = jdbc.queryForObject("select count(*) from incoming_payment where bank_reference = :ref",
                new MapSqlParameterSource("ref", truncate(p.bankReference(), 160)), Integer.class);
        if (seen != null && seen > 0) {
            return booked(id, p, State.DUPLICATE, null, null, "the bank transaction " + p.bankReference() + " came in an earlier file");
        }
        List<String[]> cases = jdbc.query("select case_id, creditor_org from claim_case where payment_ref = :ref",
                new MapSqlParameterSource("ref", p.reference()), (rs, n) -> new String[] {rs.getString(1), rs.getString(2)});
        List<String> mine = cases.stream().filter(c -> client.mayRead(c[1])).map(c -> c[0]).toList();
        if (mine.isEmpty()) {
            return booked(id, p, State.UNMATCHED, null, null, "no case of this client's creditors has KID " + p.reference());
        }
        if (mine.size() > 1) {
            return booked(id, p, State.REVIEW, null, null, "KID " + p.reference() + " is on " + mine.size() + " cases: " + String.join(", ", mine));
        }
        return apply(id, p, mine.get(0), client, now, redecide);
    }

    private record Locked(CaseState state, String currency, BigDecimal outstanding, String claimJson) {}

    /** Books a matched payment on its case, under the case's row lock. */
    private Booked apply(String id, IncomingPayment p, String caseId, GatewayClient client, OffsetDateTime now, List<String> redecide) {
        var params = new MapSqlParameterSource("caseId", caseId);
        Locked c = jdbc.queryForObject("select state, currency, outstanding_amount, claim_json from claim_case where case_id = :caseId for update",
                params, (rs, n) -> new Locked(CaseState.valueOf(rs.getString(1)), rs.getString(2), rs.getBigDecimal(3), rs.getString(4)));
        if (!c.currency().equals(p.currency())) {
            return booked(id, p, State.REVIEW, caseId, null, "paid in " + p.currency() + ", the case is in " + c.currency());
        }
        if (CLOSED.contains(c.state()) || c.state().isClosed()) {
            return booked(id, p, State.REVIEW, caseId, null, "the case is " + c.state() + " (closed): the creditor refunds or books it");
        }
        if (p.amount().compareTo(c.outstanding()) > 0) {
            return booked(id, p, State.REVIEW, caseId, null, "overpayment: " + p.amount() + " paid, " + c.outstanding()
                    + " outstanding; the creditor refunds or books the difference");
        }
        if (!BEFORE_AGENCY.contains(c.state())) {
            // At an agency: the agency collects, so it must hear what the creditor was paid directly.
            CaseCommands.Result sent = commands.submit(caseId, new CaseCommands.Command(FeedKind.DIRECT_PAYMENT, p.amount(), p.paidOn(),
                    null, null, null, "bank payment " + p.bankReference()), ACTOR);
            if (sent instanceof CaseCommands.Result.Accepted a) {
                return booked(id, p, State.SENT_TO_AGENCY, caseId, a.commandId(), null);
            }
            return booked(id, p, State.REVIEW, caseId, null, "not sent to the agency: " + describe(sent));
        }
        Claim claim = ClaimReader.fromCanonicalJson(c.claimJson());
        BigDecimal before = c.outstanding();
        BigDecimal after = before.subtract(p.amount());
        Payment payment = new Payment();
        payment.setKind(PaymentKind.PAYMENT);
        payment.setDate(p.paidOn());
        payment.setAmount(p.amount().setScale(2, RoundingMode.UNNECESSARY));
        claim.getPayments().add(payment);
        claim.getInvoice().setOutstandingAmount(after);
        boolean paid = after.signum() == 0;
        CaseState next = paid ? CaseState.PAID : c.state();
        ObjectNode detail = ApiJson.mapper().createObjectNode().put("paymentId", id).put("reference", p.reference())
                .put("bankReference", p.bankReference()).put("amount", p.amount()).put("currency", p.currency())
                .put("paidOn", p.paidOn().toString()).put("outstandingBefore", before).put("outstandingAfter", after)
                .put("stateBefore", c.state().name()).put("closed", paid);
        if (c.state() == CaseState.ELIGIBLE && !paid) {
            // Not routed yet: the NEW_CASE carries the payment in the claim's payments (AgencyRouter marks it sent).
            String commandId = TimeOrderedIds.next();
            jdbc.update("""
                    insert into case_command (command_id, case_id, kind, state, detail_json, created_at)
                    values (:id, :caseId, 'PAYMENT', 'PENDING', :detail, :at)
                    """, new MapSqlParameterSource("id", commandId).addValue("caseId", caseId).addValue("detail", detail.toString())
                    .addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
            detail.put("pendingCommandId", commandId);
        }
        String json;
        try {
            json = ApiJson.canonicalMapper().writeValueAsString(claim);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a paid claim could not be written", e);
        }
        jdbc.update("""
                update claim_case set claim_json = :json, outstanding_amount = :outstanding, state = :state,
                    recheck_on = case when :closes then null else recheck_on end, version = version + 1, updated_at = :at
                where case_id = :caseId
                """, new MapSqlParameterSource("caseId", caseId).addValue("json", json).addValue("outstanding", after)
                .addValue("state", next.name()).addValue("closes", paid).addValue("at", now, Types.TIMESTAMP_WITH_TIMEZONE));
        CaseEvents.append(jdbc, caseId, PAYMENT_APPLIED, now, ACTOR, detail);
        if (!paid && (c.state() == CaseState.WAITING || c.state() == CaseState.REJECTED || c.state() == CaseState.MANUAL_REVIEW)) {
            redecide.add(caseId);
        }
        return booked(id, p, State.APPLIED, caseId, null, null);
    }

    private static String describe(CaseCommands.Result result) {
        if (result instanceof CaseCommands.Result.Refused r) {
            return r.reason();
        }
        return result.getClass().getSimpleName();
    }

    private static Booked booked(String id, IncomingPayment p, State state, String caseId, String commandId, String reason) {
        return new Booked(id, p.position(), p.reference(), p.bankReference(), p.amount(), p.currency(), p.paidOn(), p.payerName(), state,
                caseId, commandId, reason);
    }

    /** The file taken earlier, with its payments, if this client may see it. */
    public Optional<Outcome.Taken> find(String fileId, GatewayClient client) {
        record FileRow(String clientId, PaymentFileFormat format, int skipped) {}
        Optional<FileRow> file = jdbc.query("select client_id, format, skipped from payment_file where file_id = :id",
                new MapSqlParameterSource("id", fileId), (rs, n) -> new FileRow(rs.getString(1), PaymentFileFormat.valueOf(rs.getString(2)),
                        rs.getInt(3))).stream().findFirst();
        if (file.isEmpty() || !(client.role() == no.inkasso.gateway.security.Role.OPERATIONS || client.id().equals(file.get().clientId()))) {
            return Optional.empty();
        }
        List<Booked> payments = jdbc.query("""
                select payment_id, file_position, reference, bank_reference, amount, currency, paid_on, payer_name, state, case_id,
                    command_id, reason
                from incoming_payment where file_id = :id order by file_position
                """, new MapSqlParameterSource("id", fileId), (rs, n) -> new Booked(rs.getString(1), rs.getInt(2), rs.getString(3),
                rs.getString(4), rs.getBigDecimal(5), rs.getString(6), rs.getObject(7, LocalDate.class), rs.getString(8),
                State.valueOf(rs.getString(9)), rs.getString(10), rs.getString(11), rs.getString(12)));
        return Optional.of(new Outcome.Taken(fileId, file.get().format(), true, file.get().skipped(), payments));
    }

    private Outcome reject(byte[] content, String fileName, GatewayClient client, Channel channel, String correlationId, String contentType,
                           UnreadablePaymentFileException e) {
        String rejectionId = TimeOrderedIds.next();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        rejections.add(new RejectedInput(rejectionId, channel, client.id(), null, correlationId, contentType,
                "payment file " + (fileName == null ? "" : fileName + " ") + "rejected: " + e.getMessage(),
                List.of(FieldError.of("", e.reason(), e.getMessage())), now), content);
        meters.counter("gateway.payments.files.rejected", "reason", e.reason()).increment();
        log.warn("Payment file {} from {} rejected ({}): {}", fileName, client.id(), e.reason(), e.getMessage());
        return new Outcome.Rejected(rejectionId, e.reason(), e.getMessage());
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
