package fableforge.media;

import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.call.CallMeter;
import fableforge.provider.call.CallOutcome;
import fableforge.provider.call.ProviderMeters;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A media store whose every call is counted and timed in {@code GET /metrics} with the other provider
 * calls (issue 14): {@code store} for puts (images, thumbnails, clips, videos, archives), {@code read} for
 * opening media to serve or render, {@code lookup} for existence, size, fingerprint and redirect checks.
 * One decorator in the composition root, so no caller can forget it and none counts a call twice. A read
 * is timed until the store hands over the stream, not while the caller reads it.
 */
public final class MeteredMediaStore implements MediaStore {

    /** One call to the store, as the metered methods make it. */
    @FunctionalInterface
    private interface StoreCall<T> {
        T call() throws IOException;
    }

    private final MediaStore store;
    private final CallMeter stores;
    private final CallMeter reads;
    private final CallMeter lookups;

    public MeteredMediaStore(MediaStore store, ProviderMeters meters) {
        this.store = store;
        String provider = ProviderMeters.providerOf(store.name());
        this.stores = meters.of(provider, "store");
        this.reads = meters.of(provider, "read");
        this.lookups = meters.of(provider, "lookup");
    }

    @Override
    public StoredMedia put(String key, byte[] bytes, String contentType) throws IOException {
        return metered(stores, () -> store.put(key, bytes, contentType));
    }

    @Override
    public StoredMedia putFile(String key, Path file, String contentType) throws IOException {
        return metered(stores, () -> store.putFile(key, file, contentType));
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        return metered(reads, () -> store.open(key));
    }

    @Override
    public Optional<InputStream> open(String key, long offset) throws IOException {
        return metered(reads, () -> store.open(key, offset));
    }

    @Override
    public boolean exists(String key) throws IOException {
        return metered(lookups, () -> store.exists(key));
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        return metered(lookups, () -> store.size(key));
    }

    @Override
    public Optional<String> fingerprint(String key) throws IOException {
        return metered(lookups, () -> store.fingerprint(key));
    }

    @Override
    public Optional<URI> redirect(String key) throws IOException {
        return metered(lookups, () -> store.redirect(key));
    }

    @Override
    public List<String> browserOrigins() {
        return store.browserOrigins();
    }

    @Override
    public String name() {
        return store.name();
    }

    private static <T> T metered(CallMeter meter, StoreCall<T> call) throws IOException {
        long started = System.nanoTime();
        try {
            T result = call.call();
            meter.record(CallOutcome.OK, System.nanoTime() - started);
            return result;
        } catch (IOException e) {
            meter.record(outcomeOf(e), System.nanoTime() - started);
            throw e;
        } catch (RuntimeException e) {
            meter.record(CallOutcome.FAILED, System.nanoTime() - started);
            throw e;
        }
    }

    /**
     * A store's failure as the provider metrics label it: its classified error when it has one, else the I/O
     * failure as the HTTP adapters classify theirs (a time-out, or transient), and {@link CallOutcome#of} tells a
     * connection that never opened (unreachable) from one that failed (server error) by the cause, as for them.
     */
    static CallOutcome outcomeOf(IOException failure) {
        ProviderError error;
        if (failure instanceof MediaStoreException classified) {
            error = classified.error();
        } else if (failure instanceof SocketTimeoutException || failure instanceof HttpTimeoutException) {
            error = new ProviderError.TimedOut(String.valueOf(failure.getMessage()));
        } else {
            error = new ProviderError.Transient(String.valueOf(failure.getMessage()));
        }
        return CallOutcome.of(new ProviderException(error, failure));
    }
}
