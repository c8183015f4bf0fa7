package fableforge.video.hailuo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.RetryAfter;
import fableforge.provider.http.StatusErrors;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;

/**
 * MiniMax's answers, read once. The outcome is in {@code base_resp.status_code}, usually with HTTP
 * 200 whatever happened. Codes from MiniMax's error code reference
 * (https://platform.minimax.io/docs/api-reference/errorcode, mirrored in petehsu/LLM-Docs
 * {@code docs/MiniMax/English/api-reference/errorcode.md}; checked 2026-12-02) and its video reference:
 * 0 success; 1000 unknown error, 1001 timeout, 1024 internal error, 1033 system error ("retry later");
 * 1013 internal error (video reference); 1002 rate limit, 1041 connection limit, 2045 rate growth
 * limit; 1004 and 2049 bad key; 1008 insufficient balance, 2056 usage limit of the plan's window;
 * 1026 input and 1027 output sensitive; 2013 invalid parameters. A code not listed is not retried blindly.
 */
final class HailuoErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HailuoErrors() {
    }

    /** The body of a successful answer; any other answer thrown as its classified error. */
    static JsonNode body(HttpResponse<byte[]> response, Clock clock) throws ProviderException {
        JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.path("base_resp").path("status_code").isIntegralNumber()) {
            throw new ProviderException(byStatus(response, "MiniMax answered HTTP " + response.statusCode() + " without base_resp", clock));
        }
        JsonNode base = body.path("base_resp");
        int code = base.path("status_code").asInt();
        if (code == 0 && response.statusCode() / 100 == 2) {
            return body;
        }
        String message = "MiniMax status " + code + ": " + base.path("status_msg").asText("no message");
        throw new ProviderException(code == 0 ? byStatus(response, message, clock) : classify(code, message, response, clock));
    }

    /** A top-level text field of the answer, or empty when it has none or is not JSON. */
    static String field(HttpResponse<byte[]> response, String name) {
        try {
            return MAPPER.readTree(response.body()).path(name).asText("");
        } catch (IOException e) {
            return "";
        }
    }

    static ProviderError classify(int code, String message, HttpResponse<byte[]> response, Clock clock) {
        return switch (code) {
            case 1002, 1041, 2045 -> new ProviderError.RateLimited(message, RetryAfter.from(response.headers(), clock));
            case 1004, 2049 -> new ProviderError.BadCredentials(message
                    + " — check HAILUO_AUTH (and HAILUO_BASE_URL: keys of api.minimaxi.com do not work on api.minimax.io)");
            case 1008, 2056 -> new ProviderError.BillingLimit(message);
            case 1026, 1027 -> new ProviderError.PolicyRefusal(message);
            case 2013 -> new ProviderError.BadRequest(message);
            case 1000, 1001, 1013, 1024, 1033 -> new ProviderError.Transient(message);
            default -> StatusErrors.unknownCode(response, message, clock, true);
        };
    }

    private static ProviderError byStatus(HttpResponse<byte[]> response, String message, Clock clock) {
        return StatusErrors.byStatus(response, message, clock, true);
    }
}
