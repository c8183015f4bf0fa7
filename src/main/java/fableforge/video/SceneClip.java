package fableforge.video;

/**
 * A scene's moving picture, frame by frame. Frames are asked for in increasing order (0, 1, 2, …),
 * so an adapter may decode a clip file as it goes; {@link #close()} frees what it holds.
 */
public interface SceneClip extends AutoCloseable {

    int frameCount();

    /** Draws frame {@code index} (0-based) over the whole of {@code target}. */
    void render(int index, VideoFrame target);

    @Override
    default void close() {
    }
}
