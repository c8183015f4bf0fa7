package fableforge.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/** Port: where generated media (images, clips, videos) is kept, and the URL it is reachable at. */
public interface MediaStore {

    /**
     * Stores bytes under a key such as {@code stories/<id>/images/scene-01-a1.png}, replacing any
     * earlier content at that key.
     */
    StoredMedia put(String key, byte[] bytes, String contentType) throws IOException;

    /** Opens stored media for reading, or empty when nothing is stored at the key. */
    Optional<InputStream> open(String key) throws IOException;

    String name();

    /**
     * Where {@code GET /media/<key>} should send the browser instead of streaming the bytes itself,
     * e.g. a freshly signed link to a private bucket. Empty (the default) means the web app serves
     * the bytes from {@link #open(String)}.
     */
    default Optional<URI> redirect(String key) throws IOException {
        return Optional.empty();
    }
}
