package no.inkasso.gateway.eligibility.flow;

import java.nio.file.Path;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.eligibility.EligibilityRules;
import no.inkasso.gateway.eligibility.RuleFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the rules engine from the rule book in {@code gateway.eligibility.config-dir}, read once at
 * start: a broken rule file stops the gateway instead of deciding by half the rules.
 */
@Configuration(proxyBeanMethods = false)
public class EligibilityConfiguration {

    @Bean
    EligibilityRules eligibilityRules(GatewayProperties properties) {
        return new EligibilityRules(RuleFiles.load(Path.of(properties.eligibility().configDir())));
    }
}
