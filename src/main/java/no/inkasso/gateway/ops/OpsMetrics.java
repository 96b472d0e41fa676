package no.inkasso.gateway.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Gauges the gateway keeps up to date on a timer (route {@code ops-refresh-metrics}) rather than per
 * scrape: the depth of every queue on the embedded broker (found on each refresh, so queues created
 * later, per agency or per ledger, get theirs), the dead letters per queue they failed on, and the
 * cases by state and agency (one grouped count per refresh). Queue depths themselves are read at
 * scrape time from the broker's in-memory counters, which costs nothing.
 */
@Component("opsMetrics")
public class OpsMetrics {

    private final MeterRegistry meters;
    private final ObjectProvider<EmbeddedActiveMQ> embeddedBroker;
    private final PipelineCounts pipeline;
    private final Set<String> queuesWithGauges = ConcurrentHashMap.newKeySet();
    private final MultiGauge cases;
    private final LongSupplier ticker;
    private volatile long nextCountAt;

    static final long COUNT_COST_FACTOR = 20;

    @Autowired
    public OpsMetrics(MeterRegistry meters, ObjectProvider<EmbeddedActiveMQ> embeddedBroker, PipelineCounts pipeline) {
        this(meters, embeddedBroker, pipeline, System::nanoTime);
    }

    OpsMetrics(MeterRegistry meters, ObjectProvider<EmbeddedActiveMQ> embeddedBroker, PipelineCounts pipeline, LongSupplier ticker) {
        this.ticker = ticker;
        this.nextCountAt = ticker.getAsLong();
        this.meters = meters;
        this.embeddedBroker = embeddedBroker;
        this.pipeline = pipeline;
        this.cases = MultiGauge.builder("gateway.cases")
                .description("Cases standing in each state, by agency (none before routing); counted every refresh")
                .register(meters);
    }

    /** Registers gauges for queues new since the last refresh and recounts the cases. */
    public void refresh() {
        watchQueues();
        countCases();
    }

    void watchQueues() {
        ActiveMQServer broker = broker();
        if (broker == null || broker.getActiveMQServerControl() == null) {
            return;
        }
        for (String name : broker.getActiveMQServerControl().getQueueNames()) {
            if (isGatewayQueue(name) && queuesWithGauges.add(name)) {
                Gauge.builder("gateway.queue.messages", this, m -> m.depth(name))
                        .description("Messages on the queue (delivered but unacknowledged included)")
                        .tag("queue", name).register(meters);
                FunctionCounter.builder("gateway.queue.messages.added", this, m -> m.added(name))
                        .description("Messages ever put on the queue since the broker started")
                        .tag("queue", name).register(meters);
                if (name.endsWith(BrokerConfiguration.DLQ_SUFFIX)) {
                    Gauge.builder("gateway.queue.dead.letters", this, m -> m.depth(name))
                            .description("Messages dead-lettered from the queue and not yet replayed or discarded")
                            .tag("queue", DeadLetters.defaultOriginal(name)).register(meters);
                }
            }
        }
    }

    /**
     * Recounts the cases, unless the last count was too recent for what it cost: the grouped count
     * reads the whole case table, so with a million cases (several seconds per count) it would take a
     * core's worth of the intake it measures. A count waits {@value #COUNT_COST_FACTOR} times its own
     * duration before the next one, so counting never takes more than one part in that many.
     */
    void countCases() {
        long started = ticker.getAsLong();
        if (started - nextCountAt < 0) {
            return;
        }
        Map<List<String>, Long> counts = pipeline.byStateAndAgency();
        nextCountAt = started + COUNT_COST_FACTOR * (ticker.getAsLong() - started);
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((key, count) -> rows.add(MultiGauge.Row.of(Tags.of("state", key.get(0), "agency", key.get(1)), count)));
        cases.register(rows, true);
    }

    /** Artemis' own queues (management notifications, internal stores) are not the gateway's. */
    static boolean isGatewayQueue(String name) {
        return !name.startsWith("activemq.") && !name.startsWith("$") && !name.contains("$.artemis");
    }

    private double depth(String queue) {
        Queue q = locate(queue);
        return q == null ? Double.NaN : q.getMessageCount();
    }

    private double added(String queue) {
        Queue q = locate(queue);
        return q == null ? 0 : q.getMessagesAdded();
    }

    private Queue locate(String queue) {
        ActiveMQServer broker = broker();
        return broker == null ? null : broker.locateQueue(SimpleString.of(queue));
    }

    private ActiveMQServer broker() {
        EmbeddedActiveMQ embedded = embeddedBroker.getIfAvailable();
        return embedded == null ? null : embedded.getActiveMQServer();
    }
}
