package no.inkasso.gateway.returnpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import no.inkasso.gateway.api.ApiJson;

/** Reads an agency's body (one event or a batch, schemas/messages/agency-event-v1) into events, or says why it cannot. */
public final class AgencyEventReader {

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of("classpath:schemas/messages/agency-event-v1.schema.json"));
    private static final JsonSchema EVENT = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of("classpath:schemas/messages/agency-event-v1.schema.json#/definitions/event"));

    /** The largest single event kept (agency_event.payload). */
    static final int MAX_EVENT_CHARS = 100_000;

    private AgencyEventReader() {}

    /** An event read and checked, with its exact JSON. */
    public record ParsedEvent(String caseId, String agencyCaseNumber, int sequence, AgencyEventType type, OffsetDateTime occurredAt,
                              ObjectNode details, CaseLifecycle.Event figures, LocalDate paidOn, ObjectNode json) {}

    /** What one item of the body is. */
    public sealed interface Item {
        int index();

        ObjectNode json();

        record Good(int index, ParsedEvent event) implements Item {
            public ObjectNode json() {
                return event.json();
            }
        }

        /** Not a valid event: every finding, one per line. */
        record Invalid(int index, ObjectNode json, String reason) implements Item {}
    }

    /** The body, or why it is not one at all. */
    public sealed interface Body {
        record Events(List<Item> items) implements Body {}

        record Malformed(String reason) implements Body {}
    }

    public static Body read(byte[] bytes) {
        JsonNode root;
        try {
            root = ApiJson.mapper().readTree(bytes == null ? new byte[0] : bytes);
        } catch (IOException e) {
            return new Body.Malformed("not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return new Body.Malformed("the body is a JSON object: one event, or {\"events\": [...]}");
        }
        List<JsonNode> events = new ArrayList<>();
        if (root.has("events")) {
            JsonNode list = root.get("events");
            if (!list.isArray() || list.isEmpty() || list.size() > 500) {
                return new Body.Malformed("events is an array of 1 to 500 events");
            }
            list.forEach(events::add);
        } else if (root.has("type") || root.has("sequence")) {
            events.add(root);
        } else {
            return new Body.Malformed("neither an event (sequence, type, occurredAt ...) nor a batch {\"events\": [...]}");
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            items.add(item(i, events.get(i)));
        }
        return new Body.Events(items);
    }

    private static Item item(int index, JsonNode node) {
        if (!node.isObject()) {
            return new Item.Invalid(index, ApiJson.mapper().createObjectNode().set("value", node), "an event is a JSON object");
        }
        ObjectNode json = (ObjectNode) node;
        if (json.toString().length() > MAX_EVENT_CHARS) {
            return new Item.Invalid(index, ApiJson.mapper().createObjectNode().put("sequence", json.path("sequence").asInt())
                    .put("caseId", json.path("caseId").asText()), "the event is larger than " + MAX_EVENT_CHARS + " characters");
        }
        Set<ValidationMessage> findings = EVENT.validate(json);
        if (!findings.isEmpty()) {
            return new Item.Invalid(index, json, findings.stream().map(ValidationMessage::getMessage).sorted()
                    .collect(Collectors.joining("; ")));
        }
        List<String> errors = new ArrayList<>();
        OffsetDateTime occurredAt = null;
        try {
            occurredAt = OffsetDateTime.parse(json.get("occurredAt").asText());
        } catch (DateTimeParseException e) {
            errors.add("occurredAt is a date-time with offset (2026-11-23T10:15:00+01:00)");
        }
        AgencyEventType type = AgencyEventType.valueOf(json.get("type").asText());
        ObjectNode details = json.has("details") ? (ObjectNode) json.get("details") : ApiJson.mapper().createObjectNode();
        checkAmounts(details, "/details", errors);
        if (!errors.isEmpty()) {
            return new Item.Invalid(index, json, String.join("; ", errors));
        }
        toOere(details);
        CaseLifecycle.Event figures = CaseLifecycle.Event.of(type);
        LocalDate paidOn = null;
        switch (type) {
            case PAYMENT_RECEIVED -> {
                figures = CaseLifecycle.Event.payment(money(details.get("amount")),
                        details.hasNonNull("principal") ? money(details.get("principal")) : null);
                paidOn = date(details.get("paidOn"), "/details/paidOn", errors);
            }
            case SETTLEMENT -> {
                JsonNode r = details.get("remittance");
                figures = CaseLifecycle.Event.settlement(new Remittance(money(r.get("paid")), money(r.get("toCreditor")),
                        money(r.get("interest")), money(r.get("fees")), money(r.get("vat")), r.get("currency").asText()));
            }
            case CLOSED -> figures = CaseLifecycle.Event.closed(CloseReason.valueOf(details.get("closeReason").asText()));
            case INSTALMENT_PLAN_AGREED -> details.get("instalments")
                    .forEach(i -> date(i.get("dueDate"), "/details/instalments/dueDate", errors));
            default -> { }
        }
        if (!errors.isEmpty()) {
            return new Item.Invalid(index, json, String.join("; ", errors));
        }
        return new Item.Good(index, new ParsedEvent(text(json, "caseId"), text(json, "agencyCaseNumber"), json.get("sequence").asInt(),
                type, occurredAt, details, figures, paidOn, json));
    }

    /** Every number under details is money here: at most 2 decimals (øre). */
    private static void checkAmounts(JsonNode node, String path, List<String> errors) {
        if (node.isNumber()) {
            if (node.decimalValue().stripTrailingZeros().scale() > 2) {
                errors.add(path + " has more than 2 decimals");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                checkAmounts(e.getValue(), path + "/" + e.getKey(), errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkAmounts(node.get(i), path + "/" + i, errors);
            }
        }
    }

    /** Every amount with exactly 2 decimals (600 → 600.00), as they travel on to ledgers. */
    private static void toOere(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNumber()) {
                    e.setValue(ApiJson.mapper().getNodeFactory().numberNode(e.getValue().decimalValue().setScale(2)));
                } else {
                    toOere(e.getValue());
                }
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isNumber()) {
                    array.set(i, ApiJson.mapper().getNodeFactory().numberNode(array.get(i).decimalValue().setScale(2)));
                } else {
                    toOere(array.get(i));
                }
            }
        }
    }

    private static BigDecimal money(JsonNode node) {
        return node.decimalValue().setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    private static LocalDate date(JsonNode node, String path, List<String> errors) {
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            errors.add(path + " is a date (yyyy-mm-dd)");
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asText() : null;
    }
}
