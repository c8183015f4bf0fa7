package fableforge.web;

import fableforge.auth.Caller;
import fableforge.failure.UserFacingException;
import fableforge.media.MediaStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.function.BiPredicate;

/** {@code /media/<key>}: the files of the media store a caller may read, with byte ranges. */
final class MediaRoutes {

    private final MediaStore media;
    private final MediaAccess mediaAccess;

    MediaRoutes(MediaStore media, BiPredicate<Caller, String> visibleStory) {
        this.media = media;
        this.mediaAccess = new MediaAccess(visibleStory);
    }

    void install(RoutesConfig routes) {
        WebServer.getAndHead(routes, "/media/<key>", this::media);
    }

    /**
     * Media the local store keeps, with single byte ranges (RFC 9110 §14): browsers fetch an MP4 in
     * ranges to seek in it. Javalin's writeSeekableStream was not used: it parses only "from-to" (a
     * suffix range "-500" is read as from 500), answers no 416, and cuts video ranges to 128 kB.
     */
    private void media(Context ctx) throws Exception {
        String key = ctx.pathParam("key");
        if (!mediaAccess.mayRead(RequestCaller.of(ctx), key)) {
            // As unknown as a file that never was (404, never 403).
            throw noSuchMedia();
        }
        Optional<Long> size;
        try {
            Optional<URI> elsewhere = media.redirect(key);
            if (elsewhere.isPresent()) {
                // A signed link expires, so neither the redirect nor the link may be cached for long.
                ctx.header("Cache-Control", "no-store");
                ctx.redirect(elsewhere.get().toString(), HttpStatus.FOUND);
                return;
            }
            size = media.size(key);
        } catch (IllegalArgumentException e) {
            throw noSuchMedia();
        }
        if (size.isEmpty()) {
            throw noSuchMedia();
        }
        long total = size.get();
        MediaType type = MediaType.of(key);
        ByteRange.Parsed requested = type.ranges() ? ByteRange.parse(ctx.header("Range"), total) : ByteRange.parse(null, total);
        ctx.header("Accept-Ranges", type.ranges() ? "bytes" : "none");
        if (requested.answer() == ByteRange.Answer.UNSATISFIABLE) {
            ctx.header("Content-Range", "bytes */" + total);
            ErrorAnswers.error(ctx, 416, "range_not_satisfiable", "the range " + ctx.header("Range") + " is outside the " + total
                    + " bytes of this file");
            return;
        }
        ByteRange bytes = requested.range();
        InputStream in = media.open(key, bytes.first()).orElseThrow(MediaRoutes::noSuchMedia);
        // With accounts a file is one user's: no shared cache may keep it.
        ctx.header("Cache-Control", (RequestCaller.of(ctx) == Caller.OPEN ? "public" : "private") + ", max-age=31536000, immutable");
        ctx.header("Content-Disposition", type.disposition(key));
        if (requested.answer() == ByteRange.Answer.PARTIAL) {
            ctx.status(206).header("Content-Range", bytes.contentRange(total));
        }
        if (type.ranges()) {
            // Never compressed by Javalin (see MediaType), so the stored length is the length sent.
            ctx.header("Content-Length", String.valueOf(bytes.length()));
        }
        ctx.contentType(type.contentType()).result(ByteRange.limit(in, bytes.length()));
    }

    private static UserFacingException noSuchMedia() {
        return new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no such media");
    }
}
