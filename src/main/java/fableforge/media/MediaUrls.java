package fableforge.media;

import java.net.URI;
import java.util.Optional;

/**
 * The one place media URLs for clients are made (issue 14): {@code /media/<key>}, an absolute path, or
 * {@code <PUBLIC_BASE_URL>/media/<key>} when the app sits behind a proxy, possibly under a sub-path
 * ({@code https://host/ff} gives {@code https://host/ff/media/<key>}). A relative {@code media/<key>}, as
 * stories stored before this kept them, resolves (RFC 3986 §5.2, https://www.rfc-editor.org/rfc/rfc3986#section-5.2) against the document that carries it,
 * {@code /story/<id>}, to {@code /story/media/<key>}: a 404. URLs of stores that serve media themselves
 * (S3 with a public base, Cloudinary) are absolute already and pass unchanged.
 */
public final class MediaUrls {

    /** Media served by this app at the root of its own host: no PUBLIC_BASE_URL. */
    public static final MediaUrls ROOT = new MediaUrls("/media/");

    private static final String OLD_PREFIX = "media/";

    private final String prefix;

    private MediaUrls(String prefix) {
        this.prefix = prefix;
    }

    /** @param publicBaseUrl PUBLIC_BASE_URL, already checked to be an absolute http(s) URL */
    public static MediaUrls of(Optional<URI> publicBaseUrl) {
        return publicBaseUrl.map(base -> new MediaUrls(base.toString().replaceAll("/+$", "") + "/media/")).orElse(ROOT);
    }

    /** What the app's own stores put before a key: the URL of {@code /media/<key>} as clients reach it. */
    public String prefix() {
        return prefix;
    }

    /** The URL of a key of this app's media route. */
    public String ofKey(String key) {
        return prefix + key;
    }

    /**
     * A URL as stored (or carried by an event) turned into one a client can use wherever it reads it:
     * the app's own {@code media/…} and {@code /media/…} get this app's prefix, anything else (an absolute
     * URL of another host, or null) is returned as it is.
     */
    public String forClient(String stored) {
        if (stored == null) {
            return null;
        }
        if (stored.startsWith(OLD_PREFIX)) {
            return prefix + stored.substring(OLD_PREFIX.length());
        }
        if (stored.startsWith("/" + OLD_PREFIX)) {
            return prefix + stored.substring(OLD_PREFIX.length() + 1);
        }
        return stored;
    }

    @Override
    public String toString() {
        return prefix;
    }
}
