package fableforge.job.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.redis.LocalRedis;
import fableforge.redis.SeverableProxy;
import fableforge.redis.RedisConnections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two processes' limiters, each with its own Redis client, sharing one provider's budget. */
class RedisRateLimiterTest {

    private String prefix;
    private RedisConnections nodeA;
    private RedisConnections nodeB;

    @BeforeEach
    void connectTwoNodes() {
        prefix = LocalRedis.randomPrefix();
        nodeA = LocalRedis.connect();
        nodeB = LocalRedis.connect();
    }

    @AfterEach
    void cleanUp() {
        LocalRedis.deleteKeys(nodeA, prefix);
        nodeA.close();
        nodeB.close();
    }

    @Test
    void limitersSharingANameStayWithinOneBudgetTogether() throws Exception {
        int perMinute = 120;
        int burst = 5;
        List<RedisRateLimiter> limiters = List.of(
                new RedisRateLimiter(nodeA, prefix, "openai", perMinute, burst),
                new RedisRateLimiter(nodeB, prefix, "openai", perMinute, burst));
        ConcurrentLinkedQueue<Long> grantedAtNanos = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        List<Thread> callers = new ArrayList<>();
        for (RedisRateLimiter limiter : limiters) {
            for (int i = 0; i < 2; i++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            limiter.acquire();
                            grantedAtNanos.add(System.nanoTime());
                        }
                    } catch (InterruptedException e) {
                        // the test is over
                    }
                }));
            }
        }

        Thread.sleep(3_000);
        long elapsedNanos = System.nanoTime() - started;
        callers.forEach(Thread::interrupt);
        for (Thread caller : callers) {
            caller.join();
        }

        long granted = grantedAtNanos.stream().filter(at -> at - started <= elapsedNanos).count();
        double allowed = burst + perMinute / 60.0 * elapsedNanos / 1e9 + 1;
        // Two separate budgets would grant about twice the allowance; a starved limiter far less.
        assertThat((double) granted).isLessThanOrEqualTo(allowed).isGreaterThanOrEqualTo(allowed / 2);
    }

    @Test
    void aPauseOnOneNodeHoldsCallersOnAnother() throws Exception {
        RedisRateLimiter onA = new RedisRateLimiter(nodeA, prefix, "kling", 6_000);
        RedisRateLimiter onB = new RedisRateLimiter(nodeB, prefix, "kling", 6_000);

        onA.pauseFor(Duration.ofMillis(600));
        long started = System.nanoTime();
        onB.acquire();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aShorterPauseFromAnotherNodeDoesNotCutALongerOne() throws Exception {
        RedisRateLimiter onA = new RedisRateLimiter(nodeA, prefix, "kling", 6_000);
        RedisRateLimiter onB = new RedisRateLimiter(nodeB, prefix, "kling", 6_000);

        onA.pauseFor(Duration.ofMillis(600));
        onB.pauseFor(Duration.ofMillis(10));
        long started = System.nanoTime();
        onA.acquire();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void limitersOfDifferentNamesDoNotShareABudget() throws Exception {
        RedisRateLimiter images = new RedisRateLimiter(nodeA, prefix, "images", 1, 1);
        RedisRateLimiter videos = new RedisRateLimiter(nodeB, prefix, "videos", 1, 1);
        images.acquire();
        images.pauseFor(Duration.ofSeconds(30));

        long started = System.nanoTime();
        videos.acquire();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void itsStateLivesUnderThePrefixAndExpires() throws Exception {
        RedisRateLimiter limiter = new RedisRateLimiter(nodeA, prefix, "openai", 60, 2);
        limiter.acquire();
        limiter.pauseFor(Duration.ofMillis(5_000));

        var redis = nodeB.commands().sync();
        assertThat(redis.pttl(prefix + "rate:openai")).isPositive();
        assertThat(redis.pttl(prefix + "rate:openai:paused")).isBetween(1L, 5_000L);
    }

    @Test
    void callersWaitOutARedisOutageInsteadOfFailingOrGoingUnmetered() throws Exception {
        try (SeverableProxy proxy = new SeverableProxy(); RedisConnections throughProxy = LocalRedis.connect(proxy.url())) {
            RedisRateLimiter limiter = new RedisRateLimiter(throughProxy, prefix, "openai", 600, 10);
            limiter.acquire();
            proxy.sever();
            java.util.concurrent.CompletableFuture<Void> waiting = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    limiter.acquire();
                    limiter.pauseFor(Duration.ofMillis(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(7_000);
            assertThat(waiting).as("still waiting for Redis, neither failed nor let through").isNotDone();

            proxy.restore();
            waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void rateAndBurstMustBePositive() {
        assertThatThrownBy(() -> new RedisRateLimiter(nodeA, prefix, "openai", 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedisRateLimiter(nodeA, prefix, "openai", 60, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
