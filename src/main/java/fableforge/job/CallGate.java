package fableforge.job;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * The way into one provider: at most {@code maxConcurrent} calls in flight and no more than the rate
 * limiter allows. Every caller of that provider (CLI batch, server jobs, retries) goes through the
 * same gate, so together they stay within the limits.
 */
public final class CallGate {

    private final Semaphore slots;
    private final RateLimiter rateLimiter;
    private final int maxConcurrent;

    public CallGate(int maxConcurrent, RateLimiter rateLimiter) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + maxConcurrent);
        }
        this.slots = new Semaphore(maxConcurrent, true);
        this.rateLimiter = rateLimiter;
        this.maxConcurrent = maxConcurrent;
    }

    /** Runs one provider call once a slot and a rate token are free. */
    public <T, E extends Exception> T call(GatedCall<T, E> call) throws E, InterruptedException {
        slots.acquire();
        try {
            rateLimiter.acquire();
            return call.run();
        } finally {
            slots.release();
        }
    }

    public void pauseFor(Duration wait) {
        rateLimiter.pauseFor(wait);
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    @FunctionalInterface
    public interface GatedCall<T, E extends Exception> {
        T run() throws E, InterruptedException;
    }
}
