package fableforge.web;

import fableforge.auth.Caller;
import fableforge.failure.UserFacingException;
import fableforge.media.MediaStore;
import fableforge.media.ThumbnailRequests;
import fableforge.media.Thumbnails;
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
    private final ThumbnailRequests thumbnails;

    MediaRoutes(MediaStore media, BiPredicate<Caller, String> visibleStory) {
        this.media = media;
        this.mediaAccess = new MediaAccess(visibleStory);
        this.thumbnails = new ThumbnailRequests(new Thumbnails(media));
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
            if (!thumbnailReady(ctx, key)) {
                return;
            }
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
        String cacheControl = MediaCaching.cacheControl(key, RequestCaller.of(ctx) == Caller.OPEN);
        if (!MediaCaching.versioned(key) && notModified(ctx, key, cacheControl)) {
            return;
        }
        ByteRange bytes = requested.range();
        InputStream in = media.open(key, bytes.first()).orElseThrow(MediaRoutes::noSuchMedia);
        // Only once the file is open: a 404 must never be kept for a year.
        ctx.header("Cache-Control", cacheControl);
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

    /**
     * A thumbnail's key not stored yet (an older image, or its thumbnail failed when stored) is made from
     * its image now; false when the answer is already given instead: 404 when the image is missing too,
     * else a redirect to the full image while the thumbnail cannot be made (busy, unreadable image).
     */
    private boolean thumbnailReady(Context ctx, String key) throws Exception {
        Optional<String> image = Thumbnails.imageKeyOf(key);
        if (image.isEmpty() || media.exists(key)) {
            return true;
        }
        switch (thumbnails.make(image.get())) {
            case MADE -> {
                return true;
            }
            case NO_IMAGE -> throw noSuchMedia();
            default -> {
                // Relative to this URL, so it holds behind a proxy's sub-path too; not cached, so a later visit gets the thumbnail.
                ctx.header("Cache-Control", "no-store");
                ctx.redirect(image.get().substring(image.get().lastIndexOf('/') + 1), HttpStatus.FOUND);
                return false;
            }
        }
    }

    /** Sets the ETag of a file that may change; true when the browser's copy is current and 304 was answered. */
    private boolean notModified(Context ctx, String key, String cacheControl) throws Exception {
        Optional<String> fingerprint = media.fingerprint(key);
        if (fingerprint.isEmpty()) {
            throw noSuchMedia();
        }
        String etag = MediaCaching.etag(fingerprint.get());
        ctx.header("ETag", etag);
        if (MediaCaching.notModified(ctx.header("If-None-Match"), etag)) {
            ctx.header("Cache-Control", cacheControl);
            ctx.status(HttpStatus.NOT_MODIFIED);
            return true;
        }
        return false;
    }

    private static UserFacingException noSuchMedia() {
        return new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no such media");
    }
}
