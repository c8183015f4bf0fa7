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
 *
 * <p>Codes from Kling's "Error Codes" page (https://kling.ai/document-api/api/get-started/error-codes,
 * mirrored in inference-sh/grid {@code api/klingai/docs/00-general.md}; checked 2026-12-02):
 * 1000–1004 authentication (401); 1100 account exception, 1101 arrears, 1102 resource pack exhausted
 * (429); 1103 no access to the API or model (403); 1200 bad parameters, 1201 bad key or value (400),
 * 1202 bad method, 1203 no such resource, e.g. the model (404); 1300 blocked by platform policy,
 * 1301 content security (400); 1302 rate limit, 1303 concurrency over the resource pack (429); 1304
 * the IP allow-list ("IP whitelist policy", 429, though no wait cures it); 5000 internal error (500),
 * 5001 unavailable (503), 5002 internal timeout (504). A code not listed is not retried blindly.
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
        return switch (code) {
            case 1000, 1001, 1002, 1003, 1004 -> new ProviderError.BadCredentials(
                    message + " — check KLING_ACCESS_KEY and KLING_SECRET_KEY (and that KLING_BASE_URL is your key's host)");
            case 1100 -> new ProviderError.BadCredentials(message + " — Kling reports a problem with the account: check it in the Kling console");
            case 1101, 1102 -> new ProviderError.BillingLimit(message);
            case 1103 -> new ProviderError.BadCredentials(message + " — the account may not use this API or model: check KLING_MODEL and the account's permissions");
            case 1200, 1201, 1202, 1203, 1300 -> new ProviderError.BadRequest(message);
            case 1301 -> new ProviderError.PolicyRefusal(message);
            case 1302, 1303 -> new ProviderError.RateLimited(message, RetryAfter.from(response.headers(), clock));
            // Answered with HTTP 429, but waiting does not help: the server's address must be allowed first.
            case 1304 -> new ProviderError.BadCredentials(message + " — Kling refuses this server's IP address: add the server's"
                    + " outbound IP to the IP allow-list (whitelist) of your API account in the Kling console");
            case 5000, 5001, 5002 -> new ProviderError.Transient(message);
            default -> StatusErrors.unknownCode(response, message, clock, false);
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
