package no.inkasso.gateway.sftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.inkasso.gateway.GatewayProperties;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The SFTP server a new user drops files on without installing anything (Apache MINA SSHD): password
 * logins from {@code gateway.sftp.embedded.users}, each user inside its own home folder
 * {@code <root>/<user>} (with {@code inbox/} and {@code errors/} made for it), a host key kept on disk
 * so clients' known_hosts entries stay valid across restarts. Started before the routes that poll it.
 */
public class EmbeddedSftpServer implements SmartLifecycle {

    /** Folders made in each user's home. */
    public static final List<String> HOME_FOLDERS = List.of("inbox", "errors");

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSftpServer.class);

    private final GatewayProperties.EmbeddedSftp settings;
    private final Map<String, String> passwords;
    private final List<SftpEventListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private SshServer server;

    public EmbeddedSftpServer(GatewayProperties.EmbeddedSftp settings, boolean allowDevKeys) {
        this.settings = settings;
        for (GatewayProperties.SftpUser user : settings.users()) {
            if (user.name() == null || !user.name().matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalStateException("gateway.sftp.embedded.users: user name '" + user.name()
                        + "' must be 1-64 letters, digits, '.', '_' or '-'");
            }
            if (user.password() == null || user.password().isBlank()) {
                throw new IllegalStateException("gateway.sftp.embedded.users: user " + user.name() + " has no password");
            }
            if (!allowDevKeys && user.password().startsWith("dev-only-")) {
                throw new IllegalStateException("gateway.sftp.embedded.users: user " + user.name()
                        + " has a dev-only password and gateway.security.allow-dev-keys is false");
            }
        }
        this.passwords = settings.users().stream()
                .collect(Collectors.toUnmodifiableMap(GatewayProperties.SftpUser::name, GatewayProperties.SftpUser::password,
                        (a, b) -> {
                            throw new IllegalStateException("gateway.sftp.embedded.users: a user is configured twice");
                        }));
    }

    @Override
    public synchronized void start() {
        try {
            Path root = Path.of(settings.root()).toAbsolutePath().normalize();
            VirtualFileSystemFactory homes = new VirtualFileSystemFactory(root);
            for (String user : passwords.keySet()) {
                Path home = root.resolve(user);
                for (String folder : HOME_FOLDERS) {
                    Files.createDirectories(home.resolve(folder));
                }
                homes.setUserHomeDir(user, home);
            }
            Path hostKey = Path.of(settings.hostKeyFile()).toAbsolutePath().normalize();
            Files.createDirectories(hostKey.getParent());
            server = SshServer.setUpDefaultServer();
            server.setHost(settings.host());
            server.setPort(settings.port());
            server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
            server.setPasswordAuthenticator((user, password, session) -> matches(passwords.get(user), password));
            server.setPublickeyAuthenticator(null);
            server.setKeyboardInteractiveAuthenticator(null);
            SftpSubsystemFactory sftp = new SftpSubsystemFactory();
            listeners.forEach(sftp::addSftpEventListener);
            server.setSubsystemFactories(List.of(sftp));
            server.setFileSystemFactory(homes);
            server.start();
            log.info("Embedded SFTP server on {}:{} (users {}, homes under {})", settings.host(), server.getPort(),
                    passwords.keySet(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded SFTP server did not start on " + settings.host() + ":" + settings.port(), e);
        }
    }

    /** Lets a test watch what clients do (opened, written, renamed files); takes effect at the next start. */
    void listen(SftpEventListener listener) {
        listeners.add(listener);
    }

    /** The port it listens on (the configured one, or the one chosen when configured as 0). */
    public int port() {
        return server.getPort();
    }

    public String host() {
        return settings.host();
    }

    /** The home folder of {@code user}, where its inbox and error reports are. */
    public Path home(String user) {
        return Path.of(settings.root()).toAbsolutePath().normalize().resolve(user);
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException e) {
                log.warn("Embedded SFTP server did not stop cleanly: {}", e.getMessage());
            }
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isStarted();
    }

    /** Before Camel's routes (which start in a later phase) and after them when stopping. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private static boolean matches(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
