package fableforge.video.kling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.RetryAfter;
import fableforge.provider.http.StatusErrors;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Kling's answers, read once: every answer is an envelope {@code {code, message, request_id, data}}
 * and {@code code != 0} is an error even when the HTTP status is 200 (some gateways answer so).
 * Codes from Kling's API reference ("General Information → Error Code"): 1000–1004 authentication,
 * 1100–1103 account (exception, arrears, resource pack exhausted or expired, no access), 1200–1203 bad
 * parameters, 1300–1304 platform policy (1301 content risk, 1302 too fast, 1303 concurrency or QPS
 * over the plan), 5000–5002 server error, unavailable, internal timeout.
 */
final class KlingErrors {

    /** Words in a failed task's message that mean the content was refused, not that the run broke. */
    private static final Pattern POLICY = Pattern.compile(
            "(?i)risk|sensitive|polic|safety|violat|inappropriate|prohibit|moderat|nsfw|censor");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KlingErrors() {
    }

    /** The {@code data} of a successful answer; any other answer thrown as its classified error. */
    static JsonNode data(HttpResponse<byte[]> response, Clock clock) throws ProviderException {
        JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.path("code").isIntegralNumber()) {
            throw new ProviderException(byStatus(response, "Kling answered HTTP " + response.statusCode() + " without its JSON envelope", clock));
        }
        int code = body.path("code").asInt();
        if (code == 0 && response.statusCode() / 100 == 2) {
            return body.path("data");
        }
        String message = "Kling code " + code + ": " + body.path("message").asText("no message")
                + (body.hasNonNull("request_id") ? " (request " + body.path("request_id").asText() + ")" : "");
        throw new ProviderException(code == 0 ? byStatus(response, message, clock) : classify(code, message, response, clock));
    }

    static ProviderError classify(int code, String message, HttpResponse<byte[]> response, Clock clock) {
        if (code >= 1000 && code <= 1004) {
            return new ProviderError.BadCredentials(message + " — check KLING_ACCESS_KEY and KLING_SECRET_KEY (and that KLING_BASE_URL is your key's host)");
        }
        if (code >= 1100 && code <= 1103) {
            return new ProviderError.BillingLimit(message);
        }
        if (code >= 1200 && code <= 1203) {
            return new ProviderError.BadRequest(message);
        }
        return switch (code) {
            case 1301 -> new ProviderError.PolicyRefusal(message);
            case 1302, 1303 -> new ProviderError.RateLimited(message, RetryAfter.from(response.headers(), clock));
            case 5000, 5001, 5002 -> new ProviderError.Transient(message);
            default -> byStatus(response, message, clock);
        };
    }

    /** A failed task: refused content when its message says so, else a run that may pass next time. */
    static ProviderError taskFailed(String taskId, String statusMessage) {
        String message = "Kling task " + taskId + " failed: " + (statusMessage.isBlank() ? "no reason given" : statusMessage);
        return POLICY.matcher(statusMessage).find() ? new ProviderError.PolicyRefusal(message) : new ProviderError.Transient(message);
    }

    private static ProviderError byStatus(HttpResponse<byte[]> response, String message, Clock clock) {
        return StatusErrors.byStatus(response, message, clock, false);
    }
}
