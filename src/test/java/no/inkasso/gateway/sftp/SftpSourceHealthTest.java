package no.inkasso.gateway.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class SftpSourceHealthTest {

    /** As Camel wraps a JSch failure: "Cannot connect to sftp://…" around the JSch exception. */
    private static Exception camel(Throwable cause) {
        return new IllegalStateException("Cannot connect to sftp://demo-ledger@127.0.0.1:2222", new IllegalStateException(cause.getMessage(), cause));
    }

    @Test
    void theReasonIsNamedInWordsWithTheUnderlyingMessage() {
        assertThat(SftpSourceHealth.reason(camel(new ConnectException("Connection refused"))))
                .startsWith("the server is not reachable").contains("[Cannot connect to sftp://").contains("Connection refused");
        assertThat(SftpSourceHealth.reason(camel(new IllegalStateException("Auth fail for methods 'password,keyboard-interactive'"))))
                .startsWith("the login was refused");
        assertThat(SftpSourceHealth.reason(camel(new IllegalStateException("HostKey has been changed: [127.0.0.1]:2222"))))
                .startsWith("the server's host key is not the one in known_hosts");
        assertThat(SftpSourceHealth.reason(camel(new IllegalStateException("reject HostKey: 127.0.0.1"))))
                .startsWith("the server's host key is not the one in known_hosts");
        assertThat(SftpSourceHealth.reason(new IllegalStateException("Cannot list directory: inbox", new IOException("inputstream is closed"))))
                .startsWith("the connection to the server was lost");
        assertThat(SftpSourceHealth.reason(new IllegalStateException("something else"))).isEqualTo("polling failed [something else]");
    }

    @Test
    void aSourceIsUnknownUntilPolledDownWhileFailingAndUpAgainAtTheFirstGoodPoll() throws Exception {
        SftpSourceHealth health = new SftpSourceHealth(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
        var strategy = health.register("ledger", "u@h:22/inbox");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.state("ledger").status()).isEqualTo(Status.UNKNOWN);

        strategy.rollback(null, null, 1, camel(new ConnectException("Connection refused")));
        strategy.rollback(null, null, 1, camel(new ConnectException("Connection refused")));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.state("ledger").consecutiveFailures()).isEqualTo(2);
        assertThat(health.state("ledger").failingSince()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));

        strategy.commit(null, null, 0);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.state("ledger").consecutiveFailures()).isZero();
        assertThat(health.state("ledger").lastSuccessAt()).isNotNull();
    }
}
