package fableforge.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.wire.Answers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before the request reaches Javalin (a URI it cannot parse: 400; one too
 * long: 414; headers too large: 431), as the API's JSON {@code {"error", "message"}} instead of Jetty's
 * HTML page. Jetty's own message is not passed on: it can name its internals.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SecurityHeaders headers;

    JsonErrorHandler(SecurityHeaders headers) {
        this.headers = headers;
    }

    /** Jetty writes a body only for GET, POST and HEAD by default; every method gets the JSON here. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        String body = body(code);
        headers.addTo(response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** Used by Jetty for some requests it cannot parse at all; same JSON. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
        headers.addTo(fields);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        String body = body(status);
        return ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(int status) {
        try {
            return MAPPER.writeValueAsString(new Answers.ErrorBody(code(status), message(status)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("two texts always write as JSON", e);
        }
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "the request could not be read as HTTP (check the path and its %-escapes, and the headers)";
            case 404 -> "no such endpoint";
            case 413 -> "the request is too large";
            case 414 -> "the URL is too long; send data in a JSON body";
            case 431 -> "the request headers are too large; send fewer or shorter headers (cookies included)";
            default -> status >= 500 ? "Something went wrong on the server; nothing was changed. Try again."
                    : "the request was refused (HTTP " + status + ")";
        };
    }
}
