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
        long timeoutMs) {

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

    public boolean ownBroker() {
        return brokerUrl != null && !brokerUrl.isBlank();
    }

    /** For logs: never the secrets. */
    @Override
    public String toString() {
        return agencyId + " via " + transport.name().toLowerCase(Locale.ROOT) + " "
                + (transport == Transport.JMS ? queue + (ownBroker() ? " at " + brokerUrl : "") : String.valueOf(endpoint));
    }
}
