package no.inkasso.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A clock a test sets to a date (noon, Oslo time) and moves forward: business dates under the test's control. */
public final class MutableClock extends Clock {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    public void setDate(LocalDate date) {
        now.set(date.atTime(12, 0).atZone(OSLO).toInstant());
    }

    @Override
    public ZoneId getZone() {
        return OSLO;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now.get(), zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
