package no.inkasso.gateway.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * How events reach one ledger: the {@code delivery:} block of its entry in config/ledgers.yml, with
 * {@code ${ENV_VAR:default}} placeholders resolved (secrets come from the environment).
 *
 * @param transport     webhook, sftp or jms-topic
 * @param url           webhook: where each event is POSTed (JSON, signed)
 * @param signingSecret webhook: the HMAC-SHA256 key shared with the ledger (secret)
 * @param timeoutMs     webhook: connect and read timeout
 * @param embedded      sftp: the gateway's embedded SFTP server (host and port from it)
 * @param folder        sftp: where status files go (temporary name, then renamed)
 * @param format        sftp: csv or xml (schemas/files/ledger-status-v1.md, ledger-status-v1.xsd)
 * @param batchPeriodMs sftp: how often a status file is written with what has arrived since the last one
 * @param topic         jms-topic: the topic on our broker (default {@code ledger.<source system>.events})
 */
public record LedgerDelivery(
        String sourceSystem,
        Transport transport,
        String url,
        String signingSecret,
        long timeoutMs,
        boolean embedded,
        String host,
        int port,
        String username,
        String password,
        String privateKeyFile,
        String knownHostsFile,
        String folder,
        FileFormat format,
        long batchPeriodMs,
        String topic) {

    public enum Transport {
        WEBHOOK,
        SFTP,
        @JsonProperty("jms-topic")
        JMS_TOPIC
    }

    public enum FileFormat {
        CSV,
        XML
    }

    public LedgerDelivery {
        String who = "ledger " + sourceSystem + ": ";
        if (transport == null) {
            throw new IllegalArgumentException(who + "delivery needs a transport (webhook, sftp or jms-topic)");
        }
        timeoutMs = timeoutMs <= 0 ? 10_000 : timeoutMs;
        batchPeriodMs = batchPeriodMs <= 0 ? 60_000 : batchPeriodMs;
        format = format == null ? FileFormat.CSV : format;
        topic = topic == null || topic.isBlank() ? "ledger." + sourceSystem + ".events" : topic;
        port = port <= 0 ? 22 : port;
        if (transport == Transport.WEBHOOK && (url == null || url.isBlank())) {
            throw new IllegalArgumentException(who + "a webhook delivery needs a url");
        }
        if (transport == Transport.WEBHOOK && (signingSecret == null || signingSecret.isBlank())) {
            throw new IllegalArgumentException(who + "a webhook delivery needs a signing-secret");
        }
        if (transport == Transport.SFTP && (username == null || folder == null || (!embedded && host == null))) {
            throw new IllegalArgumentException(who + "an sftp delivery needs username, folder and host (or embedded: true)");
        }
    }

    /** For logs: never the secrets. */
    @Override
    public String toString() {
        String where = switch (transport) {
            case WEBHOOK -> url;
            case SFTP -> username + "@" + (embedded ? "embedded" : host + ":" + port) + "/" + folder + " as "
                    + format.name().toLowerCase(Locale.ROOT);
            case JMS_TOPIC -> "topic " + topic;
        };
        return sourceSystem + " via " + transport.name().toLowerCase(Locale.ROOT).replace('_', '-') + " " + where;
    }
}
