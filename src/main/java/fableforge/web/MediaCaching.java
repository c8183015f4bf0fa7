package fableforge.web;

import java.util.regex.Pattern;

/**
 * How long a browser may keep a file of {@code /media/<key>}. A versioned key never gets other
 * content: an image attempt ({@code scene-01-a2.png}, a new drawing is a new attempt) and its
 * thumbnail, a video version's files ({@code video-v3.mp4}), music named by its content's hash. Those
 * are kept for a year without asking again. Any other key (the character sheet, files of older
 * layouts) may be replaced, so it is revalidated: an ETag, and 304 on {@code If-None-Match}.
 */
final class MediaCaching {

    private static final String STORY = "stories/[A-Za-z0-9_-]+/";
    private static final Pattern VERSIONED = Pattern.compile(
            STORY + "scene-[0-9]+-a[0-9]+\\.(?:png|jpg|jpeg|webp)(?:\\.thumb\\.jpg)?"
                    + "|" + STORY + "video-v[0-9]+\\.[a-z0-9]+"
                    + "|music/(?:[0-9a-f]{32}/)?[0-9a-f]{32}\\.[a-z0-9]+");

    private MediaCaching() {
    }

    static boolean versioned(String key) {
        return VERSIONED.matcher(key).matches();
    }

    /** With accounts a file is one user's: no shared cache may keep it. */
    static String cacheControl(String key, boolean shared) {
        return (shared ? "public" : "private") + (versioned(key) ? ", max-age=31536000, immutable" : ", no-cache");
    }

    /** A strong entity tag for a store's fingerprint of the file. */
    static String etag(String fingerprint) {
        return "\"" + fingerprint.replaceAll("[^A-Za-z0-9._:-]", "") + "\"";
    }

    /** Whether {@code If-None-Match} names this entity tag (weak comparison, RFC 9110 §13.1.2), or is "*". */
    static boolean notModified(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
