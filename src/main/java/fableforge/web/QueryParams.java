package fableforge.web;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A query parameter read from the raw query string, always as UTF-8. Javalin's {@code ctx.queryParam}
 * first looks up the request's charset, and throws (a 500) on a Content-Type whose charset parameter has
 * no value ({@code application/json; charset}), which a GET may carry and the fuzz test sends.
 */
final class QueryParams {

    private QueryParams() {
    }

    /** The first value of {@code name}, or null when it is not in the query; a value that cannot be decoded is a 400. */
    static String of(Context ctx, String name) {
        String query = ctx.queryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (decode(key).equals(name)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ErrorAnswers.BadRequest("the query string cannot be read: a % must be followed by two hex digits");
        }
    }
}
