package no.inkasso.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class OpsMetricsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** Counts {@code received} cases and takes {@code cost} of the ticker's time doing it. */
    private final class SlowCounts extends PipelineCounts {
        long received;
        int counted;
        Duration cost = Duration.ofSeconds(2);

        SlowCounts() {
            super(null);
        }

        @Override
        public Map<List<String>, Long> byStateAndAgency() {
            counted++;
            now.addAndGet(cost.toNanos());
            Map<List<String>, Long> counts = new LinkedHashMap<>();
            counts.put(List.of("RECEIVED", NO_AGENCY), received);
            return counts;
        }
    }

    @Test
    void aCostlyCountWaitsTwentyTimesItsDurationBeforeTheNext() {
        SlowCounts counts = new SlowCounts();
        OpsMetrics metrics = new OpsMetrics(meters, new StaticListableBeanFactory().getBeanProvider(EmbeddedActiveMQ.class),
                counts, now::get);
        counts.received = 5;
        metrics.countCases();
        assertThat(received()).isEqualTo(5);

        counts.received = 7;
        now.addAndGet(Duration.ofSeconds(30).toNanos()); // 32 s after the count began, which cost 2 s
        metrics.countCases();
        assertThat(counts.counted).isEqualTo(1);
        assertThat(received()).as("not recounted yet").isEqualTo(5);

        now.addAndGet(Duration.ofSeconds(8).toNanos()); // 40 s after: 20 times the 2 s it took
        metrics.countCases();
        assertThat(counts.counted).isEqualTo(2);
        assertThat(received()).isEqualTo(7);
    }

    @Test
    void aCheapCountRunsOnEveryRefresh() {
        SlowCounts counts = new SlowCounts();
        counts.cost = Duration.ofMillis(3);
        OpsMetrics metrics = new OpsMetrics(meters, new StaticListableBeanFactory().getBeanProvider(EmbeddedActiveMQ.class),
                counts, now::get);
        for (long i = 1; i <= 3; i++) {
            counts.received = i;
            metrics.countCases();
            now.addAndGet(Duration.ofSeconds(15).toNanos());
            assertThat(received()).isEqualTo(i);
        }
        assertThat(counts.counted).isEqualTo(3);
    }

    private double received() {
        return meters.get("gateway.cases").tags("state", "RECEIVED", "agency", "none").gauge().value();
    }
}
