package fableforge.provider.call;

import fableforge.provider.ProviderException;

/**
 * Counts and times each try by how it ended. Inside the gate, so waiting for a slot or a rate token is
 * not counted as the provider's latency; around the time limit, so a try cut off there counts as a
 * timeout; each retried try counts on its own, as the provider saw it.
 */
public final class MeterStep<T> implements CallStep<T> {

    private final CallMeter meter;

    public MeterStep(CallMeter meter) {
        this.meter = meter;
    }

    @Override
    public T intercept(CallTry current, ProviderCall<T> next) throws ProviderException, InterruptedException {
        long started = System.nanoTime();
        try {
            T result = next.call(current);
            meter.record(CallOutcome.OK, System.nanoTime() - started);
            return result;
        } catch (ProviderException | InterruptedException | RuntimeException e) {
            meter.record(CallOutcome.of(e), System.nanoTime() - started);
            throw e;
        }
    }
}
