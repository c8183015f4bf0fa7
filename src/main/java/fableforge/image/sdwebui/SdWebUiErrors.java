package fableforge.image.sdwebui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.provider.ProviderError;
import fableforge.provider.http.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Classifies a WebUI error answer once. AUTOMATIC1111's API middleware (modules/api/api.py,
 * {@code handle_exception}) answers every failure, HTTP ones included, as
 * {@code {"error": <exception class>, "detail", "body", "errors": str(exception)}} with the
 * exception's status (500 when it has none: a CUDA out-of-memory arrives as
 * {@code "error": "OutOfMemoryError"}); FastAPI's own answers are {@code {"detail": "Not Found"}}
 * for an unknown path (WebUI started without {@code --api}) and {@code {"detail": [{loc, msg, type}]}}
 * (422) for a body that fails the request model.
 */
final class SdWebUiErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SdWebUiErrors() {
    }

    static ProviderError classify(HttpResponse<byte[]> response, URI endpoint, Clock clock) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        String said = said(body, status);
        return switch (status) {
            case 401, 403 -> new ProviderError.BadCredentials("Stable Diffusion WebUI refused the login (check SD_WEBUI_AUTH "
                    + "against the WebUI's --api-auth user:password): " + said);
            case 404 -> notFound(body, endpoint, said);
            case 400, 422 -> new ProviderError.BadRequest("Stable Diffusion WebUI rejected the request (" + status + "): "
                    + said + hint(said));
            case 408, 504 -> new ProviderError.TimedOut("Stable Diffusion WebUI timed out (" + status + "): " + said);
            case 429 -> new ProviderError.RateLimited("Stable Diffusion WebUI (or a proxy in front) is rate limiting: " + said,
                    RetryAfter.from(response.headers(), clock));
            default -> status >= 500
                    ? new ProviderError.Transient("Stable Diffusion WebUI failed (" + status + "): " + said)
                    : new ProviderError.BadRequest("Stable Diffusion WebUI rejected the request (" + status + "): " + said);
        };
    }

    /** A missing route means no {@code --api}; a 404 from the API itself names what it did not find (a model, a script). */
    private static ProviderError notFound(JsonNode body, URI endpoint, String said) {
        if (body.path("error").isMissingNode() || said.equalsIgnoreCase("Not Found")) {
            return new ProviderError.BadRequest("Stable Diffusion WebUI has no API at " + endpoint
                    + ": is the WebUI started with --api (and SD_WEBUI_URL its address)?");
        }
        return new ProviderError.BadRequest("Stable Diffusion WebUI did not find what the request names: " + said);
    }

    private static String hint(String said) {
        return said.contains("Sampler not found") ? " (check SD_SAMPLER against the WebUI's sampler list)" : "";
    }

    /** What the answer says went wrong, in one line: every 422 detail, or the exception's class and text. */
    private static String said(JsonNode body, int status) {
        JsonNode detail = body.path("detail");
        if (detail.isArray()) {
            List<String> problems = new ArrayList<>();
            detail.forEach(problem -> problems.add(field(problem.path("loc")) + problem.path("msg").asText("invalid")));
            return String.join("; ", problems);
        }
        String error = body.path("error").asText("");
        String errors = body.path("errors").asText("");
        String text = detail.asText("");
        if (text.isBlank() || errors.contains(text)) {
            text = errors;
        }
        String joined = error.equals("HTTPException") || error.isBlank() ? text : error + (text.isBlank() ? "" : ": " + text);
        return joined.isBlank() ? "HTTP " + status : shorten(joined.strip());
    }

    /** ["body", "width"] → "width: " (the "body" part says nothing to a reader). */
    private static String field(JsonNode loc) {
        List<String> parts = new ArrayList<>();
        loc.forEach(part -> parts.add(part.asText()));
        if (!parts.isEmpty() && parts.get(0).equals("body")) {
            parts.remove(0);
        }
        return parts.isEmpty() ? "" : String.join(".", parts) + ": ";
    }

    /** A Python traceback can be pages long; the health page and the UI need its first line. */
    private static String shorten(String text) {
        String firstLine = text.lines().findFirst().orElse(text);
        return firstLine.length() > 300 ? firstLine.substring(0, 300) + "…" : firstLine;
    }

    static JsonNode parse(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MAPPER.createObjectNode() : node;
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }
}
