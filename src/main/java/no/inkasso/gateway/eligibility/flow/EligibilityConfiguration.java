package no.inkasso.gateway.eligibility.flow;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.eligibility.EligibilityRules;
import no.inkasso.gateway.eligibility.RuleFiles;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the rules engine (from the rule book in {@code gateway.eligibility.config-dir}, read once at
 * start: a broken rule file stops the gateway instead of deciding by half the rules) and the Camel
 * {@code jms} component the consuming routes use.
 */
@Configuration(proxyBeanMethods = false)
public class EligibilityConfiguration {

    @Bean
    EligibilityRules eligibilityRules(GatewayProperties properties) {
        return new EligibilityRules(RuleFiles.load(Path.of(properties.eligibility().configDir())));
    }

    /**
     * Consumers take a message in a local broker transaction: it is acknowledged only when the route
     * has finished (after the database commit), and redelivered (then dead-lettered) when it fails.
     * The transaction manager is the component's own, not a bean, so the database keeps Spring Boot's.
     */
    @Bean("jms")
    JmsComponent jmsComponent(ConnectionFactory connectionFactory) {
        return JmsComponent.jmsComponentTransacted(connectionFactory);
    }
}
