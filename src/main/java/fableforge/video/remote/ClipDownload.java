package fableforge.video.remote;

import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.SafeDownload;
import java.time.Duration;
import java.util.Set;

/**
 * Fetches a finished clip from the link a provider gave. The link is a signed, short-lived address on
 * the provider's file store, so it is fetched at once and without our credentials (they are not the
 * store's business), through {@link SafeDownload} since the provider chose it; a link that has expired
 * says so as {@link ExpiredLink}, so the adapter can ask for a fresh one.
 */
public final class ClipDownload {

    private static final Set<Integer> EXPIRED = Set.of(403, 404, 410);

    private ClipDownload() {
    }

    /** The link answered 403, 404 or 410: signed links say that once they have expired. */
    public static final class ExpiredLink extends ProviderException {
        ExpiredLink(String message) {
            super(new ProviderError.Transient(message));
        }
    }

    public static byte[] fetch(SafeDownload download, String provider, String url, Duration timeout) throws ProviderException {
        SafeDownload.Fetched response = download.get(url, timeout);
        if (EXPIRED.contains(response.status())) {
            throw new ExpiredLink(provider + "'s download link answered HTTP " + response.status() + " (expired)");
        }
        if (response.status() != 200 || response.body().length == 0) {
            throw new ProviderException(new ProviderError.Transient(provider + "'s download link answered HTTP "
                    + response.status() + " with " + response.body().length + " bytes"));
        }
        return response.body();
    }
}
