package no.inkasso.gateway.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * How cases reach one agency: the {@code delivery:} block of its entry in config/agencies.yml, with
 * {@code ${ENV_VAR:default}} placeholders resolved (secrets come from the environment).
 *
 * @param transport    rest, jms or sftp
 * @param endpoint     rest: the URL the feed messages are POSTed to
 * @param auth         rest: api-key (header {@code apiKeyHeader} = {@code apiKey}), oauth2 (client credentials
 *                     at {@code tokenUrl}) or none
 * @param queue        jms: the agency's queue (default {@code agency.<id>.cases}) on our broker, or on
 *                     {@code brokerUrl} when the agency runs its own
 * @param timeoutMs    rest: connect and read timeout; an answer later than this is a transient failure
 * @param rateLimitPerSecond rest and jms: at most this many messages a second to the agency (0: no limit)
 * @param host         sftp: the agency's SFTP server ({@code port}, default 22; {@code username}, {@code password}
 *                     and/or {@code privateKeyFile}, secrets from the environment; {@code knownHostsFile} to check
 *                     its host key)
 * @param folder       sftp: where batch files are put (relative to the login folder)
 * @param fileName     sftp: the batch file's name: {@code {agency}}, {@code {batch}} (the agency's batch number,
 *                     six digits) and {@code {date}} (yyyyMMdd, the day the batch was made) are filled in; it
 *                     must contain {@code {batch}} so each file has its own name
 * @param schedule     sftp: when batch files are made, a cron expression (second minute hour day month weekday,
 *                     Europe/Oslo), or else every {@code periodMs}
 * @param maxCasesPerFile sftp: messages per batch file at most (more make more files in the same run)
 * @param receiptFolder sftp: where the agency puts its receipt files (none: no receipts; a file uploaded is delivered)
 * @param receiptPollMs sftp: how often the receipt folder is read while batches wait for their receipt
 */
public record AgencyDelivery(
        String agencyId,
        Transport transport,
        String endpoint,
        Auth auth,
        String apiKeyHeader,
        String apiKey,
        String tokenUrl,
        String clientId,
        String clientSecret,
        String scope,
        String queue,
        String brokerUrl,
        String brokerUser,
        String brokerPassword,
        long timeoutMs,
        double rateLimitPerSecond,
        String host,
        int port,
        String username,
        String password,
        String privateKeyFile,
        String knownHostsFile,
        String folder,
        String fileName,
        String schedule,
        long periodMs,
        int maxCasesPerFile,
        String receiptFolder,
        long receiptPollMs) {

    public enum Transport {
        REST,
        JMS,
        SFTP
    }

    public enum Auth {
        NONE,
        @JsonProperty("api-key")
        API_KEY,
        OAUTH2
    }

    public AgencyDelivery {
        if (transport == null) {
            throw new IllegalArgumentException("agency " + agencyId + ": delivery needs a transport (rest, jms or sftp)");
        }
        auth = auth == null ? (apiKey != null && !apiKey.isBlank() ? Auth.API_KEY : Auth.NONE) : auth;
        apiKeyHeader = apiKeyHeader == null || apiKeyHeader.isBlank() ? "X-API-Key" : apiKeyHeader;
        queue = queue == null || queue.isBlank() ? "agency." + agencyId + ".cases" : queue;
        timeoutMs = timeoutMs <= 0 ? 10_000 : timeoutMs;
        if (rateLimitPerSecond < 0) {
            throw new IllegalArgumentException("agency " + agencyId + ": rate-limit-per-second must be 0 (none) or more");
        }
        port = port <= 0 ? 22 : port;
        folder = blank(folder) ? "." : folder;
        fileName = blank(fileName) ? "{agency}-{batch}.xml" : fileName;
        maxCasesPerFile = maxCasesPerFile <= 0 ? 1000 : maxCasesPerFile;
        periodMs = periodMs <= 0 && blank(schedule) ? 60_000 : periodMs;
        receiptFolder = blank(receiptFolder) ? null : receiptFolder;
        receiptPollMs = receiptPollMs <= 0 ? 10_000 : receiptPollMs;
        if (transport == Transport.SFTP) {
            if (blank(host) || blank(username)) {
                throw new IllegalArgumentException("agency " + agencyId + ": an sftp delivery needs host and username");
            }
            if (blank(password) && blank(privateKeyFile)) {
                throw new IllegalArgumentException("agency " + agencyId + ": an sftp delivery needs password or private-key-file");
            }
            if (!fileName.contains("{batch}") || fileName.contains("/") || fileName.startsWith(".")) {
                throw new IllegalArgumentException("agency " + agencyId + ": file-name '" + fileName
                        + "' must contain {batch}, no folder and not start with '.'");
            }
            if (!blank(schedule)) {
                try {
                    org.springframework.scheduling.support.CronExpression.parse(schedule);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("agency " + agencyId + ": schedule '" + schedule
                            + "' is not a cron expression (second minute hour day month weekday): " + e.getMessage());
                }
            }
        }
        if (transport == Transport.REST && (endpoint == null || endpoint.isBlank())) {
            throw new IllegalArgumentException("agency " + agencyId + ": a rest delivery needs an endpoint");
        }
        if (auth == Auth.API_KEY && (apiKey == null || apiKey.isBlank())) {
            throw new IllegalArgumentException("agency " + agencyId + ": auth api-key needs api-key");
        }
        if (auth == Auth.OAUTH2 && (tokenUrl == null || clientId == null || clientSecret == null)) {
            throw new IllegalArgumentException("agency " + agencyId + ": auth oauth2 needs token-url, client-id and client-secret");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public boolean ownBroker() {
        return brokerUrl != null && !brokerUrl.isBlank();
    }

    /** For logs: never the secrets. */
    @Override
    public String toString() {
        return agencyId + " via " + transport.name().toLowerCase(Locale.ROOT) + " " + switch (transport) {
            case JMS -> queue + (ownBroker() ? " at " + brokerUrl : "");
            case REST -> String.valueOf(endpoint);
            case SFTP -> username + "@" + host + ":" + port + "/" + folder + " (" + fileName + ", "
                    + (blank(schedule) ? "every " + periodMs + " ms" : "cron " + schedule) + ", at most " + maxCasesPerFile
                    + " per file" + (receiptFolder == null ? "" : ", receipts from " + receiptFolder) + ")";
        } + (rateLimitPerSecond > 0 ? ", at most " + rateLimitPerSecond + "/s" : "");
    }
}
