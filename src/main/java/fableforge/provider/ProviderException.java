package fableforge.provider;

/** Thrown by a port call that failed at the provider; carries the classified {@link ProviderError}. */
public class ProviderException extends Exception {

    private final ProviderError error;

    public ProviderException(ProviderError error) {
        super(error.message());
        this.error = error;
    }

    public ProviderException(ProviderError error, Throwable cause) {
        super(error.message(), cause);
        this.error = error;
    }

    public ProviderError error() {
        return error;
    }
}
