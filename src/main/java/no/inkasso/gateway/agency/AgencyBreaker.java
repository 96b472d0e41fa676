package no.inkasso.gateway.agency;

/**
 * One agency's circuit breaker and retry pacing. Closed: after a failure the next attempt waits
 * {@code initialBackoffMs × multiplier^(failures-1)} (capped). After {@code failureThreshold}
 * consecutive failures the circuit is open: nothing is attempted for {@code openMs}, then one trial
 * (half-open) closes it on success or opens it again. Times are the caller's milliseconds, so tests
 * need no clock.
 */
public final class AgencyBreaker {

    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int failureThreshold;
    private final long openMs;
    private final long initialBackoffMs;
    private final double multiplier;
    private final long maxBackoffMs;
    private int failures;
    private long notBefore;
    private long lastSuccessAt;
    private long lastFailureAt;

    public AgencyBreaker(int failureThreshold, long openMs, long initialBackoffMs, double multiplier, long maxBackoffMs) {
        if (failureThreshold < 1 || openMs < 0 || initialBackoffMs < 0 || multiplier < 1 || maxBackoffMs < initialBackoffMs) {
            throw new IllegalArgumentException("breaker settings: threshold >= 1, open-ms >= 0, backoff >= 0, multiplier >= 1, "
                    + "max-backoff >= initial");
        }
        this.failureThreshold = failureThreshold;
        this.openMs = openMs;
        this.initialBackoffMs = initialBackoffMs;
        this.multiplier = multiplier;
        this.maxBackoffMs = maxBackoffMs;
    }

    public synchronized boolean allowsAttempt(long now) {
        return now >= notBefore;
    }

    public synchronized State state(long now) {
        if (failures < failureThreshold) {
            return State.CLOSED;
        }
        return now >= notBefore ? State.HALF_OPEN : State.OPEN;
    }

    public synchronized void onSuccess(long now) {
        failures = 0;
        notBefore = 0;
        lastSuccessAt = now;
    }

    /** Records a failure at {@code now}; returns how long the next attempt waits. */
    public synchronized long onFailure(long now) {
        failures++;
        lastFailureAt = now;
        long wait = failures >= failureThreshold ? openMs : backoff(failures);
        notBefore = now + wait;
        return wait;
    }

    public synchronized int consecutiveFailures() {
        return failures;
    }

    /** The caller's time of the last success, 0 if none since start (for health; not kept across restarts). */
    public synchronized long lastSuccessAt() {
        return lastSuccessAt;
    }

    /** The caller's time of the last failure, 0 if none since start. */
    public synchronized long lastFailureAt() {
        return lastFailureAt;
    }

    private long backoff(int failure) {
        double wait = initialBackoffMs * Math.pow(multiplier, failure - 1);
        return (long) Math.min(maxBackoffMs, wait);
    }
}
