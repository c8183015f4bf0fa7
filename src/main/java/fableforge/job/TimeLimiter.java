package fableforge.job;

import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * Bounds a provider call in time, so no image ever hangs (the seed's worst production bug). The call
 * runs on a virtual thread; past the timeout it is interrupted and reported as {@link ProviderError.TimedOut}.
 */
public final class TimeLimiter {

    private TimeLimiter() {
    }

    public static <T> T call(Duration timeout, ProviderCall<T> call) throws ProviderException, InterruptedException {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<T> future = executor.submit(call::run);
            try {
                return future.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new ProviderException(new ProviderError.TimedOut("no answer within " + timeout.toSeconds() + " s"), e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ProviderException providerException) {
                    throw providerException;
                }
                throw new ProviderException(new ProviderError.Transient("provider call failed: " + e.getCause()), e.getCause());
            } catch (InterruptedException e) {
                future.cancel(true);
                throw e;
            }
        }
    }

    @FunctionalInterface
    public interface ProviderCall<T> {
        T run() throws Exception;
    }
}
