package fableforge.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.auth.Caller;
import fableforge.redis.LocalRedis;
import fableforge.redis.RedisConnections;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UserRateLimitsTest {

    private static final Caller ANN = new Caller("ann", "Ann", false);
    private static final Caller BOB = new Caller("bob", "Bob", false);

    /** A clock for the buckets that moves only when the test moves it. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TimeMeter time = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    @Test
    void beyondTheRateAUserIsRefusedWithTheSecondsUntilTheNextRequestAndTheBucketRefills() {
        UserRateLimits limits = UserRateLimits.inProcess(3, 60, time);
        for (int i = 0; i < 3; i++) {
            limits.take(ANN, LimitedAction.SUBMIT);
        }

        assertThatThrownBy(() -> limits.take(ANN, LimitedAction.SUBMIT))
                .isInstanceOfSatisfying(RateLimited.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(20))
                .hasMessageContaining("at most 3 a minute").hasMessageContaining("USER_RATE_PER_MIN");
        // Others, and the same user's other actions, have budgets of their own.
        limits.take(BOB, LimitedAction.SUBMIT);
        limits.take(ANN, LimitedAction.APPROVE_SCENES);

        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        limits.take(ANN, LimitedAction.SUBMIT);
        assertThatThrownBy(() -> limits.take(ANN, LimitedAction.SUBMIT)).isInstanceOf(RateLimited.class);
    }

    @Test
    void redrawsHaveTheirOwnRate() {
        UserRateLimits limits = UserRateLimits.inProcess(1, 5, time);
        for (int i = 0; i < 5; i++) {
            limits.take(ANN, LimitedAction.REDRAW);
        }

        assertThatThrownBy(() -> limits.take(ANN, LimitedAction.REDRAW))
                .isInstanceOfSatisfying(RateLimited.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(12))
                .hasMessageContaining("USER_REDRAW_RATE_PER_MIN");
    }

    @Test
    void twoNodesOnOneRedisShareEachUsersBudget() {
        String prefix = LocalRedis.randomPrefix();
        try (RedisConnections nodeA = LocalRedis.connect(); RedisConnections nodeB = LocalRedis.connect()) {
            try {
                UserRateLimits onA = UserRateLimits.inRedis(4, 60, nodeA, prefix);
                UserRateLimits onB = UserRateLimits.inRedis(4, 60, nodeB, prefix);
                onA.take(ANN, LimitedAction.VIDEO);
                onB.take(ANN, LimitedAction.VIDEO);
                onA.take(ANN, LimitedAction.VIDEO);
                onB.take(ANN, LimitedAction.VIDEO);

                assertThatThrownBy(() -> onA.take(ANN, LimitedAction.VIDEO))
                        .isInstanceOfSatisfying(RateLimited.class, e -> assertThat(e.retryAfterSeconds()).isBetween(1L, 15L));
                assertThatThrownBy(() -> onB.take(ANN, LimitedAction.VIDEO)).isInstanceOf(RateLimited.class);
                onB.take(BOB, LimitedAction.VIDEO);
            } finally {
                LocalRedis.deleteKeys(nodeA, prefix);
            }
        }
    }
}
