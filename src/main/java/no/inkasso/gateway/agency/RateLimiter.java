package no.inkasso.gateway.agency;

/**
 * An agency's rate limit ({@code rate-limit-per-second}): a token bucket holding at most one second's
 * worth of messages (at least one), refilled continuously. The delivery worker asks how many it may
 * send now and takes fewer messages from the queue instead of waiting, so a limited agency's messages
 * simply stay on its queue until the next tick. Times are the caller's milliseconds, so tests need no clock.
 */
public final class RateLimiter {

    private final double perMs;
    private final double capacity;
    private double tokens;
    private long last;
    private boolean started;

    public RateLimiter(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a rate limit is more than 0 per second: " + perSecond);
        }
        this.perMs = perSecond / 1000.0;
        this.capacity = Math.max(1.0, perSecond);
    }

    /** How many of {@code wanted} messages may go now (0: none until later). */
    public synchronized int available(long now, int wanted) {
        refill(now);
        return (int) Math.max(0, Math.min(wanted, Math.floor(tokens)));
    }

    /** Records that {@code n} messages went (or were attempted) at {@code now}. */
    public synchronized void take(long now, int n) {
        refill(now);
        tokens = Math.max(-capacity, tokens - n);
    }

    private void refill(long now) {
        if (!started) {
            started = true;
            tokens = capacity;
            last = now;
            return;
        }
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) * perMs);
            last = now;
        }
    }
}
