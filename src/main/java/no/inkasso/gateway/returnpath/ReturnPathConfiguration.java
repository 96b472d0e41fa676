package no.inkasso.gateway.returnpath;

import java.util.Map;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the agencies' events queues: per agency with an {@code events-queue}, the queue and its
 * {@code .dlq} on the embedded broker (backoff, then dead-lettered) and a route
 * {@code returnpath-receive-queue-<agency>} from the template in routes/returnpath; per agency with a
 * {@code status-endpoint}, a poll route {@code returnpath-poll-status-files-<agency>}.
 */
@Configuration(proxyBeanMethods = false)
public class ReturnPathConfiguration {

    @Bean
    ArtemisConfigurationCustomizer agencyEventQueues(ReturnPathProperties properties) {
        return configuration -> {
            for (String queue : queues(properties).values()) {
                for (String q : new String[] {queue, ReturnPathProperties.deadLetterQueue(queue)}) {
                    configuration.addQueueConfiguration(QueueConfiguration.of(q).setRoutingType(RoutingType.ANYCAST));
                }
                configuration.addAddressSetting(queue, new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(ReturnPathProperties.deadLetterQueue(queue)))
                        .setMaxDeliveryAttempts(properties.maxDeliveryAttempts())
                        .setRedeliveryDelay(properties.redeliveryDelayMs())
                        .setRedeliveryMultiplier(2.0)
                        .setMaxRedeliveryDelay(60_000)
                        .setMaxSizeBytes(16L * 1024 * 1024)
                        .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
            }
        };
    }

    @Bean
    CamelContextConfiguration agencyEventRoutes(ReturnPathProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                queues(properties).forEach((agencyId, queue) -> TemplatedRouteBuilder.builder(camelContext, "returnpath-receive-queue")
                        .routeId("returnpath-receive-queue-" + agencyId)
                        .parameter("agencyId", agencyId)
                        .parameter("endpoint", properties.eventsEndpoint().formatted(queue))
                        .parameter("deadLetterEndpoint", properties.deadLetterEndpoint().formatted(ReturnPathProperties.deadLetterQueue(queue)))
                        .add());
                new java.util.TreeMap<>(properties.agencies()).forEach((agencyId, agency) -> {
                    if (agency.statusEndpoint() != null && !agency.statusEndpoint().isBlank()) {
                        TemplatedRouteBuilder.builder(camelContext, "returnpath-poll-status-files")
                                .routeId("returnpath-poll-status-files-" + agencyId)
                                .parameter("agencyId", agencyId)
                                .parameter("endpoint", agency.statusEndpoint())
                                .add();
                    }
                });
            }
        };
    }

    private static Map<String, String> queues(ReturnPathProperties properties) {
        Map<String, String> queues = new java.util.TreeMap<>();
        properties.agencies().forEach((id, agency) -> {
            if (agency.eventsQueue() != null && !agency.eventsQueue().isBlank()) {
                queues.put(id, agency.eventsQueue());
            }
        });
        return queues;
    }
}
