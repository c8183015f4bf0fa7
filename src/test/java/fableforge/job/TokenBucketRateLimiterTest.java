package fableforge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {

    @Test
    void letsOneMinutesWorthThroughThenHoldsTheNextCaller() throws Exception {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(3, Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }
        CountDownLatch fourth = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                limiter.acquire();
                fourth.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        // At 3 per minute the fourth token is 20 s away.
        assertThat(fourth.await(500, TimeUnit.MILLISECONDS)).isFalse();
        waiter.interrupt();
    }

    @Test
    void retryAfterPausesEveryCaller() throws Exception {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(1_000, Clock.systemUTC());
        limiter.pauseFor(Duration.ofMillis(300));

        long started = System.nanoTime();
        limiter.acquire();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    @Test
    void aShorterPauseDoesNotCutALongerOne() throws Exception {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(1_000, Clock.systemUTC());
        limiter.pauseFor(Duration.ofMillis(300));
        limiter.pauseFor(Duration.ofMillis(10));

        long started = System.nanoTime();
        limiter.acquire();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }
}
