package fableforge.video;

import fableforge.story.Scene;
import java.awt.Rectangle;
import java.util.Optional;

/**
 * A scene and its approved image (PNG or JPEG bytes); {@code picture} is the part of the image the
 * camera may show when the image generator drew a frame around its picture.
 */
public record SceneStill(Scene scene, byte[] image, Optional<Rectangle> picture) {

    public SceneStill(Scene scene, byte[] image) {
        this(scene, image, Optional.empty());
    }
}
