package no.inkasso.gateway.ledger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.outbox.OutboxStore;
import no.inkasso.gateway.queues.QueueBatchDrainer;
import no.inkasso.gateway.sftp.EmbeddedSftpServer;
import no.inkasso.gateway.sftp.SftpOutbound;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the return path to ledgers: the ledgers from config/ledgers.yml, the consumer that files
 * ledger.feedback, a transport and a delivery route ({@code ledger-deliver-<source system>}, template in
 * routes/ledger) per ledger with a delivery, and the broker settings of the ledgers' queues and topics.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LedgerConfiguration.class);

    @Bean
    LedgerDirectory ledgerDirectory(LedgerProperties properties, Environment environment) {
        LedgerDirectory directory = LedgerDirectory.read(Path.of(properties.configFile()), environment::resolveRequiredPlaceholders);
        for (LedgerDirectory.Ledger ledger : directory.all()) {
            log.info("Ledger delivery: {}", ledger.delivery().map(Object::toString)
                    .orElse(ledger.sourceSystem() + ": none configured, its messages are held"));
        }
        return directory;
    }

    @Bean
    LedgerFeedbackFiler ledgerFeedbackFiler(LedgerDirectory directory, LedgerDeliveryStore store, OutboxStore outbox,
                                            TransactionTemplate transaction, MeterRegistry meters) {
        for (LedgerDeliveryStore.State state : LedgerDeliveryStore.State.values()) {
            if (state != LedgerDeliveryStore.State.DELIVERED) {
                Gauge.builder("gateway.ledger.messages", store, s -> s.count(state))
                        .description("ledger.feedback messages filed for ledgers, by state (HELD: no delivery configured)")
                        .tag("state", state.name()).register(meters);
            }
        }
        return new LedgerFeedbackFiler(directory, store, outbox, transaction, meters);
    }

    /** Drains ledger.feedback into the filer, a batch per (broker and database) transaction. */
    @Bean("ledgerFeedbackConsumer")
    QueueBatchDrainer ledgerFeedbackConsumer(LedgerFeedbackFiler filer, ConnectionFactory connectionFactory, GatewayProperties gateway,
                                             LedgerProperties properties) {
        return new QueueBatchDrainer(connectionFactory, gateway.queues().ledgerFeedback(), properties.delivery().batchSize(), filer::file);
    }

    @Bean("ledgerDelivery")
    LedgerDeliveryWorker ledgerDelivery(LedgerDirectory directory, ConnectionFactory connectionFactory, LedgerDeliveryStore store,
                                        MeterRegistry meters, LedgerProperties properties, GatewayProperties gateway,
                                        ObjectProvider<SftpOutbound> sftp, ObjectProvider<EmbeddedSftpServer> embedded) {
        Map<String, LedgerTransport> transports = new LinkedHashMap<>();
        for (LedgerDelivery d : directory.deliveries()) {
            transports.put(d.sourceSystem(), switch (d.transport()) {
                case WEBHOOK -> new WebhookLedgerTransport(d, () -> System.currentTimeMillis() / 1000);
                case JMS_TOPIC -> new TopicLedgerTransport(d, properties.delivery().batchSize());
                case SFTP -> new SftpLedgerTransport(d, sftp.getObject(), () -> target(d, embedded.getIfAvailable()),
                        Path.of(gateway.dataDir(), "ledger-work", d.sourceSystem()), 1000);
            });
        }
        return new LedgerDeliveryWorker(connectionFactory, store, meters, transports, properties.delivery(), System::currentTimeMillis);
    }

    private static SftpOutbound.Target target(LedgerDelivery d, EmbeddedSftpServer embedded) {
        if (d.embedded()) {
            if (embedded == null) {
                throw new IllegalStateException("ledger " + d.sourceSystem() + " uses the embedded SFTP server, which is off");
            }
            return new SftpOutbound.Target(embedded.host(), embedded.port(), d.username(), d.password(), null, null, d.folder());
        }
        return new SftpOutbound.Target(d.host(), d.port(), d.username(), d.password(), d.privateKeyFile(), d.knownHostsFile(), d.folder());
    }

    /**
     * Like the agencies' queues, the ledgers' outbound queues are never dead-lettered by the broker (the
     * worker counts attempts and dead-letters to {@code <queue>.dlq} itself) and a rolled-back message is
     * next again at once, so a case's events keep their order. Each jms-topic ledger's topic is a multicast address.
     */
    @Bean
    ArtemisConfigurationCustomizer ledgerQueues(LedgerDirectory directory) {
        return configuration -> {
            configuration.addAddressSetting("ledger.*.outbound", new AddressSettings()
                    .setMaxDeliveryAttempts(-1)
                    .setRedeliveryDelay(0)
                    .setMaxSizeBytes(16L * 1024 * 1024)
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
            for (LedgerDelivery d : directory.deliveries()) {
                for (String queue : new String[] {LedgerProperties.outboundQueue(d.sourceSystem()),
                        LedgerProperties.deadLetterQueue(d.sourceSystem())}) {
                    configuration.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST));
                }
                if (d.transport() == LedgerDelivery.Transport.JMS_TOPIC) {
                    configuration.addAddressConfiguration(new CoreAddressConfiguration().setName(d.topic())
                            .addRoutingType(RoutingType.MULTICAST));
                }
            }
        };
    }

    @Bean
    CamelContextConfiguration ledgerDeliveryRoutes(LedgerDirectory directory, LedgerProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                if (!properties.delivery().enabled()) {
                    log.info("Ledger delivery is off (gateway.ledger.delivery.enabled=false): ledger.feedback stays on its queue");
                    return;
                }
                for (LedgerDelivery d : directory.deliveries()) {
                    long period = d.transport() == LedgerDelivery.Transport.SFTP ? d.batchPeriodMs() : properties.delivery().pollPeriodMs();
                    try {
                        TemplatedRouteBuilder.builder(camelContext, "ledger-deliver")
                                .routeId("ledger-deliver-" + d.sourceSystem())
                                .parameter("sourceSystem", d.sourceSystem())
                                .parameter("period", String.valueOf(period))
                                .add();
                    } catch (Exception e) {
                        throw new IllegalStateException("ledger-deliver-" + d.sourceSystem() + ": " + e.getMessage(), e);
                    }
                }
            }
        };
    }
}
