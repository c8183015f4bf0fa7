package fableforge.provider.http;

import fableforge.provider.ProviderError;
import java.net.http.HttpResponse;
import java.time.Clock;

/**
 * The classification of an error answer by its HTTP status alone, for providers whose own error code
 * says nothing more (or is missing): 401 bad credentials, 429 rate limited with its wait, other 4xx
 * bad request, the rest transient.
 */
public final class StatusErrors {

    private StatusErrors() {
    }

    /**
     * @param forbiddenMeansCredentials whether this provider answers 403 for a wrong or unauthorised key
     *                                  (otherwise a 403 is a refused request)
     */
    public static ProviderError byStatus(HttpResponse<byte[]> response, String message, Clock clock, boolean forbiddenMeansCredentials) {
        int status = response.statusCode();
        if (status == 401 || (status == 403 && forbiddenMeansCredentials)) {
            return new ProviderError.BadCredentials(message);
        }
        if (status == 429) {
            return new ProviderError.RateLimited(message, RetryAfter.from(response.headers(), clock));
        }
        if (status >= 400 && status < 500) {
            return new ProviderError.BadRequest(message);
        }
        return new ProviderError.Transient(message);
    }

    /**
     * An error code the provider's table does not list: a 5xx or 429 is still retried as such, anything
     * else fails with the provider's message instead of being tried again in the hope it was transient
     * (such providers often answer HTTP 200 with the code in the body).
     */
    public static ProviderError unknownCode(HttpResponse<byte[]> response, String message, Clock clock, boolean forbiddenMeansCredentials) {
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            return byStatus(response, message, clock, forbiddenMeansCredentials);
        }
        return new ProviderError.BadRequest(message + " (a code we do not know; not retried)");
    }
}
