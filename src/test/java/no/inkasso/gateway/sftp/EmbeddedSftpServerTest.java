package no.inkasso.gateway.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import no.inkasso.gateway.GatewayProperties;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded SFTP server with a real SSH client: logins, homes, and a host key that survives a restart. */
class EmbeddedSftpServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private EmbeddedSftpServer server;
    private SshClient client;
    private final AtomicReference<PublicKey> seenHostKey = new AtomicReference<>();

    @BeforeEach
    void start() {
        server = new EmbeddedSftpServer(settings(), true);
        server.start();
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> {
            seenHostKey.set(key);
            return true;
        });
        client.start();
    }

    @AfterEach
    void stop() {
        client.stop();
        server.stop();
    }

    private GatewayProperties.EmbeddedSftp settings() {
        return new GatewayProperties.EmbeddedSftp(true, "127.0.0.1", 0, dir.resolve("sftp").toString(),
                dir.resolve("host-key.ser").toString(), List.of(new GatewayProperties.SftpUser("ledger-a", "pw-a"),
                new GatewayProperties.SftpUser("ledger-b", "pw-b")));
    }

    private ClientSession login(String user, String password) throws Exception {
        ClientSession session = client.connect(user, "127.0.0.1", server.port()).verify(TIMEOUT).getSession();
        session.addPasswordIdentity(password);
        session.auth().verify(TIMEOUT);
        return session;
    }

    @Test
    void aUserPutsAFileInItsInbox() throws Exception {
        try (ClientSession session = login("ledger-a", "pw-a"); SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            try (OutputStream out = sftp.write("inbox/claims.csv")) {
                out.write("a;b\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(sftp.readDir("/")).extracting(SftpClient.DirEntry::getFilename).contains("inbox", "errors");
        }
        assertThat(server.home("ledger-a").resolve("inbox/claims.csv")).hasContent("a;b");
    }

    @Test
    void aUserCannotLeaveItsHome() throws Exception {
        Files.writeString(server.home("ledger-b").resolve("inbox/secret.csv"), "b's claims");
        try (ClientSession session = login("ledger-a", "pw-a"); SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            assertThatThrownBy(() -> sftp.read("../ledger-b/inbox/secret.csv").readAllBytes()).isInstanceOf(java.io.IOException.class);
            assertThat(sftp.canonicalPath("..")).isEqualTo("/");
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        assertThatThrownBy(() -> login("ledger-a", "pw-b")).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> login("nobody", "pw-a")).isInstanceOf(Exception.class);
    }

    @Test
    void theHostKeyIsTheSameAfterARestart() throws Exception {
        login("ledger-a", "pw-a").close();
        String before = KeyUtils.getFingerPrint(seenHostKey.get());
        server.stop();
        server = new EmbeddedSftpServer(settings(), true);
        server.start();

        login("ledger-a", "pw-a").close();
        assertThat(KeyUtils.getFingerPrint(seenHostKey.get())).isEqualTo(before);
    }

    @Test
    void aDevOnlyPasswordIsRefusedWhenDevKeysAreNotAllowed() {
        var dev = new GatewayProperties.EmbeddedSftp(true, "127.0.0.1", 0, dir.toString(), dir.resolve("k.ser").toString(),
                List.of(new GatewayProperties.SftpUser("demo-ledger", "dev-only-sftp-password")));
        assertThatThrownBy(() -> new EmbeddedSftpServer(dev, false)).hasMessageContaining("dev-only password");
    }
}
