package no.inkasso.gateway.agency.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BatchScheduleTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void aFixedPeriodIsDueThatLongAfterTheLastRun() {
        BatchSchedule every = BatchSchedule.of(null, 60_000, OSLO);

        assertThat(every.due(1_000, 60_999)).isFalse();
        assertThat(every.due(1_000, 61_000)).isTrue();
    }

    @Test
    void aCronScheduleIsDueAtItsNextTimeInOsloTime() {
        // 22:00 Oslo time on weekdays; 2026-03-10 is a Tuesday, Oslo is UTC+1 in March
        BatchSchedule nightly = BatchSchedule.of("0 0 22 * * MON-FRI", 0, OSLO);
        long lastRun = at("2026-03-10T12:00:00Z");

        assertThat(nightly.next(lastRun)).isEqualTo(at("2026-03-10T21:00:00Z"));
        assertThat(nightly.due(lastRun, at("2026-03-10T20:59:59Z"))).isFalse();
        assertThat(nightly.due(lastRun, at("2026-03-10T21:00:00Z"))).isTrue();
        // after Friday's run the next is Monday's; Norway is on summer time (UTC+2) from 2026-03-29
        assertThat(nightly.next(at("2026-03-27T21:00:00Z"))).isEqualTo(at("2026-03-30T20:00:00Z"));
    }

    @Test
    void neitherCronNorPeriodIsRefused() {
        assertThatThrownBy(() -> BatchSchedule.of(" ", 0, OSLO)).hasMessageContaining("cron expression or a period");
        assertThatThrownBy(() -> BatchSchedule.of("every night", 0, OSLO)).isInstanceOf(IllegalArgumentException.class);
    }
}
