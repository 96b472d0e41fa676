package no.inkasso.gateway.ops;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a personal id in free text: Norwegian fødselsnummer and D-nummer
 * (11 digits), Swedish personnummer (10 or 12 digits, with or without - or +). Only the last two
 * digits stay, enough to tell two ids apart in a log without revealing either. A run of digits
 * that touches a letter is part of a longer token (a case id's last group, "94da-84520288715f", is
 * a UUID, not a person) and is left alone.
 */
public final class PersonalDataMask {

    private static final Pattern PERSONAL_ID = Pattern.compile(
            "(?<![0-9A-Za-z])(?:[0-9]{8}[-+]?[0-9]{4}|[0-9]{6}[-+ ]?[0-9]{4,5})(?![0-9A-Za-z])");

    private PersonalDataMask() {}

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        if (!hasSixDigitsInARow(text)) {
            return text;
        }
        Matcher m = PERSONAL_ID.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            String id = m.group();
            m.appendReplacement(out, "*".repeat(id.length() - 2) + id.substring(id.length() - 2));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** Cheap pre-check: every masked form starts with at least six digits in a row. */
    private static boolean hasSixDigitsInARow(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++run >= 6) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }
}
