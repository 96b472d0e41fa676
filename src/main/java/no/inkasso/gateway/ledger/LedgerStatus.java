package no.inkasso.gateway.ledger;

import java.util.Objects;

/** A status in a ledger's own words: its code and the text its users see (e.g. "Inkasso pågår"). */
public record LedgerStatus(String code, String text) {
    public LedgerStatus {
        Objects.requireNonNull(code, "code");
        text = text == null ? code : text;
    }
}
