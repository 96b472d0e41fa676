package no.inkasso.gateway.ledger;

import java.util.Map;
import java.util.Objects;

/**
 * Our words to one ledger's words. A key is our event type or feedback kind ({@code PAYMENT_RECEIVED},
 * {@code ELIGIBILITY_REJECTED}), optionally refined by the event's one qualifying detail
 * ({@code CLOSED.PAID}, {@code NOTICE_SENT.INKASSOKRAV}, {@code AWAITING_CREDITOR_DECISION.LEGAL_STEP}):
 * the refined key wins over the plain one, and anything unmapped gets the default (and is counted by the caller).
 */
public record LedgerVocabulary(LedgerStatus fallback, Map<String, LedgerStatus> statuses) {

    /** The status a ledger gets and whether a mapping (not the default) gave it. */
    public record Mapping(LedgerStatus status, boolean mapped, String key) {}

    public LedgerVocabulary {
        Objects.requireNonNull(fallback, "a vocabulary needs a default status");
        statuses = statuses == null ? Map.of() : Map.copyOf(statuses);
    }

    /** The mapping of {@code type}, refined by {@code qualifier} (may be null). */
    public Mapping map(String type, String qualifier) {
        if (qualifier != null && !qualifier.isBlank()) {
            String refined = type + "." + qualifier;
            LedgerStatus status = statuses.get(refined);
            if (status != null) {
                return new Mapping(status, true, refined);
            }
        }
        LedgerStatus status = statuses.get(type);
        return status != null ? new Mapping(status, true, type) : new Mapping(fallback, false, type);
    }
}
