package fableforge.video;

import fableforge.provider.ProviderException;
import java.io.IOException;

/**
 * Port: turns one scene's approved still into a moving clip of exactly the requested length. The
 * built-in adapter moves a camera over the still; image-to-video services (Kling, Hailuo) return a
 * clip of their own that their adapter fits to the requested frames.
 */
public interface VideoClipGenerator {

    /** The adapter's name, for logs and the story's record, e.g. {@code local}. */
    String name();

    SceneClip clip(ClipRequest request) throws ProviderException, IOException;

    /**
     * Told every clip of a video before the first is asked for, so a remote service can make them
     * at the same time instead of one after another while the video encodes. Closing the result
     * frees whatever was made but never asked for (a render that failed half-way).
     */
    default AutoCloseable prepare(java.util.List<ClipRequest> requests) {
        return () -> { };
    }
}
