package no.inkasso.gateway.intake.ehf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.cases.CaseState;
import no.inkasso.gateway.cases.Channel;
import no.inkasso.gateway.cases.TimeOrderedIds;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.claims.ClaimReading;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.ehf.EhfCreditNote;
import no.inkasso.gateway.ehf.EhfInvoice;
import no.inkasso.gateway.ehf.EhfOrigin;
import no.inkasso.gateway.ehf.EhfResult;
import no.inkasso.gateway.ehf.EmbeddedAttachment;
import no.inkasso.gateway.ehf.Finding;
import no.inkasso.gateway.ehf.Severity;
import no.inkasso.gateway.intake.ClaimIntake;
import no.inkasso.gateway.intake.RejectedInput;
import no.inkasso.gateway.intake.RejectionStore;
import no.inkasso.gateway.outbox.OutboxMessage;
import no.inkasso.gateway.outbox.OutboxStore;
import no.inkasso.gateway.security.GatewayClient;
import no.inkasso.gateway.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One EHF document from any channel (REST, an SFTP inbox, the access-point queue), read by the
 * {@link EhfRules}' reader: an invoice becomes a claim through the same {@link ClaimIntake} as the
 * other channels (same checks, same idempotency), a credit note goes to {@link CreditNotes}, and
 * anything refused is kept in the {@link RejectionStore} with its bytes and every reason, no case made.
 * Documents from the access-point queue have no one to answer, so their rejections (and credit
 * notes held) are also reported on {@code ledger.feedback}.
 */
@Service
public class EhfIntake {

    private static final Logger log = LoggerFactory.getLogger(EhfIntake.class);

    /** How a document arrived: {@code client} is null when the sender could not be identified; {@code name} is e.g. the file name. */
    public record Delivery(Channel channel, GatewayClient client, String correlationId, String contentType, String name) {}

    /** Why the gateway itself (not the EHF reader) refuses a document. */
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String CONFLICT = "CONFLICT";
    public static final String INVALID_CLAIM = "INVALID_CLAIM";
    public static final String CREDIT_NOTE_REFERENCE = "CREDIT_NOTE_REFERENCE";
    public static final String UNKNOWN_SENDER = "UNKNOWN_SENDER";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";

    public sealed interface Outcome {
        List<Finding> warnings();

        record InvoiceTaken(String invoiceNumber, String caseId, CaseState state, boolean duplicate, List<Finding> warnings)
                implements Outcome {}

        record CreditNoteTaken(String creditNoteNumber, String invoiceNumber, String currency, java.math.BigDecimal amount,
                               CreditNotes.Taken taken, List<Finding> warnings) implements Outcome {}

        /** {@code reason}: a {@link no.inkasso.gateway.ehf.RejectReason} name or one of this class's constants. */
        record Refused(String rejectionId, String reason, String message, List<FieldError> errors, String caseId) implements Outcome {
            @Override
            public List<Finding> warnings() {
                return List.of();
            }
        }
    }

    private final EhfRules rules;
    private final ClaimReader claims;
    private final ClaimIntake intake;
    private final CreditNotes creditNotes;
    private final RejectionStore rejections;
    private final OutboxStore outbox;
    private final TransactionTemplate transaction;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final String ledgerFeedback;
    private final Map<String, String> sourceSystems = new HashMap<>();

    public EhfIntake(EhfRules rules, ClaimReader claims, ClaimIntake intake, CreditNotes creditNotes, RejectionStore rejections,
                     OutboxStore outbox, TransactionTemplate transaction, NamedParameterJdbcTemplate jdbc, Clock clock,
                     GatewayProperties gateway, EhfProperties properties) {
        this.rules = rules;
        this.claims = claims;
        this.intake = intake;
        this.creditNotes = creditNotes;
        this.rejections = rejections;
        this.outbox = outbox;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.clock = clock;
        this.ledgerFeedback = gateway.queues().ledgerFeedback();
        for (GatewayProperties.Client c : gateway.clients() == null ? List.<GatewayProperties.Client>of() : gateway.clients()) {
            String configured = properties.sourceSystems().get(c.id());
            if (configured != null && !c.sourceSystems().contains(configured)) {
                throw new IllegalStateException("gateway.ehf.source-systems: client " + c.id() + " is given source system " + configured
                        + ", which is not one of its gateway.clients source-systems " + c.sourceSystems());
            }
            String system = configured != null ? configured : c.sourceSystems().isEmpty() ? null : c.sourceSystems().get(0);
            if (system != null) {
                sourceSystems.put(c.id(), system);
            }
        }
    }

    /** The source system an EHF document of this client becomes a claim of, or null if it has none. */
    public String sourceSystemOf(GatewayClient client) {
        return client == null ? null : sourceSystems.get(client.id());
    }

    public Outcome receive(byte[] document, Delivery delivery) {
        GatewayClient client = delivery.client();
        if (client == null || client.role() != Role.LEDGER) {
            return refuse(document, delivery, UNKNOWN_SENDER, "the sender is not a ledger client of the gateway"
                    + (client == null ? "" : " (" + client.id() + " is " + client.role() + ")"), List.of(), null, null);
        }
        String sourceSystem = sourceSystemOf(client);
        if (sourceSystem == null) {
            return refuse(document, delivery, FORBIDDEN, "client " + client.id() + " has no source system to file EHF claims under",
                    List.of(), null, null);
        }
        EhfResult result = rules.reader().read(document, EhfOrigin.of(sourceSystem));
        if (result instanceof EhfResult.Rejected rejected) {
            return refuse(document, delivery, rejected.reason().name(), rejected.message(), errors(rejected.findings()), sourceSystem, null);
        }
        EhfResult.Accepted accepted = (EhfResult.Accepted) result;
        if (accepted.document() instanceof EhfInvoice invoice) {
            return invoice(document, delivery, sourceSystem, invoice, accepted.warnings());
        }
        return creditNote(document, delivery, sourceSystem, (EhfCreditNote) accepted.document(), accepted.warnings());
    }

    private Outcome invoice(byte[] document, Delivery delivery, String sourceSystem, EhfInvoice invoice, List<Finding> warnings) {
        GatewayClient client = delivery.client();
        String creditor = invoice.claim().getCreditor().getOrgNumber();
        if (!client.creditors().contains(creditor)) {
            return refuse(document, delivery, FORBIDDEN, "client " + client.id() + " may not submit claims for creditor " + creditor,
                    List.of(), sourceSystem, null);
        }
        JsonNode json = ApiJson.mapper().valueToTree(invoice.claim());
        ClaimReading reading = claims.read(json, LocalDate.now(clock));
        if (reading instanceof ClaimReading.Invalid invalid) {
            return refuse(document, delivery, INVALID_CLAIM, "invoice " + invoice.number() + " maps to a claim with "
                    + invalid.errors().size() + " invalid field(s): " + invalid.errors().get(0).pointer() + " " + invalid.errors().get(0).message(),
                    invalid.errors(), sourceSystem, null);
        }
        storeAttachments(invoice.attachments());
        ClaimIntake.Outcome outcome = intake.submit(List.of(new ClaimIntake.Submission(0, (ClaimReading.Valid) reading,
                delivery.correlationId())), client, delivery.channel()).get(0);
        if (outcome instanceof ClaimIntake.Outcome.Created c) {
            return new Outcome.InvoiceTaken(invoice.number(), c.caseId(), creditNotes.caseState(c.caseId()), false, warnings);
        }
        if (outcome instanceof ClaimIntake.Outcome.Duplicate d) {
            return new Outcome.InvoiceTaken(invoice.number(), d.caseId(), creditNotes.caseState(d.caseId()), true, warnings);
        }
        if (outcome instanceof ClaimIntake.Outcome.Conflict c) {
            return refuse(document, delivery, CONFLICT, "case " + c.caseId() + " holds a different claim for invoice " + invoice.number()
                    + " of creditor " + creditor + " from " + sourceSystem, List.of(), sourceSystem, c.caseId());
        }
        return refuse(document, delivery, FORBIDDEN, ((ClaimIntake.Outcome.Forbidden) outcome).reason(), List.of(), sourceSystem, null);
    }

    private Outcome creditNote(byte[] document, Delivery delivery, String sourceSystem, EhfCreditNote credit, List<Finding> warnings) {
        GatewayClient client = delivery.client();
        String creditor = credit.creditor().getOrgNumber();
        if (creditor == null || !client.creditors().contains(creditor)) {
            return refuse(document, delivery, FORBIDDEN, "client " + client.id() + " may not send credit notes for creditor " + creditor,
                    List.of(), sourceSystem, null);
        }
        if (credit.creditedInvoices().size() != 1) {
            return refuse(document, delivery, CREDIT_NOTE_REFERENCE, "credit note " + credit.number() + " names "
                    + (credit.creditedInvoices().isEmpty() ? "no invoice" : credit.creditedInvoices().size() + " invoices "
                    + credit.creditedInvoiceNumbers()) + " in BillingReference; the gateway credits exactly one invoice per credit note",
                    List.of(FieldError.of("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", "GW-EHF-CREDIT-REF",
                            "name exactly one invoice the credit note credits")), sourceSystem, null);
        }
        String invoiceNumber = credit.creditedInvoiceNumbers().get(0);
        CreditNotes.Taken taken = creditNotes.take(new CreditNotes.Credit(creditor, credit.number(), invoiceNumber, credit.currency(),
                credit.amount(), credit.issueDate()), delivery.channel(), client.id(), delivery.correlationId());
        if (taken.conflict()) {
            return refuse(document, delivery, CONFLICT, "credit note " + credit.number() + " of creditor " + creditor
                    + " was received before with other content", List.of(), sourceSystem, taken.caseId());
        }
        if (taken.state() == CreditNotes.State.HELD && !taken.duplicate() && delivery.channel() == Channel.EHF) {
            transaction.executeWithoutResult(tx -> outbox.add(List.of(feedback("ledger.feedback:credit-note:" + taken.creditNoteId(),
                    delivery, creditNoteHeld(credit, invoiceNumber, taken, delivery, sourceSystem)))));
        }
        return new Outcome.CreditNoteTaken(credit.number(), invoiceNumber, credit.currency(), credit.amount(), taken, warnings);
    }

    /** Refuses a document without reading it (e.g. sent with a content type that is not XML); kept like every rejection. */
    public Outcome.Refused refuseUnread(byte[] document, Delivery delivery, String reason, String message) {
        return refuse(document, delivery, reason, message, List.of(), sourceSystemOf(delivery.client()), null);
    }

    private Outcome.Refused refuse(byte[] document, Delivery delivery, String reason, String message, List<FieldError> errors,
                                   String sourceSystem, String caseId) {
        String rejectionId = TimeOrderedIds.next();
        List<FieldError> reasons = new ArrayList<>();
        reasons.add(FieldError.of("", reason, message));
        reasons.addAll(errors);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        RejectedInput rejection = new RejectedInput(rejectionId, delivery.channel(), delivery.client() == null ? null : delivery.client().id(),
                sourceSystem, delivery.correlationId(), delivery.contentType(),
                "EHF " + (delivery.name() == null ? "" : delivery.name() + " ") + reason + ": " + message, reasons, now);
        transaction.executeWithoutResult(tx -> {
            rejections.add(rejection, document);
            if (delivery.channel() == Channel.EHF) {
                outbox.add(List.of(feedback("ledger.feedback:rejection:" + rejectionId, delivery,
                        rejected(rejectionId, reason, message, errors, delivery, sourceSystem, now))));
            }
        });
        log.info("EHF document{} via {} rejected ({}): {}", delivery.name() == null ? "" : " " + delivery.name(), delivery.channel(),
                reason, message);
        return new Outcome.Refused(rejectionId, reason, message, errors, caseId);
    }

    private void storeAttachments(List<EmbeddedAttachment> attachments) {
        for (EmbeddedAttachment a : attachments) {
            String uri = a.reference().getUri();
            Integer known = jdbc.queryForObject("select count(*) from ehf_attachment where uri = :uri",
                    new MapSqlParameterSource("uri", uri), Integer.class);
            if (known != null && known == 0) {
                try {
                    jdbc.update("""
                            insert into ehf_attachment (uri, media_type, sha256, filename, content, stored_at)
                            values (:uri, :type, :sha, :name, :content, :at)
                            """, new MapSqlParameterSource("uri", uri).addValue("type", a.reference().getMediaType())
                            .addValue("sha", a.reference().getSha256())
                            .addValue("name", a.filename() == null || a.filename().length() > 255 ? null : a.filename())
                            .addValue("content", a.content(), Types.BINARY)
                            .addValue("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE));
                } catch (org.springframework.dao.DuplicateKeyException alreadyStored) {
                    // the same document, stored meanwhile by another delivery of it
                }
            }
        }
    }

    /** Findings as the API's field errors: where in the document, the rule id, and the message (with its severity unless fatal). */
    static List<FieldError> errors(List<Finding> findings) {
        return findings.stream().map(f -> FieldError.of(f.location(), f.ruleId(),
                f.severity() == Severity.FATAL ? f.message() : f.severity().name().toLowerCase() + ": " + f.message())).toList();
    }

    private OutboxMessage feedback(String dedupId, Delivery delivery, ObjectNode message) {
        return OutboxMessage.of(ledgerFeedback, dedupId, null, delivery.correlationId(), message.toString());
    }

    private ObjectNode base(String kind, Delivery delivery, String sourceSystem) {
        ObjectNode message = ApiJson.mapper().createObjectNode()
                .put("schema", "ledger.feedback/v1")
                .put("kind", kind)
                .put("correlationId", delivery.correlationId())
                .put("occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)))
                .put("channel", delivery.channel().name());
        if (delivery.client() != null) {
            message.put("clientId", delivery.client().id());
        }
        if (sourceSystem != null) {
            message.put("sourceSystem", sourceSystem);
        }
        return message;
    }

    private ObjectNode rejected(String rejectionId, String reason, String text, List<FieldError> errors, Delivery delivery,
                                String sourceSystem, OffsetDateTime at) {
        ObjectNode message = base("EHF_REJECTED", delivery, sourceSystem).put("rejectionId", rejectionId).put("reason", reason)
                .put("message", text);
        ArrayNode list = message.putArray("errors");
        errors.forEach(e -> list.addObject().put("pointer", e.pointer()).put("code", e.code()).put("message", e.message()));
        return message;
    }

    private ObjectNode creditNoteHeld(EhfCreditNote credit, String invoiceNumber, CreditNotes.Taken taken, Delivery delivery,
                                      String sourceSystem) {
        return base("EHF_CREDIT_NOTE_HELD", delivery, sourceSystem)
                .put("creditNoteId", taken.creditNoteId())
                .put("creditorOrgNumber", credit.creditor().getOrgNumber())
                .put("creditNoteNumber", credit.number())
                .put("invoiceNumber", invoiceNumber)
                .put("currency", credit.currency())
                .put("amount", credit.amount());
    }
}
