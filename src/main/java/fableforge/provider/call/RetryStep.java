package fableforge.provider.call;

import fableforge.job.Sleeper;
import fableforge.provider.ProviderException;
import java.time.Duration;
import java.util.Optional;

/**
 * Tries the call again while its {@link RetryRule} allows, waiting with the injected {@link Sleeper}
 * between tries; the last failure is thrown as it came. Outermost, so a try waiting to be retried
 * holds no gate slot and its wait is not counted against the time limit.
 */
public final class RetryStep<T> implements CallStep<T> {

    private final RetryRule rule;
    private final Sleeper sleeper;
    private final Listener listener;

    public RetryStep(RetryRule rule, Sleeper sleeper, Listener listener) {
        this.rule = rule;
        this.sleeper = sleeper;
        this.listener = listener;
    }

    public RetryStep(RetryRule rule, Sleeper sleeper) {
        this(rule, sleeper, Listener.NONE);
    }

    @Override
    public T intercept(CallTry first, ProviderCall<T> next) throws ProviderException, InterruptedException {
        CallTry current = first;
        Duration lastWait = Duration.ZERO;
        while (true) {
            try {
                return next.call(current);
            } catch (ProviderException e) {
                Optional<Duration> wait = rule.delayBefore(current.number() + 1, e.error(), lastWait);
                if (wait.isEmpty()) {
                    throw e;
                }
                listener.retrying(current.number() + 1, e, wait.get());
                sleeper.sleep(wait.get());
                lastWait = wait.get();
                current = current.next(e.error());
            }
        }
    }

    /** Hears of each retry before its wait, e.g. to log it or tell the user. */
    @FunctionalInterface
    public interface Listener {

        void retrying(int nextTry, ProviderException failure, Duration wait);

        Listener NONE = (nextTry, failure, wait) -> { };
    }
}
