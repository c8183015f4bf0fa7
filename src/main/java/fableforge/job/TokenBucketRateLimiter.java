package fableforge.job;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * In-process rate limiter: a Bucket4j token bucket holding one minute's worth of calls, refilled
 * smoothly. A story can start up to {@code perMinute} calls at once, then one call every
 * {@code 60s / perMinute}; a provider's Retry-After pauses every caller until it has passed.
 * Time comes from the injected {@link Clock} and waiting goes through the injected {@link Sleeper},
 * for the bucket's refill as for the pause, so a test drives both with a clock of its own.
 */
public final class TokenBucketRateLimiter implements RateLimiter {

    private final Bucket bucket;
    private final BlockingStrategy waiting;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicReference<Instant> pausedUntil;

    public TokenBucketRateLimiter(int perMinute, Clock clock) {
        this(perMinute, perMinute, clock);
    }

    /** @param burst calls that may start at once before the refill rate applies (the bucket's capacity) */
    public TokenBucketRateLimiter(int perMinute, int burst, Clock clock) {
        this(perMinute, burst, clock, Sleeper.REAL);
    }

    /** @param sleeper how a caller waits for a token or the end of a pause (a test's advances its clock) */
    public TokenBucketRateLimiter(int perMinute, int burst, Clock clock, Sleeper sleeper) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be at least 1, were " + perMinute + " and " + burst);
        }
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .withCustomTimePrecision(timeMeter(clock))
                .build();
        // Bucket4j takes the token before it parks, so waiting a little longer than asked never lets two
        // callers share one token; rounding up to whole milliseconds keeps a caller from starting early.
        this.waiting = nanos -> sleeper.sleep(Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
        this.clock = clock;
        this.sleeper = sleeper;
        this.pausedUntil = new AtomicReference<>(Instant.MIN);
    }

    @Override
    public void acquire() throws InterruptedException {
        waitOutPause();
        bucket.asBlocking().consume(1, waiting);
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
            sleeper.sleep(remaining.plusMillis(1));
        }
    }

    /** The bucket's refill reads the injected clock (epoch nanoseconds), not the system's. */
    private static TimeMeter timeMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
