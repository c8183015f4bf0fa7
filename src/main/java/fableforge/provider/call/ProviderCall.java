package fableforge.provider.call;

import fableforge.provider.ProviderException;

/** One try of a call to a provider; the pipeline's steps are wrapped around it. */
@FunctionalInterface
public interface ProviderCall<T> {

    T call(CallTry current) throws ProviderException, InterruptedException;
}
