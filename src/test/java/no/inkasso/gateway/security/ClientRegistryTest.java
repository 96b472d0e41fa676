package no.inkasso.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import no.inkasso.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;

class ClientRegistryTest {

    private static GatewayProperties properties(boolean allowDevKeys, GatewayProperties.Client... clients) {
        return new GatewayProperties("./data", null, null, null, null, new GatewayProperties.Security(allowDevKeys), null, null, null,
                List.of(clients));
    }

    private static GatewayProperties.Client ledger(String id, String key) {
        return new GatewayProperties.Client(id, Role.LEDGER, key, List.of("erp"), List.of("923609016"));
    }

    @Test
    void aKeyFindsItsClientAndNothingElseDoes() {
        ClientRegistry registry = new ClientRegistry(properties(false, ledger("a", "a-real-key-of-some-length")));

        assertThat(registry.authenticate("a-real-key-of-some-length")).map(GatewayClient::id).contains("a");
        assertThat(registry.authenticate("a-real-key-of-some-lengtH")).isEmpty();
        assertThat(registry.authenticate("")).isEmpty();
        assertThat(registry.authenticate(null)).isEmpty();
    }

    @Test
    void aLedgerSubmitsAndReadsOnlyForItsOwnCreditorsAndSources() {
        GatewayClient client = new ClientRegistry(properties(false, ledger("a", "a-real-key-of-some-length")))
                .authenticate("a-real-key-of-some-length").orElseThrow();

        assertThat(client.maySubmitFor("erp", "923609016")).isTrue();
        assertThat(client.maySubmitFor("other", "923609016")).isFalse();
        assertThat(client.maySubmitFor("erp", "974760673")).isFalse();
        assertThat(client.mayRead("974760673")).isFalse();
    }

    @Test
    void devKeysAreRefusedWhenNotAllowed() {
        assertThatThrownBy(() -> new ClientRegistry(properties(false, ledger("a", "dev-only-some-key-here"))))
                .hasMessageContaining("client a has a dev-only key");
        assertThat(new ClientRegistry(properties(true, ledger("a", "dev-only-some-key-here"))).authenticate("dev-only-some-key-here"))
                .isPresent();
    }

    @Test
    void badClientListsStopTheStart() {
        assertThatThrownBy(() -> new ClientRegistry(properties(true, ledger("a", "short"))))
                .hasMessageContaining("shorter than 16");
        assertThatThrownBy(() -> new ClientRegistry(properties(true, ledger("a", "a-real-key-of-some-length"),
                ledger("a", "another-key-of-some-length")))).hasMessageContaining("duplicate client id a");
        assertThatThrownBy(() -> new ClientRegistry(properties(true, ledger("a", "a-real-key-of-some-length"),
                ledger("b", "a-real-key-of-some-length")))).hasMessageContaining("shares its key");
    }
}
