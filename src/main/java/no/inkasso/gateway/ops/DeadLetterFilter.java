package no.inkasso.gateway.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which dead letters a listing or a bulk replay takes: those of one case, those whose failure reason
 * contains a text (case-insensitive), those dead-lettered in a time range (from inclusive, to
 * exclusive; the last attempt, or the first when the broker did not stamp the last). Empty: all.
 */
public record DeadLetterFilter(String caseId, String reasonContains, Instant from, Instant to) {

    public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null, null);

    public boolean isAll() {
        return caseId == null && reasonContains == null && from == null && to == null;
    }

    public boolean matches(DeadLetter message) {
        if (caseId != null && !caseId.equals(String.valueOf(message.properties().get("caseId")))) {
            return false;
        }
        if (reasonContains != null && (message.failureReason() == null
                || !message.failureReason().toLowerCase(Locale.ROOT).contains(reasonContains.toLowerCase(Locale.ROOT)))) {
            return false;
        }
        Instant at = message.lastAttemptAt() != null ? message.lastAttemptAt() : message.firstAttemptAt();
        if (from != null && (at == null || at.isBefore(from))) {
            return false;
        }
        return to == null || (at != null && at.isBefore(to));
    }

    /** For the audit: what was asked, e.g. {@code caseId=…, reason~"timeout", from=…}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (caseId != null) {
            parts.add("caseId=" + caseId);
        }
        if (reasonContains != null) {
            parts.add("reason~\"" + reasonContains + "\"");
        }
        if (from != null) {
            parts.add("from=" + from);
        }
        if (to != null) {
            parts.add("to=" + to);
        }
        return parts.isEmpty() ? "all" : String.join(", ", parts);
    }
}
