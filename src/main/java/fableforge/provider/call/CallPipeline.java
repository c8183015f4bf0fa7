package fableforge.provider.call;

import fableforge.job.CallGate;
import fableforge.job.Sleeper;
import fableforge.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one way a provider call is made: its steps wrapped around it, outermost first. The builder puts
 * them in the one order that is right whatever order they are added in:
 * <ol>
 *   <li>fallback: answers without the provider only once the retries gave up;</li>
 *   <li>retry: a try waiting to be retried holds no gate slot, and its wait is not a timeout;</li>
 *   <li>gate: a concurrency slot and a rate token per try, a Retry-After pauses every caller;</li>
 *   <li>meter: each try counted by outcome and timed for {@code GET /metrics}, without the wait at the gate;</li>
 *   <li>timeout: per try, counted from the moment the gate let the try through;</li>
 *   <li>spend: only the try that succeeded is charged, once.</li>
 * </ol>
 * Work that belongs to a try but not inside the gate (storing an image) runs in a call given to a
 * retry-only pipeline, and calls a gate-and-timeout pipeline with the same {@link CallTry}.
 */
public final class CallPipeline<T> {

    private final List<CallStep<T>> steps;

    private CallPipeline(List<CallStep<T>> steps) {
        this.steps = List.copyOf(steps);
    }

    /** A pipeline of exactly these steps, outermost first (for steps of one's own). */
    public static <T> CallPipeline<T> of(List<CallStep<T>> steps) {
        return new CallPipeline<>(steps);
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Runs {@code call} as a first try through every step. */
    public T call(ProviderCall<T> call) throws ProviderException, InterruptedException {
        return call(CallTry.FIRST, call);
    }

    /**
     * The answer of a pipeline with a fallback, which answers every failure: from the provider when it
     * could, else from the fallback.
     */
    public T answer(ProviderCall<T> call) throws InterruptedException {
        if (steps.stream().noneMatch(FallbackStep.class::isInstance)) {
            throw new IllegalStateException("only a pipeline with a fallback answers every call; use call()");
        }
        try {
            return call(call);
        } catch (ProviderException e) {
            throw new IllegalStateException("a step outside the fallback failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code call} through every step as the given try (an outer retry's). */
    public T call(CallTry current, ProviderCall<T> call) throws ProviderException, InterruptedException {
        ProviderCall<T> wrapped = call;
        for (int i = steps.size() - 1; i >= 0; i--) {
            wrapped = steps.get(i).around(wrapped);
        }
        return wrapped.call(current);
    }

    /** Each step at most once, in the fixed order of the pipeline. */
    public static final class Builder<T> {

        private Optional<CallStep<T>> fallback = Optional.empty();
        private Optional<CallStep<T>> retry = Optional.empty();
        private Optional<CallStep<T>> gate = Optional.empty();
        private Optional<CallStep<T>> meter = Optional.empty();
        private Optional<CallStep<T>> timeout = Optional.empty();
        private Optional<CallStep<T>> spend = Optional.empty();

        private Builder() {
        }

        public Builder<T> fallback(FallbackStep.Fallback<T> instead) {
            fallback = Optional.of(new FallbackStep<>(instead));
            return this;
        }

        public Builder<T> retry(RetryRule rule, Sleeper sleeper, RetryStep.Listener listener) {
            retry = Optional.of(new RetryStep<>(rule, sleeper, listener));
            return this;
        }

        public Builder<T> retry(RetryRule rule, Sleeper sleeper) {
            return retry(rule, sleeper, RetryStep.Listener.NONE);
        }

        public Builder<T> gate(CallGate callGate) {
            gate = Optional.of(new GateStep<>(callGate));
            return this;
        }

        /** Counts and times each try with {@code callMeter} (from {@link ProviderMeters#of}). */
        public Builder<T> metered(CallMeter callMeter) {
            meter = Optional.of(new MeterStep<>(callMeter));
            return this;
        }

        public Builder<T> timeout(Duration limit) {
            timeout = Optional.of(new TimeoutStep<>(limit));
            return this;
        }

        public Builder<T> spend(SpendStep.Meter<? super T> meter) {
            spend = Optional.of(new SpendStep<>(meter));
            return this;
        }

        public CallPipeline<T> build() {
            List<CallStep<T>> steps = new ArrayList<>();
            for (Optional<CallStep<T>> step : List.of(fallback, retry, gate, meter, timeout, spend)) {
                step.ifPresent(steps::add);
            }
            return new CallPipeline<>(steps);
        }
    }
}
