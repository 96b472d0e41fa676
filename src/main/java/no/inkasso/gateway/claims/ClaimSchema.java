package no.inkasso.gateway.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The structural rules of the JSON claim, taken from the {@code Claim} schema of the OpenAPI
 * document itself, so the API validates exactly what it documents. Reports every violation.
 */
public final class ClaimSchema {

    public static final String OPENAPI_LOCATION = "classpath:schemas/openapi/inkasso-gateway-v1.yaml";

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("required", "required"),
            Map.entry("additionalProperties", "unknown-field"),
            Map.entry("type", "wrong-type"),
            Map.entry("enum", "not-allowed-value"),
            Map.entry("pattern", "invalid-format"),
            Map.entry("format", "invalid-format"),
            Map.entry("minLength", "too-short"),
            Map.entry("maxLength", "too-long"),
            Map.entry("minimum", "too-small"),
            Map.entry("maximum", "too-large"),
            Map.entry("minItems", "too-few-items"),
            Map.entry("maxItems", "too-many-items"));

    private final JsonSchema schema;

    public ClaimSchema() {
        this("Claim");
    }

    ClaimSchema(String componentName) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                builder -> builder.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        this.schema = factory.getSchema(SchemaLocation.of(OPENAPI_LOCATION + "#/components/schemas/" + componentName), config);
        this.schema.initializeValidators();
    }

    public List<FieldError> validate(JsonNode claim) {
        return schema.validate(claim).stream()
                .map(ClaimSchema::toFieldError)
                .distinct()
                .sorted(Comparator.comparing(FieldError::pointer).thenComparing(FieldError::code))
                .toList();
    }

    private static FieldError toFieldError(ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        if (pointer.isEmpty()) {
            pointer = "";
        }
        String type = message.getType();
        if (("required".equals(type) || "additionalProperties".equals(type)) && message.getProperty() != null) {
            pointer = pointer + "/" + message.getProperty();
        }
        String text = message.getError() != null ? message.getError() : message.getMessage();
        return FieldError.of(pointer, CODES.getOrDefault(type, type), text);
    }
}
