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

    /** SFTP: the embedded server for local drops, and the folders polled for ledgers' export files. */
    public record Sftp(EmbeddedSftp embedded, List<SftpSource> sources) {
        public Sftp {
            sources = sources == null ? List.of() : List.copyOf(sources);
        }
    }

    /**
     * A ledger's SFTP folder polled for export files.
     *
     * @param client         the gateway client whose rights apply to the claims (source systems, creditors)
     * @param embedded       true: the gateway's own embedded server (host and port come from it)
     * @param password       secret; or {@code privateKeyFile} for key authentication
     * @param knownHostsFile the server's host key; without one any host key is accepted (only for the embedded server)
     * @param format         the CSV format file (config/sftp/*.yml)
     * @param readLockMinAgeMs a file is taken once its size has not changed for this long (default 5 s)
     */
    public record SftpSource(String id, String client, boolean embedded, String host, int port, String username, String password,
                             String privateKeyFile, String knownHostsFile, String folder, String errorFolder, String include,
                             String format, long pollDelayMs, long readLockMinAgeMs) {}

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
