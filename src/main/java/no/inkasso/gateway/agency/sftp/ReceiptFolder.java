package no.inkasso.gateway.agency.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import no.inkasso.gateway.routing.AgencyDelivery;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * An SFTP agency's receipt folder on its server (Apache MINA SSHD's client): lists the receipt files
 * (not hidden, not folders, oldest name first), reads one, and moves it into {@code .done/} or
 * {@code .error/} beside it. Same login and host-key check as the uploads.
 */
final class ReceiptFolder implements AutoCloseable {

    static final long MAX_RECEIPT_BYTES = 5L * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** What one visit to the folder does with its files. */
    interface Visit {
        void run(Session session) throws IOException;
    }

    /** An open SFTP session on the receipt folder. */
    interface Session {
        List<String> receipts() throws IOException;

        byte[] read(String name) throws IOException;

        void moveTo(String name, String subFolder) throws IOException;
    }

    private final AgencyDelivery delivery;
    private SshClient client;

    ReceiptFolder(AgencyDelivery delivery) {
        this.delivery = delivery;
    }

    void visit(Visit visit) throws IOException {
        try (ClientSession session = client().connect(delivery.username(), delivery.host(), delivery.port()).verify(TIMEOUT).getSession()) {
            if (delivery.password() != null && !delivery.password().isBlank()) {
                session.addPasswordIdentity(delivery.password());
            }
            if (delivery.privateKeyFile() != null && !delivery.privateKeyFile().isBlank()) {
                session.setKeyIdentityProvider(new FileKeyPairProvider(Path.of(delivery.privateKeyFile())));
            }
            session.auth().verify(TIMEOUT);
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                visit.run(new Open(sftp, delivery.receiptFolder()));
            }
        }
    }

    private synchronized SshClient client() {
        if (client == null) {
            client = SshClient.setUpDefaultClient();
            client.setServerKeyVerifier(delivery.knownHostsFile() == null || delivery.knownHostsFile().isBlank()
                    ? AcceptAllServerKeyVerifier.INSTANCE
                    : new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, Path.of(delivery.knownHostsFile())));
            client.start();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.stop();
            client = null;
        }
    }

    private record Open(SftpClient sftp, String folder) implements Session {

        @Override
        public List<String> receipts() throws IOException {
            List<String> names = new ArrayList<>();
            for (SftpClient.DirEntry entry : sftp.readDir(folder)) {
                String name = entry.getFilename();
                if (!name.startsWith(".") && entry.getAttributes().isRegularFile()) {
                    names.add(name);
                }
            }
            names.sort(null);
            return names;
        }

        @Override
        public byte[] read(String name) throws IOException {
            try (InputStream in = sftp.read(folder + "/" + name)) {
                byte[] bytes = in.readNBytes((int) MAX_RECEIPT_BYTES + 1);
                if (bytes.length > MAX_RECEIPT_BYTES) {
                    throw new ReceiptTooLarge(name);
                }
                return bytes;
            }
        }

        @Override
        public void moveTo(String name, String subFolder) throws IOException {
            String dir = folder + "/" + subFolder;
            try {
                sftp.stat(dir);
            } catch (IOException missing) {
                sftp.mkdir(dir);
            }
            String target = dir + "/" + name;
            try {
                sftp.remove(target);
            } catch (IOException none) {
                // nothing of that name there yet
            }
            sftp.rename(folder + "/" + name, target);
        }
    }

    /** A receipt file over {@link #MAX_RECEIPT_BYTES}: moved aside unread. */
    static final class ReceiptTooLarge extends IOException {
        ReceiptTooLarge(String name) {
            super("receipt " + name + " is larger than " + MAX_RECEIPT_BYTES + " bytes");
        }
    }
}
