package no.inkasso.gateway.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * From a {@code ledger.feedback/v1} message to what a ledger receives ({@code ledger.event/v1},
 * schemas/messages/ledger-event-v1.schema.json): our type, the ledger's own status for it, the case,
 * and per kind the question (and how to answer it), the eligibility decision, the EHF rejection or
 * the held credit note. Each feedback message has an identity ({@link Feedback#key()}) so a copy is
 * recognised. Plain Java: the filer and the tests call it.
 */
public final class LedgerEvents {

    public static final String SCHEMA = "ledger.event/v1";
    public static final String CASE_EVENT = "CASE_EVENT";
    public static final Set<String> KNOWN_KINDS = Set.of(CASE_EVENT, "ELIGIBILITY_REJECTED", "ELIGIBILITY_MANUAL_REVIEW",
            "EHF_REJECTED", "EHF_CREDIT_NOTE_HELD");
    static final String UNREADABLE = "UNREADABLE";

    /** Amounts stay exact (BigDecimal) and fields we do not know are kept as they came. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private LedgerEvents() {}

    /**
     * A feedback message as filed.
     *
     * @param key          its identity: kind + the id of what it reports (a copy has the same key)
     * @param kind         the feedback kind, or UNREADABLE
     * @param type         our vocabulary word: the event type of a CASE_EVENT, else the kind
     * @param sourceSystem the ledger it is for (null when the message does not say)
     * @param groupId      what it must stay in order with: the case (or the rejection, credit note)
     */
    public record Feedback(String key, String kind, String type, String sourceSystem, String caseId, String groupId,
                           String correlationId, JsonNode json, String body) {
        public boolean known() {
            return KNOWN_KINDS.contains(kind);
        }
    }

    public static Feedback read(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (Exception e) {
            json = null;
        }
        if (json == null || !json.isObject() || !json.path("kind").isTextual()) {
            return new Feedback(UNREADABLE + ":" + sha256(body), UNREADABLE, UNREADABLE, null, null, null, null, null, body);
        }
        String kind = json.get("kind").asText();
        String caseId = text(json, "caseId");
        String type = kind;
        String identity;
        String group = caseId;
        switch (kind) {
            case CASE_EVENT -> {
                type = json.at("/event/type").asText(UNREADABLE);
                identity = json.at("/event/eventId").asText(null);
            }
            case "ELIGIBILITY_REJECTED", "ELIGIBILITY_MANUAL_REVIEW" ->
                    // one decision per case and moment: a recheck decides again later, a copy has the same time
                    identity = caseId == null ? null : caseId + ":" + json.path("occurredAt").asText();
            case "EHF_REJECTED" -> {
                identity = text(json, "rejectionId");
                group = identity;
            }
            case "EHF_CREDIT_NOTE_HELD" -> {
                identity = text(json, "creditNoteId");
                group = identity;
            }
            default -> identity = null;
        }
        String key = kind + ":" + (identity != null ? identity : sha256(body));
        return new Feedback(abbreviate(key, 200), kind, type, text(json, "sourceSystem"), caseId, group, text(json, "correlationId"),
                json, body);
    }

    /** The event for {@code feedback}'s ledger in its words, and which mapping gave them. */
    public record Mapped(ObjectNode event, LedgerVocabulary.Mapping mapping) {}

    public static Mapped toLedger(Feedback feedback, String deliveryId, LedgerVocabulary vocabulary) {
        JsonNode in = feedback.json();
        JsonNode event = in.path("event");
        LedgerVocabulary.Mapping mapping = vocabulary.map(feedback.type(), qualifier(feedback));
        ObjectNode out = JSON.createObjectNode();
        out.put("schema", SCHEMA);
        out.put("deliveryId", deliveryId);
        out.put("sourceSystem", feedback.sourceSystem());
        out.put("kind", feedback.kind());
        out.put("type", feedback.type());
        ObjectNode status = out.putObject("status");
        status.put("code", mapping.status().code()).put("text", mapping.status().text()).put("mapped", mapping.mapped());
        boolean caseEvent = CASE_EVENT.equals(feedback.kind());
        out.put("occurredAt", caseEvent && event.hasNonNull("occurredAt") ? event.get("occurredAt").asText() : in.path("occurredAt").asText());
        out.put("recordedAt", in.path("occurredAt").asText());
        copy(in, out, "caseId", "correlationId", "creditorOrgNumber", "invoiceNumber", "ledgerReference", "agencyId", "agencyCaseNumber");
        if (caseEvent) {
            copy(event, out, "eventId", "agencySequence", "caseState", "outstanding");
            if (event.path("details").isObject()) {
                out.set("details", event.get("details"));
            }
            JsonNode question = event.at("/details/question");
            if (question.isObject() && question.hasNonNull("questionId") && feedback.caseId() != null) {
                ObjectNode q = out.putObject("question");
                copy(question, q, "questionId", "kind", "text");
                ObjectNode answer = q.putObject("answer");
                answer.put("method", "POST").put("path", "/api/v1/claims/" + feedback.caseId() + "/commands");
                answer.putObject("body").put("kind", "ANSWER").put("questionId", question.get("questionId").asText())
                        .put("answer", "APPROVE | DECLINE");
            }
        }
        JsonNode decision = in.path("decision");
        if (decision.isObject()) {
            ObjectNode eligibility = out.putObject("eligibility");
            copy(decision, eligibility, "verdict", "asOf", "summary", "reasonCodes");
        }
        if ("EHF_REJECTED".equals(feedback.kind())) {
            ObjectNode rejection = out.putObject("rejection");
            copy(in, rejection, "rejectionId", "reason", "message", "errors");
        }
        if ("EHF_CREDIT_NOTE_HELD".equals(feedback.kind())) {
            copy(in, out, "creditorOrgNumber", "invoiceNumber");
            ObjectNode note = out.putObject("creditNote");
            copy(in, note, "creditNoteId", "creditNoteNumber", "currency", "amount");
        }
        return new Mapped(out, mapping);
    }

    /** The one detail that refines a type's status: how a case closed, which notice, what kind of question, why rejected. */
    static String qualifier(Feedback feedback) {
        JsonNode in = feedback.json();
        return switch (feedback.type()) {
            case "CLOSED" -> in.at("/event/details/closeReason").asText(null);
            case "NOTICE_SENT" -> in.at("/event/details/notice").asText(null);
            case "AWAITING_CREDITOR_DECISION" -> in.at("/event/details/question/kind").asText(null);
            case "ELIGIBILITY_REJECTED", "ELIGIBILITY_MANUAL_REVIEW" -> in.at("/decision/reasonCodes/0").asText(null);
            case "EHF_REJECTED" -> in.path("reason").asText(null);
            default -> null;
        };
    }

    /** Reads a ledger event back (amounts exact). */
    public static JsonNode readEvent(String json) throws java.io.IOException {
        return JSON.readTree(json);
    }

    public static String write(JsonNode event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            JsonNode value = from.get(field);
            if (value != null && !value.isNull()) {
                to.set(field, value);
            }
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 65) + ":" + sha256(text);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    (text == null ? "" : text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
