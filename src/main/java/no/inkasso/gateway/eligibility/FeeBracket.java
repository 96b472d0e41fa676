package no.inkasso.gateway.eligibility;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A collection-fee bracket: principals up to and including {@code upTo} (no limit when {@code null})
 * have a ceiling of {@code factor} times the inkassosats.
 */
public record FeeBracket(@JsonProperty("up-to") BigDecimal upTo, @JsonProperty("factor") BigDecimal factor) {

    public FeeBracket {
        Objects.requireNonNull(factor, "factor");
    }

    public boolean covers(BigDecimal principal) {
        return upTo == null || principal.compareTo(upTo) <= 0;
    }
}
