package no.inkasso.gateway;

import java.util.List;
import no.inkasso.gateway.security.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The gateway's own settings (prefix {@code gateway}), bound from config/application*.yml. */
@ConfigurationProperties(prefix = "gateway")
public record GatewayProperties(
        String dataDir,
        Api api,
        Queues queues,
        Outbox outbox,
        Rejections rejections,
        Security security,
        Broker broker,
        Eligibility eligibility,
        Sftp sftp,
        List<Client> clients) {

    public record Api(long maxBodyBytes, int maxBatchSize) {}

    public record Queues(String claimsReceived, String casesEligible, String ledgerFeedback) {}

    /**
     * @param configDir        where rules/ and agencies.yml are read from
     * @param consumeReceived  whether the decide route consumes claims.received (false pauses the stage)
     * @param batchSize        claims.received messages decided per transaction
     * @param recheckPeriodMs  how often waiting cases whose date has come are re-checked
     * @param recheckBatchSize how many waiting cases one tick takes at most
     */
    public record Eligibility(String configDir, boolean consumeReceived, int batchSize, long recheckPeriodMs, int recheckBatchSize) {}

    public record Outbox(long pollPeriodMs, int batchSize) {}

    public record Rejections(int maxStoredBytes) {}

    public record Security(boolean allowDevKeys) {}

    /** {@code embeddedAcceptorUrl}: a TCP acceptor for the embedded broker; blank = in-VM only. */
    public record Broker(String embeddedAcceptorUrl) {
        public boolean hasEmbeddedAcceptor() {
            return embeddedAcceptorUrl != null && !embeddedAcceptorUrl.isBlank();
        }
    }

    /** SFTP: the embedded server for local drops. */
    public record Sftp(EmbeddedSftp embedded) {}

    /**
     * The embedded SFTP server (Apache MINA SSHD) for local drops: each user's home is {@code root/<name>}.
     *
     * @param hostKeyFile where the server's host key is kept, so clients' known_hosts entries stay valid
     */
    public record EmbeddedSftp(boolean enabled, String host, int port, String root, String hostKeyFile, List<SftpUser> users) {
        public EmbeddedSftp {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    /** A login of the embedded SFTP server; {@code password} is a secret. */
    public record SftpUser(String name, String password) {}

    /** A credential and what it may do; {@code key} is a secret. */
    public record Client(String id, Role role, String key, List<String> sourceSystems, List<String> creditors) {
        public Client {
            sourceSystems = sourceSystems == null ? List.of() : List.copyOf(sourceSystems);
            creditors = creditors == null ? List.of() : List.copyOf(creditors);
        }
    }
}
