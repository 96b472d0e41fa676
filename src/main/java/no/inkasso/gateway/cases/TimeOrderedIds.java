package no.inkasso.gateway.cases;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUID version 7 ids: time-ordered, so the newest cases sort last and a case id can serve as a
 * paging cursor, while staying unguessable.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {}

    public static String next() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
