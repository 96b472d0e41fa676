package no.inkasso.gateway.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import no.inkasso.gateway.GatewayProperties;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The outbound SFTP writer against a real SSH server that records what the client does: a file is
 * only ever opened for writing under its temporary name and appears under its own name by a rename,
 * so a reader polling the folder can never pick up half of it. The writer is the gateway's own bean;
 * the server is this test's, with a listener.
 */
@CamelSpringBootTest
@SpringBootTest(properties = "gateway.eligibility.consume-received=false")
@ActiveProfiles("test")
class SftpOutboundIT {

    @Autowired
    SftpOutbound outbound;

    private final List<String> operations = new CopyOnWriteArrayList<>();
    private Path root;
    private EmbeddedSftpServer server;

    @BeforeEach
    void startServerAndCamel() throws Exception {
        root = Files.createDirectories(Path.of("target", "sftp-outbound-" + UUID.randomUUID())).toAbsolutePath();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = new EmbeddedSftpServer(new GatewayProperties.EmbeddedSftp(true, "127.0.0.1", port, root.resolve("homes").toString(),
                root.resolve("host-key.ser").toString(), List.of(new GatewayProperties.SftpUser("agency-x", "dev-only-agency-x"))), true);
        server.listen(new SftpEventListener() {
            @Override
            public void open(ServerSession session, String remoteHandle, Handle local) {
                if (local instanceof FileHandle file && file.getOpenOptions().contains(java.nio.file.StandardOpenOption.WRITE)) {
                    operations.add("write " + local.getFile().getFileName());
                }
            }

            @Override
            public void moved(ServerSession session, Path source, Path destination, Collection<CopyOption> options, Throwable thrown) {
                operations.add("rename " + source.getFileName() + " -> " + destination.getFileName() + (thrown == null ? "" : " failed"));
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aFileIsWrittenUnderATemporaryNameAndRenamedWhenComplete() throws Exception {
        Path feed = root.resolve("feed-0001.xml");
        String content = "<feed>" + "x".repeat(3 * 1024 * 1024) + "</feed>\n";
        Files.writeString(feed, content, StandardCharsets.UTF_8);
        var target = new SftpOutbound.Target("127.0.0.1", server.port(), "agency-x", "dev-only-agency-x", null, null, "errors");

        outbound.upload(target, "feed-0001.xml", feed);

        assertThat(operations).containsExactly("write .feed-0001.xml.part", "rename .feed-0001.xml.part -> feed-0001.xml");
        Path delivered = server.home("agency-x").resolve("errors/feed-0001.xml");
        assertThat(Files.readString(delivered, StandardCharsets.UTF_8)).isEqualTo(content);
        assertThat(server.home("agency-x").resolve("errors")).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void aFileOfTheSameNameIsReplacedWhole() throws Exception {
        var target = new SftpOutbound.Target("127.0.0.1", server.port(), "agency-x", "dev-only-agency-x", null, null, "errors");
        Path first = Files.writeString(root.resolve("a.csv"), "first version, longer than the second\n");
        Path second = Files.writeString(root.resolve("b.csv"), "second\n");

        outbound.upload(target, "status.csv", first);
        outbound.upload(target, "status.csv", second);

        assertThat(Files.readString(server.home("agency-x").resolve("errors/status.csv"))).isEqualTo("second\n");
    }

    @Test
    void namesWithFoldersOrHiddenNamesAreRefused() {
        var target = new SftpOutbound.Target("127.0.0.1", 22, "agency-x", "p", null, null, "errors");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outbound.upload(target, "../etc/passwd", root))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outbound.upload(target, ".hidden", root))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
