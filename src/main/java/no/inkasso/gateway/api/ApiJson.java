package no.inkasso.gateway.api;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON mapping used at the gateway's edges. The canonical claim classes are generated from
 * the XSD, so they are read and written field by field: their field names are the XSD element
 * names, which are also the JSON property names of the OpenAPI document.
 */
public final class ApiJson {

    private static final ObjectMapper MAPPER = builder().build();
    private static final ObjectMapper CANONICAL = builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private ApiJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The same mapping with properties in alphabetical order, so equal objects give equal text. */
    public static ObjectMapper canonicalMapper() {
        return CANONICAL;
    }
}
