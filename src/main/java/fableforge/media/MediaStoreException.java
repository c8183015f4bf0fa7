package fableforge.media;

import fableforge.provider.ProviderError;
import java.io.IOException;

/**
 * A remote media store failed; carries the classified {@link ProviderError} so a caller can tell a
 * wrong key or secret (no point retrying) from a busy or unreachable service.
 */
public class MediaStoreException extends IOException {

    private final ProviderError error;

    public MediaStoreException(ProviderError error) {
        super(error.message());
        this.error = error;
    }

    public MediaStoreException(ProviderError error, Throwable cause) {
        super(error.message(), cause);
        this.error = error;
    }

    public ProviderError error() {
        return error;
    }
}
