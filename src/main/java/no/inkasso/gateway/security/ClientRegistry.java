package no.inkasso.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.inkasso.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Finds the client a presented key belongs to. Keys are held only as SHA-256 digests. */
@Component
public class ClientRegistry {

    private static final Logger log = LoggerFactory.getLogger(ClientRegistry.class);
    static final String DEV_KEY_PREFIX = "dev-only-";

    private final Map<String, GatewayClient> byKeyDigest = new HashMap<>();
    private final Map<String, GatewayClient> byId = new HashMap<>();

    public ClientRegistry(GatewayProperties properties) {
        Set<String> ids = new HashSet<>();
        for (GatewayProperties.Client c : properties.clients() == null ? java.util.List.<GatewayProperties.Client>of() : properties.clients()) {
            if (c.id() == null || c.role() == null || c.key() == null || c.key().isBlank()) {
                throw new IllegalStateException("gateway.clients: every client needs id, role and key (client " + c.id() + ")");
            }
            if (!ids.add(c.id())) {
                throw new IllegalStateException("gateway.clients: duplicate client id " + c.id());
            }
            if (c.key().length() < 16) {
                throw new IllegalStateException("gateway.clients: the key of client " + c.id() + " is shorter than 16 characters");
            }
            if (c.key().startsWith(DEV_KEY_PREFIX)) {
                if (!properties.security().allowDevKeys()) {
                    throw new IllegalStateException("gateway.clients: client " + c.id()
                            + " has a dev-only key and gateway.security.allow-dev-keys is false; give it a real key from the environment");
                }
                log.warn("Client {} uses a dev-only key: fine for local use, never for production", c.id());
            }
            GatewayClient client = new GatewayClient(c.id(), c.role(), Set.copyOf(c.sourceSystems()), Set.copyOf(c.creditors()));
            if (byKeyDigest.putIfAbsent(digest(c.key()), client) != null) {
                throw new IllegalStateException("gateway.clients: client " + c.id() + " shares its key with another client");
            }
            byId.put(c.id(), client);
        }
    }

    /** The client configured with this id: the identity a file source acts as. */
    public Optional<GatewayClient> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<GatewayClient> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Optional.empty();
        }
        // Looking up by digest keeps the comparison independent of how much of the key matched.
        return Optional.ofNullable(byKeyDigest.get(digest(presentedKey)));
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
