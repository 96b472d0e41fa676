package no.inkasso.gateway.agency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgencyBreakerTest {

    private final AgencyBreaker breaker = new AgencyBreaker(3, 30_000, 1_000, 2.0, 5_000);

    @Test
    void failuresBackOffExponentiallyThenOpenTheCircuitUntilATrialSucceeds() {
        assertThat(breaker.allowsAttempt(0)).isTrue();
        assertThat(breaker.onFailure(0)).isEqualTo(1_000);
        assertThat(breaker.allowsAttempt(999)).isFalse();
        assertThat(breaker.allowsAttempt(1_000)).isTrue();
        assertThat(breaker.onFailure(1_000)).isEqualTo(2_000);
        assertThat(breaker.state(1_500)).isEqualTo(AgencyBreaker.State.CLOSED);

        assertThat(breaker.onFailure(3_000)).isEqualTo(30_000);
        assertThat(breaker.state(3_001)).isEqualTo(AgencyBreaker.State.OPEN);
        assertThat(breaker.allowsAttempt(32_999)).isFalse();
        assertThat(breaker.state(33_000)).isEqualTo(AgencyBreaker.State.HALF_OPEN);

        assertThat(breaker.onFailure(33_000)).as("a failed trial opens it again").isEqualTo(30_000);
        assertThat(breaker.state(33_001)).isEqualTo(AgencyBreaker.State.OPEN);

        breaker.onSuccess(63_000);
        assertThat(breaker.state(63_000)).isEqualTo(AgencyBreaker.State.CLOSED);
        assertThat(breaker.allowsAttempt(63_000)).isTrue();
        assertThat(breaker.consecutiveFailures()).isZero();
        assertThat(breaker.lastSuccessAt()).isEqualTo(63_000);
        assertThat(breaker.lastFailureAt()).isEqualTo(33_000);
    }

    @Test
    void theBackoffIsCapped() {
        AgencyBreaker patient = new AgencyBreaker(10, 30_000, 1_000, 2.0, 5_000);
        long wait = 0;
        for (int i = 0; i < 6; i++) {
            wait = patient.onFailure(0);
        }
        assertThat(wait).isEqualTo(5_000);
    }
}
