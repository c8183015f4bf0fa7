package fableforge.provider;

import java.time.Duration;
import java.util.Optional;

/** Why a call to a provider failed, and whether trying again can help. */
public sealed interface ProviderError {

    String message();

    boolean retryable();

    /** How long the provider asked us to wait before the next call, when it said. */
    default Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    record RateLimited(String message, Optional<Duration> retryAfter) implements ProviderError {
        public boolean retryable() {
            return true;
        }
    }

    /** The provider refused the prompt (content policy); retry only with a changed prompt. */
    record PolicyRefusal(String message) implements ProviderError {
        public boolean retryable() {
            return true;
        }
    }

    record TimedOut(String message) implements ProviderError {
        public boolean retryable() {
            return true;
        }
    }

    /** 5xx, connection reset, malformed answer: likely to pass on a later try. */
    record Transient(String message) implements ProviderError {
        public boolean retryable() {
            return true;
        }
    }

    record BadCredentials(String message) implements ProviderError {
        public boolean retryable() {
            return false;
        }
    }

    /** Out of credit or a billing hard limit: shown to the user as exactly that. */
    record BillingLimit(String message) implements ProviderError {
        public boolean retryable() {
            return false;
        }
    }

    /** The request itself is wrong; the same request will fail again. */
    record BadRequest(String message) implements ProviderError {
        public boolean retryable() {
            return false;
        }
    }
}
