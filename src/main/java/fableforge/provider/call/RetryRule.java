package fableforge.provider.call;

import fableforge.job.RetryPolicy;
import fableforge.provider.ProviderError;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/** Whether a failed try is tried again, and after how long. */
@FunctionalInterface
public interface RetryRule {

    /**
     * The wait before try number {@code nextTry} (2, 3, ...) after {@code error}, or empty to give up.
     *
     * @param lastWait the wait before the try that just failed; zero after the first try
     */
    Optional<Duration> delayBefore(int nextTry, ProviderError error, Duration lastWait);

    /**
     * The retry policy's tries and exponential backoff with jitter from {@code jitter} (seeded in tests),
     * capped at its maximum; exactly the provider's Retry-After when it gave one.
     */
    static RetryRule of(RetryPolicy policy, RandomGenerator jitter) {
        return (nextTry, error, lastWait) -> policy.delayBefore(nextTry, error, jitter);
    }

    /**
     * Up to {@code maxTries} tries of retryable errors, waiting the provider's Retry-After, else
     * {@code first}, doubled before each next try, without jitter; a wait longer than {@code longest}
     * gives up instead (the caller would rather fail now than be held that long).
     */
    static RetryRule doubling(int maxTries, Duration first, Duration longest) {
        return (nextTry, error, lastWait) -> {
            if (!error.retryable() || nextTry > maxTries) {
                return Optional.empty();
            }
            Duration wait = error.retryAfter().orElse(first.multipliedBy(1L << Math.min(nextTry - 2, 30)));
            return wait.compareTo(longest) > 0 ? Optional.empty() : Optional.of(wait);
        };
    }

    /**
     * Never gives up (for background work that waits out any outage): {@code first}, then double the
     * last wait, at least the provider's Retry-After, at most {@code longest}.
     */
    static RetryRule forever(Duration first, Duration longest) {
        return (nextTry, error, lastWait) -> {
            Duration doubled = lastWait.isZero() ? first : lastWait.multipliedBy(2);
            Duration asked = error.retryAfter().orElse(Duration.ZERO);
            Duration wait = doubled.compareTo(asked) >= 0 ? doubled : asked;
            return Optional.of(wait.compareTo(longest) <= 0 ? wait : longest);
        };
    }

    /** This rule, but giving up at once on errors that match {@code hopeless}. */
    default RetryRule givingUpOn(Predicate<ProviderError> hopeless) {
        return (nextTry, error, lastWait) -> hopeless.test(error) ? Optional.empty() : delayBefore(nextTry, error, lastWait);
    }
}
