package fableforge.job;

import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounds a provider call in time, so no image ever hangs (the seed's worst production bug). The call
 * runs on its own virtual thread; past the timeout that thread is interrupted and abandoned (a call
 * stuck in uninterruptible I/O cannot hold the caller) and the call counts as {@link ProviderError.TimedOut}.
 */
public final class TimeLimiter {

    private TimeLimiter() {
    }

    public static <T> T call(Duration timeout, ProviderCall<T> call) throws ProviderException, InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("provider-call").start(() -> {
            try {
                result.complete(call.run());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            throw new ProviderException(new ProviderError.TimedOut("no answer within " + describe(timeout)), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderException providerException) {
                throw providerException;
            }
            throw new ProviderException(new ProviderError.Transient("provider call failed: " + e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            worker.interrupt();
            throw e;
        }
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    @FunctionalInterface
    public interface ProviderCall<T> {
        T run() throws Exception;
    }
}
