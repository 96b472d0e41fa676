package no.inkasso.gateway.routing;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The agencies' delivery settings: the {@code delivery:} block of each agency in config/agencies.yml
 * (the same entries whose terms the eligibility rules read). An agency without one can be decided for
 * but not delivered to: its cases are held (NO_AGENCY) and reported until it gets one.
 */
public final class AgencyDirectory {

    private static final JsonMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, AgencyDelivery> deliveries;

    public AgencyDirectory(Collection<AgencyDelivery> deliveries) {
        Map<String, AgencyDelivery> byId = new LinkedHashMap<>();
        for (AgencyDelivery delivery : deliveries) {
            if (!delivery.agencyId().matches("[A-Za-z0-9-]{1,48}")) {
                throw new IllegalArgumentException("agency id '" + delivery.agencyId() + "' must be 1-48 of A-Z, a-z, 0-9 and '-' "
                        + "(it names the agency's queues)");
            }
            byId.put(delivery.agencyId(), delivery);
        }
        this.deliveries = Map.copyOf(byId);
    }

    /** Reads {@code agenciesFile}; {@code resolve} fills {@code ${…}} placeholders (the Spring environment). */
    public static AgencyDirectory read(Path agenciesFile, UnaryOperator<String> resolve) {
        JsonNode root;
        try {
            root = YAML.readTree(agenciesFile.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(agenciesFile + ": " + e.getMessage(), e);
        }
        var list = new ArrayList<AgencyDelivery>();
        for (JsonNode agency : root.path("agencies")) {
            JsonNode delivery = agency.get("delivery");
            if (delivery == null || delivery.isNull()) {
                continue;
            }
            String id = agency.path("id").asText();
            ObjectNode resolved = ((ObjectNode) delivery).deepCopy();
            resolved.properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    e.setValue(TextNode.valueOf(resolve.apply(e.getValue().asText())));
                }
            });
            resolved.put("agency-id", id);
            try {
                list.add(YAML.treeToValue(resolved, AgencyDelivery.class));
            } catch (IOException | IllegalArgumentException e) {
                String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                throw new IllegalStateException(agenciesFile + ": delivery of agency " + id + ": " + reason, e);
            }
        }
        return new AgencyDirectory(list);
    }

    public Optional<AgencyDelivery> delivery(String agencyId) {
        return Optional.ofNullable(deliveries.get(agencyId));
    }

    public Collection<AgencyDelivery> all() {
        return deliveries.values();
    }
}
