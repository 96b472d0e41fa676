package no.inkasso.gateway.sftp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Writes files to an SFTP folder so the other side never reads one half-written: each file is
 * uploaded under a temporary name ({@code .<name>.part}, which a reader's {@code *.csv} or
 * {@code *.xml} pattern does not match and a leading dot hides) and renamed to its name only when
 * complete; an existing file of that name is replaced. Error reports to ledgers go this way, and so
 * do agency batch feeds and ledger status files: build a {@link Target} from configuration and call
 * {@link #upload}, or use {@link #endpointUri} in a route's {@code to}.
 */
public class SftpOutbound {

    /**
     * Where files go. {@code password} and {@code privateKeyFile} (either or both) are secrets from
     * the environment; without {@code knownHostsFile} the server's host key is not checked (dev only).
     */
    public record Target(String host, int port, String username, String password, String privateKeyFile, String knownHostsFile,
                         String folder) {
        public Target {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(folder, "folder");
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
        }

        /** user@host:port/folder, for logs and health (no secret). */
        public String describe() {
            return username + "@" + host + ":" + port + "/" + folder;
        }
    }

    private final ProducerTemplate producer;

    public SftpOutbound(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Uploads {@code file} into the target's folder as {@code fileName} (temporary name, then renamed). */
    public void upload(Target target, String fileName, Path file) {
        if (fileName.contains("/") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("a file name without folders, not hidden: " + fileName);
        }
        producer.sendBodyAndHeader(endpointUri(target), file.toFile(), Exchange.FILE_NAME, fileName);
    }

    /** The Camel endpoint that writes into the target's folder with a temporary name and renames when complete. */
    public static String endpointUri(Target target) {
        return "sftp://" + target.host() + ":" + target.port() + "/" + target.folder() + "?" + connection(target.username(),
                target.password(), target.privateKeyFile(), target.knownHostsFile())
                + "&tempFileName=.${file:name}.part&fileExist=Override&stepwise=false";
    }

    /** The login and host-key part of an SFTP endpoint's options, shared by polling and writing. */
    static String connection(String username, String password, String privateKeyFile, String knownHostsFile) {
        StringBuilder auth = new StringBuilder("username=").append(enc(username));
        if (password != null && !password.isBlank()) {
            auth.append("&password=RAW(").append(password).append(')');
        }
        if (privateKeyFile != null && !privateKeyFile.isBlank()) {
            auth.append("&privateKeyFile=").append(enc(privateKeyFile));
        }
        if (knownHostsFile != null && !knownHostsFile.isBlank()) {
            auth.append("&knownHostsFile=").append(enc(knownHostsFile)).append("&strictHostKeyChecking=yes");
        } else {
            auth.append("&strictHostKeyChecking=no");
        }
        auth.append("&useUserKnownHostsFile=false&connectTimeout=10000&timeout=30000&serverAliveInterval=15000");
        return auth.toString();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
