package no.inkasso.gateway.routing;

import jakarta.jms.ConnectionFactory;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.queues.QueueBatchDrainer;
import org.springframework.stereotype.Component;

/** Drains {@code cases.eligible} into the {@link AgencyRouter}, a batch per transaction. */
@Component("eligibleCasesConsumer")
public class EligibleCasesConsumer {

    private final QueueBatchDrainer drainer;

    public EligibleCasesConsumer(AgencyRouter router, ConnectionFactory connectionFactory, GatewayProperties gateway,
                                 RoutingProperties routing) {
        this.drainer = new QueueBatchDrainer(connectionFactory, gateway.queues().casesEligible(), routing.batchSize(),
                router::routeEligible);
    }

    public int routePending() {
        return drainer.drain();
    }
}
