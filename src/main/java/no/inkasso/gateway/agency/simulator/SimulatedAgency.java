package no.inkasso.gateway.agency.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.inkasso.gateway.api.ApiJson;

/**
 * One simulated collection agency: registers the cases it receives under its own case numbers, keeps
 * every (caseId, sequence) it has taken and answers a copy exactly as the first time, and misbehaves on
 * demand (down, failing, slow, refusing one case). The lifecycle playback of the return path builds on
 * {@link #cases()}.
 */
public final class SimulatedAgency {

    /** How the agency behaves now. */
    public enum Mode {
        /** Takes messages. */
        UP,
        /** REST: 503 for everything; JMS: does not consume. */
        DOWN,
        /** REST: 500 for everything. */
        FAILING,
        /** REST: takes messages, but answers only after {@code slowMs}. */
        SLOW
    }

    /** The answer to one feed message. */
    public record Answer(int status, String body) {}

    /** A message taken, in the order taken. */
    public record Taken(String caseId, int sequence, String kind, String agencyCaseNumber, String json) {}

    private final String id;
    private final String prefix;
    private volatile Mode mode = Mode.UP;
    private volatile long slowMs;
    private final Map<String, Integer> refusedCases = new HashMap<>();
    private final Map<String, Answer> answered = new HashMap<>();
    private final Map<String, String> caseNumbers = new LinkedHashMap<>();
    private final List<Taken> taken = new ArrayList<>();
    private final Set<String> outOfOrder = new HashSet<>();
    /** Per case the highest sequence taken (a scan of {@code taken} per message made a long run quadratic). */
    private final Map<String, Integer> highestSequence = new HashMap<>();
    private int deliveries;
    private int copies;

    SimulatedAgency(String id) {
        this.id = id;
        this.prefix = id.replaceAll("[^A-Za-z]", "").toUpperCase().substring(0, Math.min(4, id.replaceAll("[^A-Za-z]", "").length()));
    }

    public String id() {
        return id;
    }

    public Mode mode() {
        return mode;
    }

    public long slowMs() {
        return slowMs;
    }

    public void mode(Mode mode, long slowMs) {
        this.mode = mode;
        this.slowMs = slowMs;
    }

    /** Answer {@code status} (e.g. 422 refused, 500 failing) to every message of this case. */
    public synchronized void refuse(String caseId, int status) {
        refusedCases.put(caseId, status);
    }

    /** Takes a feed message (already checked against the schema); a (caseId, sequence) taken before gets its first answer again. */
    public Answer take(JsonNode message) {
        return take(message, null);
    }

    /** {@link #take(JsonNode)} with the text the message arrived as, kept as it is (none: the message written out). */
    public synchronized Answer take(JsonNode message, String text) {
        deliveries++;
        String caseId = message.path("caseId").asText();
        int sequence = message.path("sequence").asInt();
        String kind = message.path("kind").asText();
        Integer refused = refusedCases.get(caseId);
        if (refused != null) {
            return new Answer(refused, problem(refused, "case " + caseId + " is refused by " + id));
        }
        String key = caseId + ":" + sequence;
        Answer first = answered.get(key);
        if (first != null) {
            copies++;
            return first;
        }
        String number;
        if ("NEW_CASE".equals(kind)) {
            number = caseNumbers.computeIfAbsent(caseId, c -> prefix + "-" + String.format("%06d", caseNumbers.size() + 1));
        } else {
            number = caseNumbers.get(caseId);
            if (number == null) {
                return new Answer(409, problem(409, "case " + caseId + " is not registered at " + id));
            }
        }
        int last = highestSequence.getOrDefault(caseId, 0);
        if (sequence != last + 1) {
            outOfOrder.add(key);
        }
        highestSequence.put(caseId, Math.max(last, sequence));
        taken.add(new Taken(caseId, sequence, kind, number, text != null ? text : message.toString()));
        Answer answer = new Answer("NEW_CASE".equals(kind) ? 201 : 200, ApiJson.mapper().createObjectNode()
                .put("caseId", caseId).put("sequence", sequence).put("agencyCaseNumber", number).toString());
        answered.put(key, answer);
        return answer;
    }

    public synchronized List<Taken> cases() {
        return List.copyOf(taken);
    }

    public synchronized Map<String, String> caseNumbers() {
        return Map.copyOf(caseNumbers);
    }

    /** Every message that arrived, copies included. */
    public synchronized int deliveries() {
        return deliveries;
    }

    /** Messages that arrived again after they had been taken (recognised, not registered twice). */
    public synchronized int copies() {
        return copies;
    }

    public synchronized Set<String> outOfOrder() {
        return Set.copyOf(outOfOrder);
    }

    public synchronized void reset() {
        mode = Mode.UP;
        slowMs = 0;
        refusedCases.clear();
        answered.clear();
        caseNumbers.clear();
        taken.clear();
        outOfOrder.clear();
        highestSequence.clear();
        deliveries = 0;
        copies = 0;
    }

    synchronized ObjectNode state() {
        ObjectNode state = ApiJson.mapper().createObjectNode().put("agency", id).put("mode", mode.name()).put("slowMs", slowMs)
                .put("deliveries", deliveries).put("copies", copies).put("registered", caseNumbers.size());
        ArrayNode list = state.putArray("taken");
        for (Taken t : taken) {
            list.addObject().put("caseId", t.caseId()).put("sequence", t.sequence()).put("kind", t.kind())
                    .put("agencyCaseNumber", t.agencyCaseNumber());
        }
        state.putPOJO("outOfOrder", List.copyOf(outOfOrder));
        return state;
    }

    static String problem(int status, String detail) {
        return ApiJson.mapper().createObjectNode().put("status", status).put("title", status >= 500 ? "Agency failure" : "Refused")
                .put("detail", detail).toString();
    }
}
