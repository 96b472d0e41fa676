package no.inkasso.gateway.sftp;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Whether each SFTP source can be polled, from the polls themselves: every poll route reports its
 * outcome here (it is the route's poll strategy), so a ledger's server that is down, refuses the
 * login or shows another host key turns its source DOWN in {@code /actuator/health}
 * ({@code components.sftpSources}) with the reason in words, and one WARN line says so when it starts
 * failing (not one per poll). The route keeps polling at its normal delay and the source is UP again,
 * with one INFO line, at the first poll that gets through. A source not yet polled is UNKNOWN.
 *
 * <p>Not part of the readiness group: a ledger's server being down must not take the gateway's API
 * out of service.
 */
public class SftpSourceHealth implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(SftpSourceHealth.class);

    /** What the last poll of a source said; {@code reason} and {@code failingSince} only while failing. */
    record SourceState(Status status, String server, Instant lastPollAt, Instant lastSuccessAt, Instant failingSince,
                       int consecutiveFailures, String reason) {}

    private final Clock clock;
    private final Map<String, SourceState> states = new ConcurrentHashMap<>();

    public SftpSourceHealth(Clock clock) {
        this.clock = clock;
    }

    /** Registers a source (UNKNOWN until its first poll) and gives the poll strategy its route uses. */
    public PollingConsumerPollStrategy register(String sourceId, String server) {
        states.put(sourceId, new SourceState(Status.UNKNOWN, server, null, null, null, 0, null));
        return new Strategy(sourceId);
    }

    SourceState state(String sourceId) {
        return states.get(sourceId);
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean anyDown = false;
        for (var entry : new java.util.TreeMap<>(states).entrySet()) {
            SourceState s = entry.getValue();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("status", s.status().getCode());
            d.put("server", s.server());
            if (s.lastPollAt() != null) {
                d.put("lastPollAt", s.lastPollAt().toString());
            }
            if (s.lastSuccessAt() != null) {
                d.put("lastSuccessAt", s.lastSuccessAt().toString());
            }
            if (s.status() == Status.DOWN) {
                d.put("failingSince", s.failingSince().toString());
                d.put("consecutiveFailures", s.consecutiveFailures());
                d.put("reason", s.reason());
                anyDown = true;
            }
            details.put(entry.getKey(), d);
        }
        return (anyDown ? Health.down() : Health.up()).withDetails(details).build();
    }

    private void succeeded(String sourceId) {
        Instant now = clock.instant();
        SourceState before = states.get(sourceId);
        states.put(sourceId, new SourceState(Status.UP, before.server(), now, now, null, 0, null));
        if (before.status() == Status.DOWN) {
            log.info("SFTP source {} ({}) is reachable again after {} failed polls since {}", sourceId, before.server(),
                    before.consecutiveFailures(), before.failingSince());
        }
    }

    private void failed(String sourceId, Exception cause) {
        Instant now = clock.instant();
        SourceState before = states.get(sourceId);
        String reason = reason(cause);
        boolean wasDown = before.status() == Status.DOWN;
        states.put(sourceId, new SourceState(Status.DOWN, before.server(), now, before.lastSuccessAt(),
                wasDown ? before.failingSince() : now, before.consecutiveFailures() + 1, reason));
        if (!wasDown || !reason.equals(before.reason())) {
            log.warn("SFTP source {} ({}) cannot be polled: {}. Polling goes on and the source recovers by itself once this is fixed",
                    sourceId, before.server(), reason);
        }
    }

    /** The failure in words an operator can act on, with the underlying message. */
    static String reason(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        String kind = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (!m.isBlank() && messages.indexOf(m) < 0) {
                messages.append(messages.length() == 0 ? "" : ": ").append(m);
            }
            String lower = m.toLowerCase(java.util.Locale.ROOT);
            if (kind != null) {
                continue;
            }
            if (lower.contains("hostkey has been changed") || lower.contains("reject hostkey") || lower.contains("host key")) {
                kind = "the server's host key is not the one in known_hosts (changed, or unknown)";
            } else if (lower.contains("auth fail") || lower.contains("auth cancel") || lower.contains("authentication")) {
                kind = "the login was refused (wrong user name, password or key)";
            } else if (t instanceof ConnectException || lower.contains("connection refused")) {
                kind = "the server is not reachable (connection refused: down, or wrong host or port)";
            } else if (t instanceof UnknownHostException) {
                kind = "the server's host name is unknown";
            } else if (t instanceof SocketTimeoutException || t instanceof NoRouteToHostException || lower.contains("timeout")
                    || lower.contains("timed out")) {
                kind = "the server did not answer in time";
            } else if (lower.contains("inputstream is closed") || lower.contains("session is down") || lower.contains("connection is closed")
                    || lower.contains("broken pipe") || lower.contains("connection reset") || lower.contains("end of io stream")) {
                kind = "the connection to the server was lost (the next poll reconnects)";
            } else if (lower.contains("no such file") || lower.contains("cannot change directory")) {
                kind = "the folder does not exist on the server";
            }
        }
        String detail = messages.length() > 400 ? messages.substring(0, 400) + "…" : messages.toString();
        return (kind == null ? "polling failed" : kind) + (detail.isEmpty() ? "" : " [" + detail + "]");
    }

    /** One source's poll strategy: every poll's outcome goes to the health state. */
    private final class Strategy implements PollingConsumerPollStrategy {

        private final String sourceId;

        private Strategy(String sourceId) {
            this.sourceId = sourceId;
        }

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            succeeded(sourceId);
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
            failed(sourceId, cause);
            // no immediate retry: the next poll comes at the route's normal delay
            return false;
        }
    }
}
