package fableforge.job;

import fableforge.provider.ProviderError;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a failed provider call is tried again: exponential backoff with
 * jitter, or exactly the provider's Retry-After when it gave one.
 *
 * @param maxTries      total tries of one image, first included
 * @param baseBackoff   wait after the first failure; doubles each time
 * @param maxBackoff    the longest wait between tries
 * @param callTimeout   how long one provider call may take before it counts as timed out
 */
public record RetryPolicy(int maxTries, Duration baseBackoff, Duration maxBackoff, Duration callTimeout) {

    public RetryPolicy {
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be at least 1, was " + maxTries);
        }
    }

    /** The wait before try number {@code nextTry} (2, 3, ...) after {@code error}, or empty to give up. */
    public Optional<Duration> delayBefore(int nextTry, ProviderError error, RandomGenerator random) {
        if (!error.retryable() || nextTry > maxTries) {
            return Optional.empty();
        }
        if (error.retryAfter().isPresent()) {
            return error.retryAfter();
        }
        long base = baseBackoff.toMillis() << Math.min(nextTry - 2, 16);
        long capped = Math.min(base, maxBackoff.toMillis());
        long jittered = capped / 2 + (capped > 1 ? random.nextLong(capped / 2 + 1) : 0);
        return Optional.of(Duration.ofMillis(jittered));
    }
}
