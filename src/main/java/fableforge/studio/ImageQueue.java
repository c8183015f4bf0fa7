package fableforge.studio;

/**
 * Where new image attempts go to be drawn. The image review's jobs answer it, so the story's flow
 * (which queues the first 20 when the scenes are approved) does not depend on image review.
 */
@FunctionalInterface
public interface ImageQueue {

    /** The attempt's row is stored (committed): start it as soon as there is a slot. */
    void submit(String storyId, int scene, int attempt);
}
