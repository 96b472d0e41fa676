package no.inkasso.gateway.agency.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.returnpath.WebhookSignature;

/**
 * Plays a simulated agency's side of a case's life back to the gateway: agency events (agency-event/v1)
 * sent as one signed webhook call (a REST agency) or one JMS message per event (a JMS agency), numbered
 * 1, 2, 3 ... per case, or one status file per play in the agency's SFTP folder. REGISTERED (with the agency's case number) comes first, sent by itself when a JMS
 * agency takes a NEW_CASE. Amounts follow the case's principal in the NEW_CASE the agency took, with
 * simulated interest and fees, so payments and settlements reconcile to the øre.
 */
public final class LifecyclePlayer {

    /** The lifecycles the control API plays ({@code POST /control/agencies/{id}/cases/{caseId}/play}). */
    public enum Lifecycle {
        PAID_IN_FULL, INSTALMENTS, DISPUTED, LEGAL_TO_ATTACHMENT, NOTHING_TO_ATTACH_MONITORING, MINOR, WITHDRAWN_WITH_FEE, CREDITED
    }

    /** The simulated interest and fee on every case (fees to the agency; VAT only on a fee charged to the creditor). */
    public static final BigDecimal INTEREST = new BigDecimal("123.45");
    public static final BigDecimal FEES = new BigDecimal("600.00");
    public static final BigDecimal WITHDRAWAL_VAT = new BigDecimal("150.00");

    /** Where an agency's events go. */
    private sealed interface Channel {
        record Webhook(String url, String secret) implements Channel {}

        record Queue(ConnectionFactory connectionFactory, String queue) implements Channel {}

        record StatusFiles(java.nio.file.Path folder) implements Channel {}
    }

    /** What a play sent, and how the gateway answered (a webhook's status and body; 0 for JMS). */
    public record Played(List<ObjectNode> events, int status, String answer) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Map<String, Integer> sequences = new ConcurrentHashMap<>();
    private volatile java.time.Clock clock = java.time.Clock.systemUTC();

    /** The agency's clock (its webhook timestamps, its events' times); a test gives the gateway's. */
    public void clock(java.time.Clock clock) {
        this.clock = clock;
    }

    /** Agency {@code agencyId} reports by webhook to {@code gatewayUrl}/api/v1/agencies/{agencyId}/events, signed with {@code secret}. */
    public void webhook(String agencyId, String gatewayUrl, String secret) {
        channels.put(agencyId, new Channel.Webhook(gatewayUrl + "/api/v1/agencies/" + agencyId + "/events", secret));
    }

    /** Agency {@code agencyId} reports on {@code queue}. */
    public void queue(String agencyId, ConnectionFactory connectionFactory, String queue) {
        channels.put(agencyId, new Channel.Queue(connectionFactory, queue));
    }

    /** Agency {@code agencyId} writes one status file per play into {@code folder} (on its SFTP server). */
    public void statusFiles(String agencyId, java.nio.file.Path folder) {
        channels.put(agencyId, new Channel.StatusFiles(folder));
    }

    public boolean reports(String agencyId) {
        return channels.containsKey(agencyId);
    }

    public void reset() {
        sequences.clear();
    }

    /** Sends REGISTERED for a case the agency has just taken, unless it was sent before. */
    public void registered(SimulatedAgency agency, String caseId) throws Exception {
        if (reports(agency.id()) && !sequences.containsKey(caseId)) {
            send(agency.id(), List.of(event(caseId, "REGISTERED", d -> d.put("agencyCaseNumber", agency.caseNumbers().get(caseId)))));
        }
    }

    public Played play(SimulatedAgency agency, String caseId, Lifecycle lifecycle) throws Exception {
        String number = agency.caseNumbers().get(caseId);
        if (number == null) {
            throw new IllegalArgumentException("case " + caseId + " is not registered at " + agency.id());
        }
        if (!reports(agency.id())) {
            throw new IllegalArgumentException("agency " + agency.id() + " has no return channel configured");
        }
        JsonNode newCase = agency.cases().stream().filter(t -> t.caseId().equals(caseId) && t.kind().equals("NEW_CASE")).findFirst()
                .map(t -> read(t.json())).orElseThrow();
        BigDecimal principal = newCase.at("/decision/amounts/principal").decimalValue().setScale(2);
        String currency = newCase.at("/decision/amounts/currency").asText();
        BigDecimal total = principal.add(INTEREST).add(FEES);
        List<ObjectNode> events = new ArrayList<>();
        if (!sequences.containsKey(caseId)) {
            events.add(event(caseId, "REGISTERED", d -> d.put("agencyCaseNumber", number)));
        }
        events.add(event(caseId, "NOTICE_SENT", d -> d.put("notice", lifecycle == Lifecycle.MINOR ? "INKASSOVARSEL" : "BETALINGSOPPFORDRING")));
        switch (lifecycle) {
            case PAID_IN_FULL -> paidInFull(events, caseId, principal, total, currency);
            case INSTALMENTS -> {
                events.add(event(caseId, "DEBTOR_CONTACTED", d -> { }));
                BigDecimal part = total.divide(BigDecimal.valueOf(3), 2, RoundingMode.DOWN);
                BigDecimal[] parts = {part, part, total.subtract(part).subtract(part)};
                LocalDate first = LocalDate.now(clock).plusDays(14);
                events.add(event(caseId, "INSTALMENT_PLAN_AGREED", d -> {
                    ArrayNode list = d.putArray("instalments");
                    for (int i = 0; i < 3; i++) {
                        list.addObject().put("dueDate", first.plusMonths(i).toString()).put("amount", parts[i]);
                    }
                }));
                // the debtor's payments cover fees first, then interest, then the principal
                BigDecimal costs = FEES.add(INTEREST);
                for (int i = 0; i < 3; i++) {
                    BigDecimal amount = parts[i];
                    BigDecimal toCosts = amount.min(costs);
                    costs = costs.subtract(toCosts);
                    BigDecimal toPrincipal = amount.subtract(toCosts);
                    LocalDate paidOn = first.plusMonths(i);
                    events.add(event(caseId, "PAYMENT_RECEIVED", d -> d.put("amount", amount).put("paidOn", paidOn.toString())
                            .put("principal", toPrincipal)));
                }
                events.add(settlement(caseId, total, principal.add(INTEREST), INTEREST, FEES, BigDecimal.ZERO.setScale(2), currency));
                events.add(closed(caseId, "PAID"));
            }
            case DISPUTED -> events.add(event(caseId, "DISPUTED", d -> { }));
            case LEGAL_TO_ATTACHMENT -> {
                events.add(event(caseId, "AWAITING_CREDITOR_DECISION", d -> d.putObject("question").put("questionId", "q-" + number)
                        .put("kind", "LEGAL_STEP").put("text", "The debtor has not paid: may we petition the conciliation board?")));
                events.add(event(caseId, "CONCILIATION_BOARD", d -> { }));
                events.add(event(caseId, "ENFORCEMENT_PETITION", d -> { }));
                events.add(event(caseId, "ATTACHMENT_GRANTED", d -> { }));
                paidInFull(events, caseId, principal, total, currency);
            }
            case NOTHING_TO_ATTACH_MONITORING -> {
                events.add(event(caseId, "ENFORCEMENT_PETITION", d -> { }));
                events.add(event(caseId, "NOTHING_TO_ATTACH", d -> { }));
                events.add(event(caseId, "LONG_TERM_MONITORING", d -> { }));
            }
            case MINOR -> events.add(closed(caseId, "MINOR"));
            case WITHDRAWN_WITH_FEE -> {
                events.add(closed(caseId, "WITHDRAWN"));
                // the agency's fee, with VAT, charged to the creditor: nothing paid, a negative payout
                events.add(settlement(caseId, BigDecimal.ZERO.setScale(2), FEES.add(WITHDRAWAL_VAT).negate(), BigDecimal.ZERO.setScale(2),
                        FEES, WITHDRAWAL_VAT, currency));
            }
            case CREDITED -> events.add(closed(caseId, "CREDITED"));
        }
        return send(agency.id(), events);
    }

    private void paidInFull(List<ObjectNode> events, String caseId, BigDecimal principal, BigDecimal total, String currency) {
        events.add(event(caseId, "PAYMENT_RECEIVED", d -> d.put("amount", total).put("paidOn", LocalDate.now(clock).toString())
                .put("principal", principal)));
        events.add(settlement(caseId, total, principal.add(INTEREST), INTEREST, FEES, BigDecimal.ZERO.setScale(2), currency));
        events.add(closed(caseId, "PAID"));
    }

    private ObjectNode settlement(String caseId, BigDecimal paid, BigDecimal toCreditor, BigDecimal interest, BigDecimal fees,
                                  BigDecimal vat, String currency) {
        return event(caseId, "SETTLEMENT", d -> d.putObject("remittance").put("paid", paid).put("toCreditor", toCreditor)
                .put("interest", interest).put("fees", fees).put("vat", vat).put("currency", currency));
    }

    private ObjectNode closed(String caseId, String reason) {
        return event(caseId, "CLOSED", d -> d.put("closeReason", reason));
    }

    private ObjectNode event(String caseId, String type, java.util.function.Consumer<ObjectNode> details) {
        int sequence = sequences.merge(caseId, 1, Integer::sum);
        ObjectNode event = ApiJson.mapper().createObjectNode().put("caseId", caseId).put("sequence", sequence).put("type", type)
                .put("occurredAt", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).withNano(0)));
        ObjectNode d = event.putObject("details");
        details.accept(d);
        return event;
    }

    private Played send(String agencyId, List<ObjectNode> events) throws Exception {
        Channel channel = channels.get(agencyId);
        if (channel instanceof Channel.Webhook webhook) {
            ObjectNode batch = ApiJson.mapper().createObjectNode();
            batch.putArray("events").addAll(events);
            byte[] body = batch.toString().getBytes(StandardCharsets.UTF_8);
            long now = clock.instant().getEpochSecond();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(webhook.url()))
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(now))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(webhook.secret(), now, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            return new Played(events, answer.statusCode(), answer.body());
        }
        if (channel instanceof Channel.StatusFiles files) {
            ObjectNode batch = ApiJson.mapper().createObjectNode();
            batch.putArray("events").addAll(events);
            java.nio.file.Files.createDirectories(files.folder());
            String name = "events-" + events.get(0).get("caseId").asText() + "-" + String.format("%04d", events.get(0).get("sequence").asInt())
                    + ".json";
            java.nio.file.Path part = files.folder().resolve("." + name + ".part");
            java.nio.file.Files.writeString(part, batch.toString());
            java.nio.file.Files.move(part, files.folder().resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new Played(events, 0, null);
        }
        Channel.Queue queue = (Channel.Queue) channel;
        try (Connection connection = queue.connectionFactory().createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queue.queue()));
            for (ObjectNode event : events) {
                TextMessage message = session.createTextMessage(event.toString());
                message.setStringProperty("caseId", event.get("caseId").asText());
                producer.send(message);
            }
            session.commit();
        } catch (JMSException e) {
            throw new IllegalStateException("could not put events on " + queue.queue(), e);
        }
        return new Played(events, 0, null);
    }

    private static JsonNode read(String json) {
        try {
            return ApiJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
