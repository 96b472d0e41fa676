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
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
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

    public OpsMetrics(MeterRegistry meters, ObjectProvider<EmbeddedActiveMQ> embeddedBroker, PipelineCounts pipeline) {
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

    void countCases() {
        Map<List<String>, Long> counts = pipeline.byStateAndAgency();
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
