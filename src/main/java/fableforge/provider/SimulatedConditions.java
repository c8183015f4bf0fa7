package fableforge.provider;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Makes an offline provider behave like a remote one, for demos, tests and benchmarks: every call
 * takes {@code latency} and a {@code failureRate} share of calls fail with a retryable error.
 */
public final class SimulatedConditions {

    private final Duration latency;
    private final double failureRate;
    private final RandomGenerator random;

    public SimulatedConditions(Duration latency, double failureRate, RandomGenerator random) {
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("failure rate must be between 0 and 1, was " + failureRate);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
        this.latency = latency;
        this.failureRate = failureRate;
        this.random = random;
    }

    public static SimulatedConditions none() {
        return new SimulatedConditions(Duration.ZERO, 0, RandomGenerator.getDefault());
    }

    /**
     * Call before doing the real work of a simulated provider call. An interrupt while waiting (the
     * call timed out) ends the call as a timeout, as a real provider call would.
     */
    public void apply(String callName) throws ProviderException {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(new ProviderError.TimedOut("interrupted while simulating latency of " + callName), e);
            }
        }
        if (failureRate > 0 && nextDouble() < failureRate) {
            throw new ProviderException(new ProviderError.Transient("simulated failure of " + callName + " (OFFLINE_FAILURE_RATE)"));
        }
    }

    private double nextDouble() {
        // RandomGenerator implementations are not all thread-safe; calls come from many threads.
        synchronized (random) {
            return random.nextDouble();
        }
    }

    public Duration latency() {
        return latency;
    }

    public double failureRate() {
        return failureRate;
    }
}
