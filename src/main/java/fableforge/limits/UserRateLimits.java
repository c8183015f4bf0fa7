package fableforge.limits;

import fableforge.auth.Caller;
import fableforge.redis.RedisConnections;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-user rate limits on the paid or heavy endpoints: each user has a Bucket4j token bucket per
 * {@link LimitedAction}, holding a minute's worth of requests ({@code USER_RATE_PER_MIN}, or
 * {@code USER_REDRAW_RATE_PER_MIN} for rejecting images) and refilled smoothly. Beyond it a request
 * is refused with {@link RateLimited}, which says how many seconds until the next one is allowed.
 *
 * <p>With {@code REDIS_URL} the buckets live in Redis ({@code <prefix>user-rate:<action>:<user>}), as
 * the providers' shared rate limit does (see {@code RedisRateLimiter}), so a user's budget is the same
 * on every node. While Redis is unreachable requests go ahead unmetered with one warning per outage:
 * a limit that failed closed would take the whole API down with Redis.
 */
public final class UserRateLimits {

    private static final Logger LOG = LoggerFactory.getLogger(UserRateLimits.class);

    private final int perMinute;
    private final int redrawsPerMinute;
    private final Function<String, Bucket> buckets;
    private final Map<String, Bucket> open = new ConcurrentHashMap<>();
    private final AtomicBoolean outage = new AtomicBoolean();

    private UserRateLimits(int perMinute, int redrawsPerMinute, BucketFactory factory) {
        if (perMinute < 1 || redrawsPerMinute < 1) {
            throw new IllegalArgumentException("rates must be at least 1 a minute, were " + perMinute + " and " + redrawsPerMinute);
        }
        this.perMinute = perMinute;
        this.redrawsPerMinute = redrawsPerMinute;
        this.buckets = name -> factory.bucket(name, name.startsWith(LimitedAction.REDRAW.key() + ":") ? redrawsPerMinute : perMinute);
    }

    /** Buckets in this process, timed by {@code time} (the system clock in production). */
    public static UserRateLimits inProcess(int perMinute, int redrawsPerMinute, TimeMeter time) {
        return new UserRateLimits(perMinute, redrawsPerMinute,
                (name, rate) -> Bucket.builder().withCustomTimePrecision(time).addLimit(bandwidth(rate)).build());
    }

    /** Buckets in Redis, shared by every node that uses the same {@code keyPrefix}. */
    public static UserRateLimits inRedis(int perMinute, int redrawsPerMinute, RedisConnections connections, String keyPrefix) {
        ProxyManager<String> proxies = Bucket4jLettuce.casBasedBuilder(connections.commands())
                // An idle bucket that would be full again equals a new one, so its key may go (10 s later).
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        return new UserRateLimits(perMinute, redrawsPerMinute,
                (name, rate) -> proxies.builder().build(keyPrefix + "user-rate:" + name,
                        () -> BucketConfiguration.builder().addLimit(bandwidth(rate)).build()));
    }

    /**
     * Counts one {@code action} of {@code caller}.
     *
     * @throws RateLimited if the caller has used up the action's budget for now
     */
    public void take(Caller caller, LimitedAction action) {
        String name = action.key() + ":" + caller.userId();
        ConsumptionProbe probe;
        try {
            probe = open.computeIfAbsent(name, buckets).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            if (!redisOutage(e)) {
                throw e;
            }
            if (!outage.getAndSet(true)) {
                LOG.warn("[LIMITS] Redis is unreachable, so per-user rate limits are not applied until it answers: {}", e.toString());
            }
            return;
        }
        if (outage.getAndSet(false)) {
            LOG.info("[LIMITS] Redis answers again; per-user rate limits apply");
        }
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            int rate = action.redraw() ? redrawsPerMinute : perMinute;
            LOG.info("[LIMITS] user={} {} refused: over {} a minute", caller.userId(), action.key(), rate);
            throw new RateLimited("too many " + action.key() + " requests: at most " + rate + " a minute ("
                    + (action.redraw() ? "USER_REDRAW_RATE_PER_MIN" : "USER_RATE_PER_MIN") + "); try again in " + seconds + " s", seconds);
        }
    }

    private static Bandwidth bandwidth(int perMinute) {
        return Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build();
    }

    private static boolean redisOutage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisException) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface BucketFactory {
        Bucket bucket(String name, int perMinute);
    }
}
