package no.inkasso.gateway.routing;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.agency.AgencyDeliveryWorker;
import no.inkasso.gateway.agency.AgencyTransport;
import no.inkasso.gateway.agency.DeliveryStore;
import no.inkasso.gateway.agency.JmsAgencyTransport;
import no.inkasso.gateway.agency.RateLimiter;
import no.inkasso.gateway.agency.RestAgencyTransport;
import no.inkasso.gateway.agency.sftp.BatchStore;
import no.inkasso.gateway.agency.sftp.SftpBatchTransport;
import no.inkasso.gateway.sftp.SftpOutbound;
import java.time.Clock;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import no.inkasso.gateway.eligibility.RuleFiles;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires agency routing and delivery: the agencies' delivery settings from agencies.yml, a transport
 * and a delivery route ({@code agency-deliver-<id>}, template in routes/agency) per agency, and the
 * broker settings of the agencies' queues.
 */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RoutingConfiguration.class);

    @Bean
    AgencyDirectory agencyDirectory(GatewayProperties properties, Environment environment) {
        AgencyDirectory directory = AgencyDirectory.read(Path.of(properties.eligibility().configDir()).resolve(RuleFiles.AGENCIES),
                environment::resolveRequiredPlaceholders);
        for (AgencyDelivery delivery : directory.all()) {
            log.info("Agency delivery: {}", delivery);
        }
        return directory;
    }

    @Bean
    BatchStore agencyBatches(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        return new BatchStore(jdbc, transaction, clock);
    }

    @Bean("agencyDelivery")
    AgencyDeliveryWorker agencyDelivery(AgencyDirectory directory, ConnectionFactory connectionFactory, DeliveryStore store,
                                        BatchStore batches, SftpOutbound sftpOutbound, GatewayProperties properties,
                                        MeterRegistry meters, RoutingProperties routing) {
        Map<String, AgencyTransport> transports = new LinkedHashMap<>();
        Map<String, RateLimiter> limiters = new LinkedHashMap<>();
        for (AgencyDelivery delivery : directory.all()) {
            transports.put(delivery.agencyId(), switch (delivery.transport()) {
                case REST -> new RestAgencyTransport(delivery);
                case JMS -> new JmsAgencyTransport(delivery, routing.delivery().batchSize());
                case SFTP -> new SftpBatchTransport(delivery, batches, store, sftpOutbound, connectionFactory,
                        Path.of(properties.dataDir(), "agency-batches", delivery.agencyId()), System.currentTimeMillis());
            });
            if (delivery.rateLimitPerSecond() > 0 && delivery.transport() != AgencyDelivery.Transport.SFTP) {
                limiters.put(delivery.agencyId(), new RateLimiter(delivery.rateLimitPerSecond()));
            }
        }
        return new AgencyDeliveryWorker(connectionFactory, store, meters, transports, limiters, routing.delivery(),
                System::currentTimeMillis);
    }

    /**
     * The agencies' outbound queues are never dead-lettered by the broker (the delivery worker counts
     * attempts and dead-letters itself, to {@code <queue>.dlq}), and a rolled-back message comes back
     * at once to the head of its queue, so a case's messages keep their order.
     */
    @Bean
    ArtemisConfigurationCustomizer agencyQueues(AgencyDirectory directory) {
        return configuration -> {
            configuration.addAddressSetting("agency.*.outbound", new AddressSettings()
                    .setMaxDeliveryAttempts(-1)
                    .setRedeliveryDelay(0)
                    .setMaxSizeBytes(16L * 1024 * 1024)
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
            for (AgencyDelivery delivery : directory.all()) {
                for (String queue : new String[] {RoutingProperties.outboundQueue(delivery.agencyId()),
                        RoutingProperties.deadLetterQueue(delivery.agencyId())}) {
                    configuration.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST));
                }
                if (delivery.transport() == AgencyDelivery.Transport.JMS && !delivery.ownBroker()) {
                    configuration.addQueueConfiguration(QueueConfiguration.of(delivery.queue()).setRoutingType(RoutingType.ANYCAST));
                    configuration.addAddressSetting(delivery.queue(), new AddressSettings()
                            .setMaxSizeBytes(16L * 1024 * 1024)
                            .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
                }
            }
        };
    }

    @Bean
    CamelContextConfiguration agencyDeliveryRoutes(AgencyDirectory directory, RoutingProperties routing) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                for (AgencyDelivery delivery : directory.all()) {
                    TemplatedRouteBuilder.builder(camelContext, "agency-deliver")
                            .routeId("agency-deliver-" + delivery.agencyId())
                            .parameter("agencyId", delivery.agencyId())
                            .parameter("period", String.valueOf(routing.delivery().pollPeriodMs()))
                            .add();
                }
            }
        };
    }
}
