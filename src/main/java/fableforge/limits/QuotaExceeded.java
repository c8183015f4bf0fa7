package fableforge.limits;

/** An upload would take its user past the storage quota: answered 413 {@code quota_exceeded}. */
public final class QuotaExceeded extends RuntimeException {

    QuotaExceeded(String message) {
        super(message);
    }
}
