package no.inkasso.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

class AgencyDirectoryTest {

    @Test
    void theShippedAgenciesHaveTheirDeliveriesWithSecretsFromTheEnvironmentOrDevDefaults() {
        AgencyDirectory directory = AgencyDirectory.read(Path.of("config/agencies.yml"),
                new StandardEnvironment()::resolveRequiredPlaceholders);

        AgencyDelivery no = directory.delivery("demo-agency-no").orElseThrow();
        assertThat(no.transport()).isEqualTo(AgencyDelivery.Transport.REST);
        assertThat(no.auth()).isEqualTo(AgencyDelivery.Auth.API_KEY);
        assertThat(no.apiKeyHeader()).isEqualTo("X-API-Key");
        assertThat(no.endpoint()).isEqualTo("http://127.0.0.1:9090/agencies/demo-agency-no/cases");
        assertThat(no.toString()).doesNotContain(no.apiKey());
        AgencyDelivery se = directory.delivery("demo-agency-se").orElseThrow();
        assertThat(se.transport()).isEqualTo(AgencyDelivery.Transport.JMS);
        assertThat(se.queue()).isEqualTo("agency.demo-agency-se.cases");
        assertThat(se.ownBroker()).isFalse();
    }

    @Test
    void aDeliveryMissingWhatItsTransportNeedsStopsTheStartWithTheAgencyNamed() throws Exception {
        Path file = Files.createTempFile("agencies", ".yml");
        Files.writeString(file, """
                agencies:
                  - id: broken-agency
                    delivery: {transport: rest, auth: oauth2, endpoint: "http://127.0.0.1:1/cases"}
                """);

        assertThatThrownBy(() -> AgencyDirectory.read(file, s -> s))
                .hasMessageContaining("delivery of agency broken-agency")
                .hasMessageContaining("auth oauth2 needs token-url, client-id and client-secret");
    }
}
