package no.inkasso.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    @Test
    void anSftpDeliveryHasItsServerScheduleAndFileNameAndDefaults() throws Exception {
        Path file = Files.createTempFile("agencies", ".yml");
        Files.writeString(file, """
                agencies:
                  - id: batch-agency
                    delivery: {transport: sftp, host: sftp.agency.example, username: gw, password: "${SECRET}",
                               folder: in, schedule: "0 0 22 * * MON-FRI", receipt-folder: out}
                  - id: plain-agency
                    delivery: {transport: sftp, host: h, username: u, private-key-file: /keys/id_ed25519}
                """);

        AgencyDirectory directory = AgencyDirectory.read(file, s -> s.replace("${SECRET}", "dev-only-x"));

        AgencyDelivery batch = directory.delivery("batch-agency").orElseThrow();
        assertThat(batch.port()).isEqualTo(22);
        assertThat(batch.password()).isEqualTo("dev-only-x");
        assertThat(batch.fileName()).isEqualTo("{agency}-{batch}.xml");
        assertThat(batch.maxCasesPerFile()).isEqualTo(1000);
        assertThat(batch.receiptFolder()).isEqualTo("out");
        assertThat(batch.toString()).contains("gw@sftp.agency.example:22/in").contains("cron 0 0 22 * * MON-FRI")
                .doesNotContain("dev-only-x");
        AgencyDelivery plain = directory.delivery("plain-agency").orElseThrow();
        assertThat(plain.periodMs()).isEqualTo(60_000);
        assertThat(plain.receiptFolder()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{transport: sftp, username: u, password: p}                                  | needs host and username",
            "{transport: sftp, host: h, username: u}                                      | needs password or private-key-file",
            "{transport: sftp, host: h, username: u, password: p, file-name: cases.xml}   | must contain {batch}",
            "{transport: sftp, host: h, username: u, password: p, schedule: nightly}      | is not a cron expression",
            "{transport: rest, endpoint: 'http://x', rate-limit-per-second: -1}           | rate-limit-per-second must be 0"})
    void anSftpOrRateSettingThatCannotWorkStopsTheStart(String delivery, String message) throws Exception {
        Path file = Files.createTempFile("agencies", ".yml");
        Files.writeString(file, "agencies:\n  - id: broken-agency\n    delivery: " + delivery + "\n");

        assertThatThrownBy(() -> AgencyDirectory.read(file, s -> s))
                .hasMessageContaining("delivery of agency broken-agency").hasMessageContaining(message);
    }
}
