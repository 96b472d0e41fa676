package no.inkasso.gateway.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The payload of an outbox row that holds several messages for one destination. Each message is
 * written as four length-prefixed fields (dedup id, case id, correlation id, payload), a length of
 * {@code -1} for a missing one: {@code 12:claims.rec:1-1:|...}. Payloads may hold any character,
 * so nothing is escaped and nothing is parsed but the lengths.
 */
final class OutboxBundle {

    private OutboxBundle() {
    }

    static String encode(List<OutboxMessage> messages) {
        int size = 0;
        for (OutboxMessage m : messages) {
            size += m.payload().length() + 96;
        }
        StringBuilder out = new StringBuilder(size);
        for (OutboxMessage m : messages) {
            field(out, m.dedupId());
            field(out, m.caseId());
            field(out, m.correlationId());
            field(out, m.payload());
        }
        return out.toString();
    }

    /** The bundle's messages, in the order they were added, each with the row's {@code id} and {@code destination}. */
    static List<OutboxMessage> decode(long id, String destination, int count, String bundle) {
        List<OutboxMessage> messages = new ArrayList<>(count);
        int[] at = {0};
        while (at[0] < bundle.length()) {
            String dedup = next(bundle, at);
            String caseId = next(bundle, at);
            String correlation = next(bundle, at);
            String payload = next(bundle, at);
            if (dedup == null || payload == null) {
                throw new IllegalStateException("outbox bundle " + id + " is corrupt at character " + at[0]);
            }
            messages.add(new OutboxMessage(id, destination, dedup, caseId, correlation, payload));
        }
        if (messages.size() != count) {
            throw new IllegalStateException("outbox bundle " + id + " holds " + messages.size() + " messages, its row says " + count);
        }
        return messages;
    }

    /** The characters {@code message} takes in a bundle. */
    static int encodedLength(OutboxMessage m) {
        return length(m.dedupId()) + length(m.caseId()) + length(m.correlationId()) + length(m.payload());
    }

    private static int length(String value) {
        return value == null ? 3 : value.length() + Integer.toString(value.length()).length() + 1;
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("-1:");
        } else {
            out.append(value.length()).append(':').append(value);
        }
    }

    private static String next(String bundle, int[] at) {
        int colon = bundle.indexOf(':', at[0]);
        if (colon < 0) {
            throw new IllegalStateException("outbox bundle is corrupt at character " + at[0]);
        }
        int length = Integer.parseInt(bundle, at[0], colon, 10);
        if (length < 0) {
            at[0] = colon + 1;
            return null;
        }
        at[0] = colon + 1 + length;
        return bundle.substring(colon + 1, at[0]);
    }
}
