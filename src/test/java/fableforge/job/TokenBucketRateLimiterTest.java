package fableforge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limiter on a {@link ManualClock}: every wait is read from the clock's sleeper, none is real. */
class TokenBucketRateLimiterTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void letsOneMinutesWorthThroughThenHoldsTheNextCallerForOneRefill() throws Exception {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(3, 3, clock, clock.sleeper());
        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }
        assertThat(clock.sleeps()).as("a full bucket lets the first three through at once").isEmpty();

        limiter.acquire();

        // At 3 per minute the fourth token is 20 s away.
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void theBucketRefillsAsTheInjectedClockMoves() throws Exception {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(3, 3, clock, clock.sleeper());
        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }

        clock.advance(Duration.ofSeconds(40));
        limiter.acquire();
        limiter.acquire();

        assertThat(clock.sleeps()).as("40 s of the test clock refilled two tokens").isEmpty();
        limiter.acquire();
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void withNoBurstEachCallWaitsItsShareOfTheMinute() throws Exception {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(600, 1, clock, clock.sleeper());

        for (int i = 0; i < 6; i++) {
            limiter.acquire();
        }

        assertThat(clock.sleeps()).hasSize(5).allSatisfy(wait -> assertThat(wait).isEqualTo(Duration.ofMillis(100)));
    }

    @Test
    void retryAfterPausesEveryCaller() throws Exception {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(1_000, 1_000, clock, clock.sleeper());
        limiter.pauseFor(Duration.ofMillis(300));

        limiter.acquire();

        assertThat(clock.slept()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aShorterPauseDoesNotCutALongerOne() throws Exception {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(1_000, 1_000, clock, clock.sleeper());
        limiter.pauseFor(Duration.ofMillis(300));
        limiter.pauseFor(Duration.ofMillis(10));

        limiter.acquire();

        assertThat(clock.slept()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aPauseThatHasPassedOnTheClockHoldsNobody() throws Exception {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(1_000, 1_000, clock, clock.sleeper());
        limiter.pauseFor(Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(31));
        limiter.acquire();

        assertThat(clock.sleeps()).isEmpty();
    }
}
