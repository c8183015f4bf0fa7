package fableforge.job.redis;

import fableforge.job.RateLimiter;
import fableforge.redis.RedisConnections;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * The rate limiter of {@link fableforge.job.TokenBucketRateLimiter} with its state in Redis, so every
 * process calling one provider shares one budget: a token bucket of {@code burst} calls refilled
 * smoothly at {@code perMinute}, kept by Bucket4j under {@code <prefix>rate:<name>}, and a shared
 * Retry-After pause under {@code <prefix>rate:<name>:paused}.
 *
 * <p>{@link #acquire} asks Redis once for a token: Bucket4j's blocking consume reserves it (the
 * bucket may go into debt) and returns how long until it is really ours, and the caller sleeps that
 * long, so waiting callers never poll Redis. Each process checks the pause before and after.
 *
 * <p>The pause is the key's expiry, not a timestamp compared against this machine's clock: nodes
 * whose clocks disagree still stop for the same span. Bucket4j itself does compare timestamps of the
 * nodes (it refills by the writer's clock), so their clocks should be roughly in sync (NTP). Every
 * node must configure the same rate for a name: Bucket4j keeps the configuration of whichever node
 * created the bucket until it expires, idle, after one refill.
 *
 * <p>While Redis is unreachable, {@code acquire} waits for it to come back (trying again every few
 * seconds, with one warning per outage) rather than letting calls go ahead unmetered or failing the
 * images that wait: an outage delays drawing, it does not fail it. A pause that cannot be recorded
 * is logged and dropped; the provider will answer 429 again if it still wants one.
 */
public final class RedisRateLimiter implements RateLimiter {

    // Keeps the later of two pauses: only lengthens the key's time to live, never shortens it. The
    // value is the end of the pause by Redis's clock in epoch ms, for someone looking at the key.
    private static final String PAUSE_SCRIPT = """
            local wait = tonumber(ARGV[1])
            if redis.call('PTTL', KEYS[1]) < wait then
              local now = redis.call('TIME')
              local untilMs = now[1] * 1000 + math.floor(now[2] / 1000) + wait
              redis.call('SET', KEYS[1], untilMs, 'PX', wait)
            end
            return redis.call('PTTL', KEYS[1])
            """;

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final Duration OUTAGE_RETRY = Duration.ofSeconds(2);

    private final StatefulRedisConnection<String, byte[]> redis;
    private final AtomicBoolean outage = new AtomicBoolean();
    private final BucketProxy bucket;
    private final String pauseKey;

    /**
     * @param keyPrefix as for the event bus (e.g. {@code fableforge:})
     * @param name      the provider; processes using the same name share one budget
     * @param burst     calls that may start at once before the refill rate applies (the bucket's capacity)
     */
    public RedisRateLimiter(RedisConnections connections, String keyPrefix, String name, int perMinute, int burst) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be at least 1, were " + perMinute + " and " + burst);
        }
        this.redis = connections.commands();
        String bucketKey = keyPrefix + "rate:" + name;
        this.pauseKey = bucketKey + ":paused";
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
        this.bucket = Bucket4jLettuce.casBasedBuilder(redis)
                // Once an idle bucket would be full again it equals a new one, so its key may go (10 s later).
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build()
                .builder()
                .build(bucketKey, () -> configuration);
    }

    public RedisRateLimiter(RedisConnections connections, String keyPrefix, String name, int perMinute) {
        this(connections, keyPrefix, name, perMinute, perMinute);
    }

    @Override
    public void acquire() throws InterruptedException {
        while (true) {
            try {
                waitOutPause();
                bucket.asBlocking().consume(1);
                // A pause may have started, here or on another node, while we waited for a token.
                waitOutPause();
                recovered();
                return;
            } catch (RuntimeException e) {
                if (!redisOutage(e)) {
                    throw e;
                }
                unreachable(e);
                Thread.sleep(OUTAGE_RETRY.toMillis());
            }
        }
    }

    /** Lettuce's errors, as thrown or as Bucket4j wraps them. */
    private static boolean redisOutage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisException) {
                return true;
            }
        }
        return false;
    }

    private void unreachable(RuntimeException e) {
        if (!outage.getAndSet(true)) {
            LOG.warn("[RATE] Redis is unreachable, so calls wait for it instead of going unmetered: {}", e.toString());
        }
    }

    private void recovered() {
        if (outage.getAndSet(false)) {
            LOG.info("[RATE] Redis answers again; calls are metered and go ahead");
        }
    }

    @Override
    public void pauseFor(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        long millis = Math.max(1, wait.toMillis());
        try {
            redis.sync().eval(PAUSE_SCRIPT, ScriptOutputType.INTEGER, new String[] {pauseKey},
                    Long.toString(millis).getBytes(StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            if (!redisOutage(e)) {
                throw e;
            }
            unreachable(e);
        }
    }

    private void waitOutPause() throws InterruptedException {
        while (true) {
            // -2: no pause; otherwise the milliseconds it still runs.
            long remaining = redis.sync().pttl(pauseKey);
            if (remaining <= 0) {
                return;
            }
            Thread.sleep(remaining + 1);
        }
    }
}
