package no.inkasso.gateway.ehf;

import java.util.Map;
import java.util.Objects;

/**
 * The schematron mode for a creditor, chosen by the creditor's organisation number as read from
 * the document's seller (null when the seller has none the gateway can read).
 */
@FunctionalInterface
public interface SchematronPolicy {

    SchematronMode modeFor(String creditorOrgNumber);

    static SchematronPolicy always(SchematronMode mode) {
        Objects.requireNonNull(mode, "mode");
        return creditor -> mode;
    }

    /** {@code modes} by creditor organisation number; every other creditor gets {@code otherwise}. */
    static SchematronPolicy perCreditor(Map<String, SchematronMode> modes, SchematronMode otherwise) {
        Map<String, SchematronMode> copy = Map.copyOf(modes);
        Objects.requireNonNull(otherwise, "otherwise");
        return creditor -> creditor == null ? otherwise : copy.getOrDefault(creditor, otherwise);
    }
}
