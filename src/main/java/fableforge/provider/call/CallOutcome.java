package fableforge.provider.call;

import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * How one try of a provider call ended, as {@code GET /metrics} labels it. Few and fixed, so the
 * metric stays small whatever the providers answer; the label says what an operator acts on (slow
 * down, fix a key, wait out an outage), not the provider's own wording.
 */
public enum CallOutcome {
    /** The provider delivered. */
    OK("ok"),
    /** The provider's rate limit (429, or its SDK's word for it). */
    RATE_LIMITED("rate_limited"),
    /** A bad request, a bad key, an exhausted budget: the same call fails again. */
    CLIENT_ERROR("client_error"),
    /** A content-policy refusal of the prompt. */
    REFUSED("refused"),
    /** A 5xx, a reset or a malformed answer: a later try may pass. */
    SERVER_ERROR("server_error"),
    /** No answer at all: refused connection, name not resolved. */
    UNREACHABLE("unreachable"),
    /** No answer within the try's time limit. */
    TIMEOUT("timeout"),
    /** The caller stopped waiting (the node shutting down). */
    CANCELLED("cancelled"),
    /** Anything else the adapter threw: a bug to look at, not the provider's doing. */
    FAILED("failed");

    private final String label;

    CallOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The outcome of a try that failed with {@code failure}. */
    public static CallOutcome of(Throwable failure) {
        if (failure instanceof InterruptedException) {
            return CANCELLED;
        }
        if (!(failure instanceof ProviderException provider)) {
            return FAILED;
        }
        return switch (provider.error()) {
            case ProviderError.RateLimited ignored -> RATE_LIMITED;
            case ProviderError.TimedOut ignored -> TIMEOUT;
            case ProviderError.PolicyRefusal ignored -> REFUSED;
            case ProviderError.Transient ignored -> unreachable(provider) ? UNREACHABLE : SERVER_ERROR;
            case ProviderError.BadCredentials ignored -> CLIENT_ERROR;
            case ProviderError.BillingLimit ignored -> CLIENT_ERROR;
            case ProviderError.BadRequest ignored -> CLIENT_ERROR;
        };
    }

    /** A transient failure whose cause is the connection itself (refused, reset, unknown host), not an answer. */
    private static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
