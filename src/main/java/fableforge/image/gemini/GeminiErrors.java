package fableforge.image.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.genai.types.Candidate;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponsePromptFeedback;
import fableforge.provider.ProviderError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies what the Gemini API answered, once, at the adapter's edge: an error answer
 * ({@code {"error": {"code", "message", "status", "details"}}}, codes per
 * ai.google.dev/gemini-api/docs/troubleshooting), a transport failure, or a 200 that holds no image
 * (a safety block, per the {@code FinishReason} and {@code BlockedReason} values of the API reference).
 */
final class GeminiErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * Finish reasons that mean "this prompt was refused": a sanitized or shorter prompt may pass, so
     * they are policy refusals and {@code ImageProducer} escalates the prompt.
     */
    private static final Set<String> REFUSED = Set.of("SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT", "IMAGE_PROHIBITED_CONTENT",
            "BLOCKLIST", "SPII", "RECITATION", "IMAGE_RECITATION");

    private final String model;
    private final Optional<String> apiKey;

    GeminiErrors(String model, Optional<String> apiKey) {
        this.model = model;
        this.apiKey = apiKey;
    }

    /**
     * An error answer: its HTTP status, and its body as the interceptor kept it (the SDK's own message
     * when the body was not kept or not JSON).
     */
    ProviderError answered(int status, Optional<String> body, String sdkMessage) {
        JsonNode error = body.map(GeminiErrors::parse).orElseGet(MAPPER::createObjectNode).path("error");
        String code = error.path("status").asText("");
        String message = scrub(error.path("message").asText(sdkMessage == null ? "" : sdkMessage).strip());
        String said = message.isEmpty() ? "HTTP " + status : message;
        if (hasReason(error, "API_KEY_INVALID") || status == 401 || code.equals("UNAUTHENTICATED")) {
            return new ProviderError.BadCredentials("Gemini rejected the API key (check GEMINI_API_KEY): " + said);
        }
        if (status == 403 || code.equals("PERMISSION_DENIED")) {
            return new ProviderError.BadCredentials("Gemini refused this key (check GEMINI_API_KEY and that its project may use the "
                    + "Gemini API): " + said);
        }
        if (status == 404 || code.equals("NOT_FOUND")) {
            return new ProviderError.BadRequest("Gemini: model retired or not available to this key (check GEMINI_IMAGE_MODEL="
                    + model + "): " + said);
        }
        if (status == 429 || code.equals("RESOURCE_EXHAUSTED")) {
            return new ProviderError.RateLimited("Gemini rate limit or quota reached: " + said, retryDelay(error));
        }
        if (code.equals("FAILED_PRECONDITION")) {
            // The troubleshooting guide's case: the free tier is not offered in the caller's country.
            return new ProviderError.BillingLimit("Gemini needs billing enabled on this key's project: " + said);
        }
        if (status == 408 || status == 504 || code.equals("DEADLINE_EXCEEDED")) {
            return new ProviderError.TimedOut("Gemini timed out: " + said);
        }
        if (status >= 500) {
            return new ProviderError.Transient("Gemini server error " + status + (code.isEmpty() ? "" : " " + code) + ": " + said);
        }
        // INVALID_ARGUMENT and anything not known: the same request would fail again, so not retried.
        return new ProviderError.BadRequest("Gemini rejected the request (" + status + (code.isEmpty() ? "" : " " + code) + "): " + said);
    }

    /** The SDK could not complete the call: its call timeout, a thread interrupt, or the network. */
    ProviderError transport(Throwable failure, Duration timeout) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException) {
                return new ProviderError.TimedOut("gemini did not answer within " + timeout.toSeconds() + " s");
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getSimpleName() : root.getMessage();
        return new ProviderError.Transient("gemini could not be reached: " + scrub(message));
    }

    /** A 200 without an image: a blocked prompt or refused picture, or a model that answered only text. */
    ProviderError withoutImage(GenerateContentResponse answer) {
        Optional<GenerateContentResponsePromptFeedback> feedback = answer.promptFeedback().filter(f -> f.blockReason().isPresent());
        if (feedback.isPresent()) {
            return new ProviderError.PolicyRefusal("Gemini blocked the prompt (" + feedback.get().blockReason().get()
                    + feedback.get().blockReasonMessage().map(m -> ": " + m).orElse("") + ")");
        }
        Optional<Candidate> candidate = answer.candidates().flatMap(all -> all.stream().findFirst());
        String reason = candidate.flatMap(Candidate::finishReason).map(Object::toString).orElse("none");
        String said = candidate.flatMap(Candidate::finishMessage).map(m -> ": " + m).orElse("");
        if (REFUSED.contains(reason)) {
            return new ProviderError.PolicyRefusal("Gemini refused to draw the prompt (finishReason " + reason + said + ")");
        }
        String text = candidate.flatMap(Candidate::content).flatMap(Content::parts).orElse(List.of()).stream()
                .flatMap(part -> part.text().stream()).reduce("", String::concat).strip();
        return new ProviderError.Transient("Gemini answered without an image (finishReason " + reason + said + ")"
                + (text.isEmpty() ? "" : "; it said: " + (text.length() > 200 ? text.substring(0, 200) + "…" : text)));
    }

    /** {@code google.rpc.RetryInfo.retryDelay}, a protobuf Duration in JSON: {@code "37s"}, {@code "45.837906927s"}. */
    static Optional<Duration> retryDelay(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            String delay = detail.path("retryDelay").asText("");
            if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo") && delay.matches("\\d+(\\.\\d{1,9})?s")) {
                BigDecimal seconds = new BigDecimal(delay.substring(0, delay.length() - 1));
                return Optional.of(Duration.ofNanos(seconds.movePointRight(9).longValueExact()));
            }
        }
        return Optional.empty();
    }

    private static boolean hasReason(JsonNode error, String reason) {
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asText("").endsWith("google.rpc.ErrorInfo") && detail.path("reason").asText("").equals(reason)) {
                return true;
            }
        }
        return false;
    }

    /** The key never reaches a log or the user, even when a proxy echoes it in its message. */
    private String scrub(String message) {
        return apiKey.filter(key -> !key.isBlank()).map(key -> message.replace(key, "[GEMINI_API_KEY]")).orElse(message);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MAPPER.createObjectNode() : node;
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }
}
