package fableforge.video.remote;

import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.ProviderHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * Fetches a finished clip from the link a provider gave. The link is a signed, short-lived address on
 * the provider's file store, so it is fetched at once and without our credentials (they are not the
 * store's business); a link that has expired says so as {@link ExpiredLink}, so the adapter can ask
 * for a fresh one.
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

    public static byte[] fetch(ProviderHttp http, String url, Duration timeout) throws ProviderException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new ProviderException(new ProviderError.Transient(http.provider() + " gave a download link that is not an http(s) URL: " + url));
        }
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).GET().build(), timeout);
        if (EXPIRED.contains(response.statusCode())) {
            throw new ExpiredLink(http.provider() + "'s download link answered HTTP " + response.statusCode() + " (expired)");
        }
        if (response.statusCode() != 200 || response.body().length == 0) {
            throw new ProviderException(new ProviderError.Transient(http.provider() + "'s download link answered HTTP "
                    + response.statusCode() + " with " + response.body().length + " bytes"));
        }
        return response.body();
    }
}
