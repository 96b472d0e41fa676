package no.inkasso.gateway.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimiterTest {

    @Test
    void aBurstOfOneSecondThenOneMessageEveryFifthOfASecondAtFivePerSecond() {
        RateLimiter limiter = new RateLimiter(5);

        assertThat(limiter.available(0, 50)).isEqualTo(5);
        limiter.take(0, 5);
        assertThat(limiter.available(0, 50)).isZero();
        assertThat(limiter.available(199, 50)).isZero();
        assertThat(limiter.available(200, 50)).isEqualTo(1);
        assertThat(limiter.available(1_000, 50)).isEqualTo(5);
        assertThat(limiter.available(60_000, 50)).as("never more than a second's worth").isEqualTo(5);
        assertThat(limiter.available(60_000, 3)).as("never more than wanted").isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource({"5, 50", "0.5, 200", "100, 50", "1000, 20"})
    void aWorkerTakingAllItMayEachTickSendsNoMoreThanTheRateOverTenSeconds(double perSecond, long tickMs) {
        RateLimiter limiter = new RateLimiter(perSecond);
        long sent = 0;
        for (long now = 0; now <= 10_000; now += tickMs) {
            int n = limiter.available(now, 200);
            limiter.take(now, n);
            sent += n;
        }
        long ceiling = (long) Math.ceil(perSecond * 10 + Math.max(1, perSecond));
        assertThat(sent).isLessThanOrEqualTo(ceiling).isGreaterThanOrEqualTo((long) Math.floor(perSecond * 10));
    }

    @Test
    void attemptsBeyondTheBudgetAreOwedBeforeMoreGo() {
        RateLimiter limiter = new RateLimiter(2);
        limiter.take(0, 4);

        assertThat(limiter.available(500, 10)).isZero();
        assertThat(limiter.available(1_500, 10)).isEqualTo(1);
    }

    @Test
    void noRateIsNotALimit() {
        assertThatThrownBy(() -> new RateLimiter(0)).hasMessageContaining("more than 0");
    }
}
