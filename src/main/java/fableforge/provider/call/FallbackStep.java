package fableforge.provider.call;

import fableforge.provider.ProviderException;

/**
 * When the call still fails after every try, something that does without the provider: the offline
 * templates instead of the prompt model, the local camera motion instead of a remote clip. Outermost,
 * so it answers only once the retries gave up.
 */
public final class FallbackStep<T> implements CallStep<T> {

    private final Fallback<T> fallback;

    public FallbackStep(Fallback<T> fallback) {
        this.fallback = fallback;
    }

    @Override
    public T intercept(CallTry current, ProviderCall<T> next) throws ProviderException, InterruptedException {
        try {
            return next.call(current);
        } catch (ProviderException e) {
            return fallback.instead(e);
        }
    }

    /** The answer in place of a call that failed with {@code failure}; it cannot fail itself. */
    @FunctionalInterface
    public interface Fallback<T> {

        T instead(ProviderException failure);
    }
}
