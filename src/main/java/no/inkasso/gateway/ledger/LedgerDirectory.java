package no.inkasso.gateway.ledger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The ledgers the return path delivers to, from config/ledgers.yml: per source system (a claim's
 * {@code source.system}) its delivery (optional: without one its messages are held) and its vocabulary.
 */
public final class LedgerDirectory {

    /** One ledger: where its events go (none = held) and the words it uses. */
    public record Ledger(String sourceSystem, Optional<LedgerDelivery> delivery, LedgerVocabulary vocabulary) {}

    private static final JsonMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Set<String> LEDGER_KEYS = Set.of("source-system", "name", "delivery", "vocabulary");

    private final Map<String, Ledger> ledgers;

    public LedgerDirectory(List<Ledger> ledgers) {
        Map<String, Ledger> bySystem = new LinkedHashMap<>();
        for (Ledger ledger : ledgers) {
            if (!ledger.sourceSystem().matches("[A-Za-z0-9-]{1,48}")) {
                throw new IllegalArgumentException("source system '" + ledger.sourceSystem()
                        + "' must be 1-48 of A-Z, a-z, 0-9 and '-' (it names the ledger's queues)");
            }
            if (bySystem.put(ledger.sourceSystem(), ledger) != null) {
                throw new IllegalArgumentException("source system " + ledger.sourceSystem() + " is listed twice");
            }
        }
        this.ledgers = java.util.Collections.unmodifiableMap(bySystem);
    }

    /** Reads {@code file}; {@code resolve} fills {@code ${…}} placeholders (the Spring environment). */
    public static LedgerDirectory read(Path file, UnaryOperator<String> resolve) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        List<Ledger> list = new java.util.ArrayList<>();
        for (JsonNode entry : root.path("ledgers")) {
            String system = entry.path("source-system").asText("");
            String where = file + ": ledger " + system + ": ";
            entry.fieldNames().forEachRemaining(name -> {
                if (!LEDGER_KEYS.contains(name)) {
                    throw new IllegalStateException(where + "unknown key " + name + " (expected " + LEDGER_KEYS + ")");
                }
            });
            try {
                list.add(new Ledger(system, delivery(system, entry.get("delivery"), resolve), vocabulary(entry.path("vocabulary"))));
            } catch (IOException | IllegalArgumentException e) {
                String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                throw new IllegalStateException(where + reason, e);
            }
        }
        try {
            return new LedgerDirectory(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<LedgerDelivery> delivery(String system, JsonNode delivery, UnaryOperator<String> resolve) throws IOException {
        if (delivery == null || delivery.isNull()) {
            return Optional.empty();
        }
        ObjectNode resolved = ((ObjectNode) delivery).deepCopy();
        resolved.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                e.setValue(TextNode.valueOf(resolve.apply(e.getValue().asText())));
            }
        });
        resolved.put("source-system", system);
        return Optional.of(YAML.treeToValue(resolved, LedgerDelivery.class));
    }

    private static LedgerVocabulary vocabulary(JsonNode vocabulary) {
        JsonNode fallback = vocabulary.get("default");
        if (fallback == null) {
            throw new IllegalArgumentException("vocabulary needs a default: {code, text}");
        }
        Map<String, LedgerStatus> statuses = new LinkedHashMap<>();
        vocabulary.path("statuses").properties().forEach(e -> statuses.put(e.getKey(), status(e.getKey(), e.getValue())));
        return new LedgerVocabulary(status("default", fallback), statuses);
    }

    private static LedgerStatus status(String key, JsonNode node) {
        if (!node.hasNonNull("code")) {
            throw new IllegalArgumentException("vocabulary " + key + " needs a code");
        }
        return new LedgerStatus(node.get("code").asText(), node.path("text").asText(null));
    }

    public Optional<Ledger> ledger(String sourceSystem) {
        return sourceSystem == null ? Optional.empty() : Optional.ofNullable(ledgers.get(sourceSystem));
    }

    /** The ledgers with a delivery configured. */
    public List<LedgerDelivery> deliveries() {
        return ledgers.values().stream().flatMap(l -> l.delivery().stream()).toList();
    }

    public Collection<Ledger> all() {
        return ledgers.values();
    }
}
