package fableforge.provider.call;

import fableforge.provider.ProviderException;

/**
 * Reports a successful paid call to the spend meter, once, as the call returns. Innermost, so a failed
 * try is never charged and a retried call is charged for the try that delivered only. The meter comes
 * in as a {@link Meter}, usually {@code result -> spendMeter.record(chargeOf(result))}, so this package,
 * at the bottom of the package graph, does not depend on {@code spend} (which depends on the store).
 */
public final class SpendStep<T> implements CallStep<T> {

    private final Meter<? super T> meter;

    public SpendStep(Meter<? super T> meter) {
        this.meter = meter;
    }

    @Override
    public T intercept(CallTry current, ProviderCall<T> next) throws ProviderException, InterruptedException {
        T result = next.call(current);
        meter.paid(result);
        return result;
    }

    /** Records what one delivered result cost (nothing for a result that was not paid for, e.g. from a cache). */
    @FunctionalInterface
    public interface Meter<T> {

        void paid(T result);
    }
}
