package no.inkasso.gateway.cases;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUID version 7 ids: time-ordered, so the newest cases sort last and a case id can serve as a
 * paging cursor, while staying unguessable. Within one process they are strictly increasing: an id
 * made in the same millisecond as the last one counts up from it (RFC 9562, method 3), so rows
 * ordered by id are in the order they were made (a ledger's deliveries filed in one millisecond were
 * listed in random order before).
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The most significant half of the last id: 48 bits of milliseconds, version 7, 12 bits of sequence. */
    private static final AtomicLong LAST = new AtomicLong();

    private TimeOrderedIds() {}

    public static String next() {
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(nextMostSignificant(System.currentTimeMillis()), lsb).toString();
    }

    /** The next id's most significant half at {@code millis}: random in the lower half of the sequence, or one past the last. */
    static long nextMostSignificant(long millis) {
        long candidate = (millis << 16) | 0x7000L | RANDOM.nextInt(1 << 11);
        while (true) {
            long last = LAST.get();
            long next;
            if (candidate > last) {
                next = candidate;
            } else if ((last & 0xFFFL) < 0xFFFL) {
                next = last + 1;
            } else {
                next = (((last >>> 16) + 1) << 16) | 0x7000L; // sequence used up: borrow the next millisecond
            }
            if (LAST.compareAndSet(last, next)) {
                return next;
            }
        }
    }
}
