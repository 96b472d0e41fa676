package no.inkasso.gateway;

import java.time.Clock;
import java.time.ZoneId;
import no.inkasso.gateway.claims.ClaimReader;
import no.inkasso.gateway.claims.ClaimSchema;
import no.inkasso.gateway.claims.ClaimValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java domain objects into the application. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    /** Business dates (due dates, deadlines) are Norwegian and Swedish dates. */
    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Europe/Oslo"));
    }

    @Bean
    ClaimReader claimReader() {
        return new ClaimReader(new ClaimSchema(), new ClaimValidator());
    }
}
