package fableforge.web;

import java.util.Map;

/**
 * A request refused before it reaches the application: its status, the JSON {@code error} code, the
 * message saying what to send instead, and any headers the status calls for (405 needs {@code Allow}).
 * WebServer turns it into the usual {@code {"error", "message"}} answer.
 */
public final class Refusal extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public Refusal(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public Refusal(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
