package fableforge.provider.call;

import fableforge.provider.ProviderException;

/**
 * One decorator of a provider call, in the manner of an OkHttp interceptor: it does its part and hands
 * the try on to {@code next} (once, several times, or not at all).
 */
@FunctionalInterface
public interface CallStep<T> {

    T intercept(CallTry current, ProviderCall<T> next) throws ProviderException, InterruptedException;

    /** {@code call} with this step around it. */
    default ProviderCall<T> around(ProviderCall<T> call) {
        return current -> intercept(current, call);
    }
}
