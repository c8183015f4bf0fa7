package fableforge.image;

import java.awt.Rectangle;
import java.util.Optional;

/**
 * An image a provider produced, as encoded bytes (PNG for the offline illustrator), and where the
 * hero is in it, in image pixels, when the provider knows (the offline illustrator drew it there).
 */
public record GeneratedImage(byte[] bytes, String contentType, int width, int height, Optional<Rectangle> subject) {

    public GeneratedImage {
        subject = subject == null ? Optional.empty() : subject.map(Rectangle::new);
    }

    public GeneratedImage(byte[] bytes, String contentType, int width, int height) {
        this(bytes, contentType, width, height, Optional.empty());
    }

    public String fileExtension() {
        return switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "image/webp" -> "webp";
            default -> "png";
        };
    }
}
