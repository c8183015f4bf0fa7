package fableforge.provider.call;

/**
 * Hears how each try of one provider operation ended and how long it took, for {@code GET /metrics}.
 * Bound to a provider and operation by {@link ProviderMeters#of}; {@link #NONE} where nobody watches.
 */
@FunctionalInterface
public interface CallMeter {

    void record(CallOutcome outcome, long tookNanos);

    CallMeter NONE = (outcome, tookNanos) -> { };
}
