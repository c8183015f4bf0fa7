package fableforge.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;

/**
 * How {@code GET} and {@code HEAD /story/<id>} answer from a snapshot: a strong {@code ETag} per version
 * and encoding, {@code 304} when {@code If-None-Match} names it (or is {@code *}), gzip when the request's
 * {@code Accept-Encoding} allows it, {@code Vary: Accept-Encoding} on both, and for HEAD the same status
 * and headers, {@code Content-Length} included, without the body (RFC 9110 §9.3.2, §13.1.2, §8.8.3:
 * https://www.rfc-editor.org/rfc/rfc9110#name-if-none-match, #name-head, #name-etag; Accept-Encoding: #name-accept-encoding).
 */
final class StoryAnswer {

    private StoryAnswer() {
    }

    /** {@code ?include=}: absent, or {@code prompts} (a comma list is read too); anything else is a 400 that says what is offered. */
    static boolean includesPrompts(Context ctx) {
        String include = QueryParams.of(ctx, "include");
        if (include == null) {
            return false;
        }
        for (String part : include.split(",", -1)) {
            if (!part.strip().equals("prompts")) {
                throw new ErrorAnswers.BadRequest("include may only be \"prompts\" (every version's prompt texts), not \""
                        + abbreviate(include) + "\"");
            }
        }
        return true;
    }

    static void send(Context ctx, StorySnapshots snapshots, StorySnapshots.Current current) {
        boolean gzip = acceptsGzip(ctx.header("Accept-Encoding"));
        ctx.header("ETag", gzip ? current.gzipEtag() : current.etag());
        ctx.header("Vary", "Accept-Encoding");
        // As every JSON answer (SecurityHeaders): a story is private. The UI keeps the body and revalidates itself.
        ctx.header("Cache-Control", "no-store");
        if (notModified(ctx.header("If-None-Match"), current)) {
            ctx.status(304);
            return;
        }
        StorySnapshots.Snapshot snapshot = snapshots.snapshot(current);
        boolean head = ctx.method() == HandlerType.HEAD;
        ctx.status(200).contentType("application/json");
        if (gzip) {
            // Javalin compresses nothing that already names its encoding.
            ctx.header("Content-Encoding", "gzip");
        }
        ctx.header("Content-Length", String.valueOf(gzip ? snapshot.gzip().length : snapshot.jsonLength()));
        if (!head) {
            ctx.result(gzip ? snapshot.gzip() : snapshot.json());
        }
    }

    /**
     * Whether {@code If-None-Match} names the current version (RFC 9110 §13.1.2: weak comparison, so a
     * {@code W/} prefix is ignored; {@code *} matches any story that exists, and this one does). Either
     * encoding's tag counts: both decode to the same document.
     */
    static boolean notModified(String ifNoneMatch, StorySnapshots.Current current) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String part : ifNoneMatch.split(",")) {
            String tag = part.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(current.etag()) || tag.equals(current.gzipEtag())) {
                return true;
            }
        }
        return false;
    }

    /** gzip (or x-gzip, or *) listed with a q-value above 0 (RFC 9110 §12.5.3); a listed gzip;q=0 refuses it even beside *. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Double gzip = null;
        Double any = null;
        for (String part : acceptEncoding.split(",")) {
            String[] fields = part.split(";");
            String coding = fields[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(fields);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = gzip == null ? q : Math.max(gzip, q);
            } else if (coding.equals("*")) {
                any = q;
            }
        }
        return gzip != null ? gzip > 0 : any != null && any > 0;
    }

    private static double quality(String[] fields) {
        for (int i = 1; i < fields.length; i++) {
            String parameter = fields[i].strip();
            if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
