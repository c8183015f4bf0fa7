package fableforge.provider.call;

import fableforge.provider.ProviderException;
import fableforge.spend.Charge;
import fableforge.spend.SpendMeter;
import java.util.Optional;
import java.util.function.Function;

/**
 * Records what a successful paid call cost, once, as the call returns. Innermost, so a failed try is
 * never charged and a retried call is charged for the try that delivered only.
 */
public final class SpendStep<T> implements CallStep<T> {

    private final SpendMeter meter;
    private final Function<? super T, Optional<Charge>> charge;

    /** @param charge what a result cost; empty for a result that was not paid for (e.g. from a cache) */
    public SpendStep(SpendMeter meter, Function<? super T, Optional<Charge>> charge) {
        this.meter = meter;
        this.charge = charge;
    }

    @Override
    public T intercept(CallTry current, ProviderCall<T> next) throws ProviderException, InterruptedException {
        T result = next.call(current);
        charge.apply(result).ifPresent(meter::record);
        return result;
    }
}
