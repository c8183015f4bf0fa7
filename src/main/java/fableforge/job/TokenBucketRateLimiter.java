package fableforge.job;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * In-process rate limiter: a Bucket4j token bucket holding one minute's worth of calls, refilled
 * smoothly. A story can start up to {@code perMinute} calls at once, then one call every
 * {@code 60s / perMinute}; a provider's Retry-After pauses every caller until it has passed.
 */
public final class TokenBucketRateLimiter implements RateLimiter {

    private final Bucket bucket;
    private final Clock clock;
    private final AtomicReference<Instant> pausedUntil;

    public TokenBucketRateLimiter(int perMinute, Clock clock) {
        this(perMinute, perMinute, clock);
    }

    /** @param burst calls that may start at once before the refill rate applies (the bucket's capacity) */
    public TokenBucketRateLimiter(int perMinute, int burst, Clock clock) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be at least 1, were " + perMinute + " and " + burst);
        }
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
        this.clock = clock;
        this.pausedUntil = new AtomicReference<>(Instant.MIN);
    }

    @Override
    public void acquire() throws InterruptedException {
        waitOutPause();
        bucket.asBlocking().consume(1);
        // A pause may have started while we waited for a token.
        waitOutPause();
    }

    @Override
    public void pauseFor(Duration wait) {
        Instant until = clock.instant().plus(wait);
        pausedUntil.accumulateAndGet(until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
    }

    private void waitOutPause() throws InterruptedException {
        while (true) {
            Duration remaining = Duration.between(clock.instant(), pausedUntil.get());
            if (remaining.isNegative() || remaining.isZero()) {
                return;
            }
            Thread.sleep(remaining.toMillis() + 1);
        }
    }
}
