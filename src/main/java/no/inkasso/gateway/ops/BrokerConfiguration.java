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
 * after a few redeliveries with backoff; every address pages to disk beyond a small in-memory share
 * scaled to the heap (so a queue nobody consumes, or a million-line file, never fills a 256 MB heap);
 * and the duplicate-detection cache the outbox relay relies on is persisted. With
 * {@code gateway.broker.embedded-acceptor-url} set, the broker also listens on TCP.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

    static final String DLQ_SUFFIX = ".dlq";
    static final long MIB = 1024L * 1024;
    /**
     * Duplicate ids remembered per address, for outside producers that set {@code _AMQ_DUPL_ID} (an
     * access point on {@code ehf.inbound}); the gateway's own relay does not (see {@code OutboxRelay}).
     * 20,000 costs a few MB of heap per address; the default (and 200,000) cost tens of MB.
     */
    static final int DUPLICATE_ID_CACHE_SIZE = 20_000;
    static final String TCP_ACCEPTOR_NAME = "gateway-tcp";

    @Bean
    ArtemisConfigurationCustomizer gatewayBrokerSettings(GatewayProperties properties) {
        List<String> queues = List.of(properties.queues().claimsReceived(), properties.queues().casesEligible(),
                properties.queues().ledgerFeedback());
        GatewayProperties.Broker broker = properties.broker();
        BrokerMemory memory = BrokerMemory.forHeap(Runtime.getRuntime().maxMemory());
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
                        .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                        .setMaxSizeBytes(memory.addressBytes())
                        .setPageSizeBytes(memory.pageBytes())
                        .setMaxReadPageBytes(memory.readPageBytes())
                        .setPrefetchPageBytes(memory.prefetchPageBytes()));
            }
            // Every other address (dead-letter queues, queues added later) pages the same way.
            configuration.addAddressSetting("#", new AddressSettings()
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                    .setMaxSizeBytes(memory.addressBytes())
                    .setPageSizeBytes(memory.pageBytes())
                    .setMaxReadPageBytes(memory.readPageBytes())
                    .setPrefetchPageBytes(memory.prefetchPageBytes()));
            configuration.registerBrokerPlugin(new DeadLetterStamp());
            configuration.setGlobalMaxSize(memory.globalBytes());
            configuration.setIDCacheSize(DUPLICATE_ID_CACHE_SIZE);
            configuration.setPersistIDCache(true);
        };
    }

    /**
     * The broker's heap share, from the JVM's maximum heap: each address keeps at most
     * {@code addressBytes} of messages in memory (heap/64, between 1 and 16 MB) and pages the rest
     * to disk in files of a quarter of that; reading back from pages holds at most as much again; all
     * addresses together at most heap/8 (at most 128 MB). With {@code -Xmx256m}: 4 MB per address,
     * 1 MB page files, 32 MB in all.
     */
    record BrokerMemory(long addressBytes, int pageBytes, int readPageBytes, int prefetchPageBytes, long globalBytes) {

        static BrokerMemory forHeap(long maxHeapBytes) {
            long address = Math.max(MIB, Math.min(16 * MIB, maxHeapBytes / 64));
            return new BrokerMemory(address, (int) (address / 4), (int) address, (int) (address / 2),
                    Math.min(maxHeapBytes / 8, 128 * MIB));
        }
    }
}
