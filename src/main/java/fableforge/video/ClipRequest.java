package fableforge.video;

import fableforge.story.Scene;
import java.awt.Rectangle;
import java.util.Optional;

/**
 * One scene's clip to make.
 *
 * @param still      the approved image (PNG or JPEG bytes)
 * @param picture    the part of it that is picture (empty: all of it)
 * @param subject    where the hero is in the still, in still pixels (empty: not known)
 * @param frameCount exactly how many frames the clip must give
 * @param size       the frame size of the video
 * @param fps        frames per second
 * @param captioned  whether captions are burned in over the clip (so a camera keeps the hero clear of their band)
 */
public record ClipRequest(String storyId, Scene scene, byte[] still, Optional<Rectangle> picture, int frameCount, FrameSize size, int fps,
                          Optional<Rectangle> subject, boolean captioned) {

    public ClipRequest(String storyId, Scene scene, byte[] still, Optional<Rectangle> picture, int frameCount, FrameSize size, int fps,
                       Optional<Rectangle> subject) {
        this(storyId, scene, still, picture, frameCount, size, fps, subject, true);
    }

    public ClipRequest(String storyId, Scene scene, byte[] still, Optional<Rectangle> picture, int frameCount, FrameSize size, int fps) {
        this(storyId, scene, still, picture, frameCount, size, fps, Optional.empty());
    }

    public ClipRequest {
        if (frameCount < 1) {
            throw new IllegalArgumentException("a clip needs at least one frame");
        }
    }

    /** This request for a video with no captions drawn. */
    public ClipRequest uncaptioned() {
        return new ClipRequest(storyId, scene, still, picture, frameCount, size, fps, subject, false);
    }

    public double seconds() {
        return frameCount / (double) fps;
    }
}
