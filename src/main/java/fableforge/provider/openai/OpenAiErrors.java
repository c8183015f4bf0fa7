package fableforge.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.provider.ProviderError;
import fableforge.provider.http.RetryAfter;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;

/**
 * Classifies an OpenAI (or OpenAI-compatible) error answer once, at the adapter's edge, from its
 * status and its {@code {"error": {"message", "type", "param", "code"}}} body.
 */
public final class OpenAiErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OpenAiErrors() {
    }

    /** The setting that chose the model of a call, so a retired model's error can name what to change. */
    public record ModelSetting(String variable, String model) {
    }

    public static ProviderError classify(HttpResponse<byte[]> response, Clock clock) {
        return classify(response, clock, null);
    }

    /**
     * As {@link #classify(HttpResponse, Clock)}; a {@code model_not_found} answer names {@code setting}:
     * OpenAI answers it for a model shut down (dall-e-3 since 2026-05-12, gpt-image-1 since 2026-10-23)
     * or one this key may not use, and no retry can change that.
     */
    public static ProviderError classify(HttpResponse<byte[]> response, Clock clock, ModelSetting setting) {
        int status = response.statusCode();
        JsonNode error = parse(response.body()).path("error");
        String code = error.path("code").asText("");
        String type = error.path("type").asText("");
        String message = error.path("message").asText("").strip();
        String said = message.isEmpty() ? "HTTP " + status : message;
        if (code.equals("insufficient_quota") || type.equals("insufficient_quota") || code.equals("billing_hard_limit_reached")) {
            return new ProviderError.BillingLimit("OpenAI says the account is out of credit or at its billing limit: " + said);
        }
        if (code.equals("model_not_found") || (status == 404 && setting != null && message.contains(setting.model()))) {
            return new ProviderError.BadRequest("OpenAI: model retired or not available to this key"
                    + (setting == null ? "" : " (" + setting.variable() + "=" + setting.model() + "; pick a current model, see GET /v1/models)")
                    + ": " + said);
        }
        if (code.equals("content_policy_violation") || code.equals("moderation_blocked")
                || message.toLowerCase().contains("safety system")) {
            return new ProviderError.PolicyRefusal("OpenAI refused the prompt (content policy): " + said);
        }
        return switch (status) {
            case 401 -> new ProviderError.BadCredentials("OpenAI rejected the API key (check OPENAI_API_KEY): " + said);
            case 403 -> new ProviderError.BadCredentials("OpenAI refused access (region, organisation or model permission): " + said);
            case 404 -> new ProviderError.BadRequest("OpenAI does not know this model or path (check the model name and OPENAI_BASE_URL): " + said);
            case 408, 504 -> new ProviderError.TimedOut("OpenAI timed out: " + said);
            case 429 -> new ProviderError.RateLimited("OpenAI rate limit: " + said, RetryAfter.from(response.headers(), clock));
            default -> status >= 500
                    ? new ProviderError.Transient("OpenAI server error " + status + ": " + said)
                    : new ProviderError.BadRequest("OpenAI rejected the request (" + status + "): " + said);
        };
    }

    /** The answer's body as JSON, or an empty object when it is not JSON (a proxy's HTML page, say). */
    public static JsonNode parse(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MAPPER.createObjectNode() : node;
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }

    public static Optional<String> message(HttpResponse<byte[]> response) {
        String message = parse(response.body()).path("error").path("message").asText("");
        return message.isBlank() ? Optional.empty() : Optional.of(message);
    }
}
