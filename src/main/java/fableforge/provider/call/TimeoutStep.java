package fableforge.provider.call;

import fableforge.job.TimeLimiter;
import fableforge.provider.ProviderException;
import java.time.Duration;

/**
 * Each try bounded in time: past {@code timeout} it fails as {@link fableforge.provider.ProviderError.TimedOut}
 * (and is retried like any other transient failure). Inside the gate, so waiting for a slot or a rate
 * token does not count against the call.
 */
public final class TimeoutStep<T> implements CallStep<T> {

    private final Duration timeout;

    public TimeoutStep(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public T intercept(CallTry current, ProviderCall<T> next) throws ProviderException, InterruptedException {
        return TimeLimiter.call(timeout, () -> next.call(current));
    }
}
