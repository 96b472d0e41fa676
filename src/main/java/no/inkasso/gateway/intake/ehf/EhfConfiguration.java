package no.inkasso.gateway.intake.ehf;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded broker's settings for the access-point queue: a document whose processing keeps
 * failing is redelivered with backoff and dead-lettered to {@code <queue>.dlq}, never retried forever.
 */
@Configuration(proxyBeanMethods = false)
public class EhfConfiguration {

    @Bean
    ArtemisConfigurationCustomizer ehfInboundQueueSettings(EhfProperties properties) {
        EhfProperties.Inbound inbound = properties.inbound();
        return configuration -> configuration.addAddressSetting(inbound.queue(), new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(inbound.queue() + ".dlq"))
                .setMaxDeliveryAttempts(inbound.maxDeliveryAttempts())
                .setRedeliveryDelay(inbound.redeliveryDelayMs())
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setMaxSizeBytes(16L * 1024 * 1024)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
    }
}
