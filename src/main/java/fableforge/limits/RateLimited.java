package fableforge.limits;

/** A user made a limited request too often: answered 429 with {@code Retry-After: retryAfterSeconds}. */
public final class RateLimited extends RuntimeException {

    private final long retryAfterSeconds;

    RateLimited(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
