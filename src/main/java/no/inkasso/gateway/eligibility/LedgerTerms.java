package no.inkasso.gateway.eligibility;

import java.util.Objects;

/** Terms a source system (ledger) sets for all its claims, e.g. that a reminder precedes collection. */
public record LedgerTerms(String sourceSystem, boolean reminderRequired) {

    public LedgerTerms {
        Objects.requireNonNull(sourceSystem, "source-system");
    }
}
