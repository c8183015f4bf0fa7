package fableforge.video.remote;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a video's finished remote clips are kept, so a render that runs again (after a crash, a
 * restart, or on another node) uses them instead of asking, and paying, the service twice.
 */
public interface ClipCache {

    /** The clip file kept for a scene at this length, if any. */
    Optional<byte[]> find(int sceneNumber, int frameCount) throws IOException;

    void keep(int sceneNumber, int frameCount, byte[] clip) throws IOException;

    /** Keeps nothing: for one-off runs (the command line). */
    ClipCache NONE = new ClipCache() {
        @Override
        public Optional<byte[]> find(int sceneNumber, int frameCount) {
            return Optional.empty();
        }

        @Override
        public void keep(int sceneNumber, int frameCount, byte[] clip) {
        }
    };
}
