package no.inkasso.gateway.agency.sftp;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.scheduling.support.CronExpression;

/**
 * When an SFTP agency's batch files are made: a cron expression (second minute hour day month weekday,
 * in the agency's zone, e.g. {@code 0 0 22 * * MON-FRI}) or a fixed period. Times are milliseconds, so
 * tests need no clock.
 */
public final class BatchSchedule {

    private final CronExpression cron;
    private final long periodMs;
    private final ZoneId zone;

    private BatchSchedule(CronExpression cron, long periodMs, ZoneId zone) {
        this.cron = cron;
        this.periodMs = periodMs;
        this.zone = zone;
    }

    /** {@code cron} when given, else every {@code periodMs}. */
    public static BatchSchedule of(String cron, long periodMs, ZoneId zone) {
        if (cron != null && !cron.isBlank()) {
            return new BatchSchedule(CronExpression.parse(cron), 0, zone);
        }
        if (periodMs <= 0) {
            throw new IllegalArgumentException("a batch schedule needs a cron expression or a period above 0 ms");
        }
        return new BatchSchedule(null, periodMs, zone);
    }

    /** Whether a run is due at {@code now}, the last run (or the start) having been at {@code lastRun}. */
    public boolean due(long lastRun, long now) {
        return next(lastRun) <= now;
    }

    /** The first time after {@code lastRun} a run is due. */
    public long next(long lastRun) {
        if (cron == null) {
            return lastRun + periodMs;
        }
        ZonedDateTime next = cron.next(ZonedDateTime.ofInstant(Instant.ofEpochMilli(lastRun), zone));
        return next == null ? Long.MAX_VALUE : next.toInstant().toEpochMilli();
    }

    @Override
    public String toString() {
        return cron != null ? "cron " + cron + " (" + zone + ")" : "every " + periodMs + " ms";
    }
}
