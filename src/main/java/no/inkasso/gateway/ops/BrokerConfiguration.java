package no.inkasso.gateway.ops;

import java.util.List;
import no.inkasso.gateway.GatewayProperties;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settings of the embedded broker: each gateway queue dead-letters to its own {@code <queue>.dlq}
 * after a few redeliveries with backoff, and the duplicate-detection cache (which the outbox relay
 * relies on) is persisted and large enough for a day's claims at full speed for some minutes.
 * With {@code gateway.broker.embedded-acceptor-url} set, the broker also listens on TCP.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

    static final String DLQ_SUFFIX = ".dlq";
    static final long MAX_QUEUE_MEMORY_BYTES = 16L * 1024 * 1024;
    static final String TCP_ACCEPTOR_NAME = "gateway-tcp";

    @Bean
    ArtemisConfigurationCustomizer gatewayBrokerSettings(GatewayProperties properties) {
        List<String> queues = List.of(properties.queues().claimsReceived(), properties.queues().casesEligible(),
                properties.queues().ledgerFeedback());
        GatewayProperties.Broker broker = properties.broker();
        return configuration -> {
            if (broker != null && broker.hasEmbeddedAcceptor()) {
                try {
                    configuration.addAcceptorConfiguration(TCP_ACCEPTOR_NAME, broker.embeddedAcceptorUrl().trim());
                } catch (Exception e) {
                    throw new IllegalStateException("gateway.broker.embedded-acceptor-url is not a valid acceptor URL: "
                            + broker.embeddedAcceptorUrl(), e);
                }
            }
            for (String queue : queues) {
                configuration.addAddressSetting(queue, new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(queue + DLQ_SUFFIX))
                        .setMaxDeliveryAttempts(5)
                        .setRedeliveryDelay(1000)
                        .setRedeliveryMultiplier(2.0)
                        .setMaxRedeliveryDelay(60_000)
                        // A queue nobody consumes yet must not fill the heap: page to disk beyond this.
                        .setMaxSizeBytes(MAX_QUEUE_MEMORY_BYTES)
                        .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
            }
            configuration.setGlobalMaxSize(Math.min(Runtime.getRuntime().maxMemory() / 8, 128L * 1024 * 1024));
            configuration.setIDCacheSize(200_000);
            configuration.setPersistIDCache(true);
        };
    }
}
