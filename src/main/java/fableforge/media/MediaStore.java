package fableforge.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Port: where generated media (images, clips, videos) is kept, and the URL it is reachable at. */
public interface MediaStore {

    /**
     * Stores bytes under a key such as {@code stories/<id>/images/scene-01-a1.png}, replacing any
     * earlier content at that key.
     */
    StoredMedia put(String key, byte[] bytes, String contentType) throws IOException;

    /**
     * Opens stored media for reading, or empty when nothing is stored at the key. Meant for keys we
     * know were stored (our own records say so): a store that is not allowed to read the key fails.
     */
    Optional<InputStream> open(String key) throws IOException;

    /**
     * Whether something is stored at the key, for callers that look before they make or reuse
     * (the character sheet, a kept clip, uploaded music). A store that cannot tell a missing key
     * from one it may not read answers false here rather than failing, so a look never costs an
     * image or a video; a real read of the key then still fails with the store's reason. The
     * default opens the media and closes it again; stores that can ask cheaply override this.
     */
    default boolean exists(String key) throws IOException {
        Optional<InputStream> in = open(key);
        if (in.isEmpty()) {
            return false;
        }
        in.get().close();
        return true;
    }

    String name();

    /**
     * Stores a file's content under a key, for media too large to hold in memory (videos, archives).
     * The default reads the file into memory; stores that can stream it override this.
     */
    default StoredMedia putFile(String key, Path file, String contentType) throws IOException {
        return put(key, Files.readAllBytes(file), contentType);
    }

    /**
     * The size in bytes of what is stored at the key, or empty when nothing is. The default reads
     * the media through once; stores that know sizes cheaply override this.
     */
    default Optional<Long> size(String key) throws IOException {
        Optional<InputStream> in = open(key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.transferTo(OutputStream.nullOutputStream()));
        }
    }

    /**
     * Opens stored media positioned at byte {@code offset} (for HTTP range requests), or empty when
     * nothing is stored at the key. The default skips the bytes before it; file-based stores seek.
     */
    default Optional<InputStream> open(String key, long offset) throws IOException {
        Optional<InputStream> in = open(key);
        if (in.isPresent() && offset > 0) {
            in.get().skipNBytes(offset);
        }
        return in;
    }

    /**
     * A short text that changes whenever the media stored at the key changes, for an HTTP ETag, or
     * empty when nothing is stored. The default hashes the content (SHA-256); stores that keep a
     * modification time or a checksum override this.
     */
    default Optional<String> fingerprint(String key) throws IOException {
        Optional<InputStream> in = open(key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            stream.transferTo(new java.security.DigestOutputStream(OutputStream.nullOutputStream(), digest));
            return Optional.of(java.util.HexFormat.of().formatHex(digest.digest(), 0, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Where {@code GET /media/<key>} should send the browser instead of streaming the bytes itself,
     * e.g. a freshly signed link to a private bucket. Empty (the default) means the web app serves
     * the bytes from {@link #open(String)}.
     */
    default Optional<URI> redirect(String key) throws IOException {
        return Optional.empty();
    }

    /**
     * The origins ({@code https://host[:port]}) a browser loads this store's media from besides the app
     * itself, for the Content-Security-Policy's img-src and media-src. None (the default) when the app
     * serves the bytes.
     */
    default List<String> browserOrigins() {
        return List.of();
    }

    /** {@code scheme://host[:port]} of an absolute URL, as a CSP source; empty for a relative one. */
    static Optional<String> originOf(URI url) {
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            return Optional.empty();
        }
        return Optional.of(url.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + url.getHost().toLowerCase(java.util.Locale.ROOT)
                + (url.getPort() < 0 ? "" : ":" + url.getPort()));
    }
}
