package fableforge.provider.call;

import fableforge.job.CallGate;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;

/**
 * Each try through the provider's gate (a concurrency slot, then a rate token). A provider's
 * Retry-After pauses the gate for every caller of that provider, whether or not this call tries again:
 * the provider said wait, and the next caller would only be refused too.
 */
public final class GateStep<T> implements CallStep<T> {

    private final CallGate gate;

    public GateStep(CallGate gate) {
        this.gate = gate;
    }

    @Override
    public T intercept(CallTry current, ProviderCall<T> next) throws ProviderException, InterruptedException {
        try {
            return gate.<T, ProviderException>call(() -> next.call(current));
        } catch (ProviderException e) {
            if (e.error() instanceof ProviderError.RateLimited limited && limited.retryAfter().isPresent()) {
                gate.pauseFor(limited.retryAfter().get());
            }
            throw e;
        }
    }
}
