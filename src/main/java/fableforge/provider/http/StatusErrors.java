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
}
