package fableforge.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the refusals a chat server gives for a request it cannot take as sent, in the shapes
 * OpenAI-compatible servers use: OpenAI's {@code {"error": {"message", "param"}}}, LM Studio's
 * {@code {"error": "text"}}, vLLM's {@code {"object": "error", "message"}}, FastAPI's {@code {"detail"}}.
 */
final class ChatErrors {

    private ChatErrors() {
    }

    /**
     * The server does not take this {@code response_format} (OpenAI: "Invalid parameter:
     * 'response_format' of type 'json_schema' is not supported with this model."; LM Studio:
     * "'response_format.type' must be 'json_schema' or 'text'").
     */
    static boolean refusesResponseFormat(HttpResponse<byte[]> response) {
        if (response.statusCode() != 400 && response.statusCode() != 422) {
            return false;
        }
        String said = text(response).toLowerCase(Locale.ROOT);
        return param(response).startsWith("response_format") || said.contains("response_format")
                || said.contains("json_schema") || said.contains("json_object");
    }

    /** OpenAI: "Unsupported value: 'temperature' does not support 0.9 with this model." (param {@code temperature}). */
    static boolean refusesTemperature(HttpResponse<byte[]> response) {
        return response.statusCode() == 400
                && (param(response).equals("temperature") || text(response).toLowerCase(Locale.ROOT).contains("'temperature'"));
    }

    static String text(HttpResponse<byte[]> response) {
        JsonNode body = OpenAiErrors.parse(response.body());
        JsonNode error = body.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        if (error.path("message").isTextual()) {
            return error.path("message").asText();
        }
        if (body.path("message").isTextual()) {
            return body.path("message").asText();
        }
        if (!body.path("detail").isMissingNode()) {
            return body.path("detail").toString();
        }
        String raw = new String(response.body(), StandardCharsets.UTF_8).strip();
        return raw.length() > 300 ? raw.substring(0, 300) + "…" : raw;
    }

    private static String param(HttpResponse<byte[]> response) {
        return OpenAiErrors.parse(response.body()).path("error").path("param").asText("");
    }
}
