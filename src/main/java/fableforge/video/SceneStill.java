package fableforge.video;

import fableforge.story.Scene;
import java.awt.Rectangle;
import java.util.Optional;

/**
 * A scene and its approved image (PNG or JPEG bytes); {@code picture} is the part of the image the
 * camera may show when the image generator drew a frame around its picture; {@code subject} is where
 * the hero is in the image, in image pixels, when the generator said (the offline illustrator does).
 */
public record SceneStill(Scene scene, byte[] image, Optional<Rectangle> picture, Optional<Rectangle> subject) {

    public SceneStill(Scene scene, byte[] image, Optional<Rectangle> picture) {
        this(scene, image, picture, Optional.empty());
    }

    public SceneStill(Scene scene, byte[] image) {
        this(scene, image, Optional.empty());
    }
}
