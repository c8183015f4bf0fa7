package fableforge.image;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * An image a provider produced, as encoded bytes (PNG for the offline illustrator), and where the
 * hero is in it, in image pixels, when the provider knows (the offline illustrator drew it there).
 *
 * <p>{@code picture} is the same image already decoded, when it was drawn in this process (the offline
 * illustrator, a provider's picture fitted to the frame): its thumbnail is scaled from it instead of
 * decoding the bytes again (a third of a thumbnail's cost). Empty for bytes as a provider sent them.
 * Nobody draws on it after it is handed over.
 */
public record GeneratedImage(byte[] bytes, String contentType, int width, int height, Optional<Rectangle> subject,
                             Optional<BufferedImage> picture) {

    public GeneratedImage {
        subject = subject == null ? Optional.empty() : subject.map(Rectangle::new);
        picture = picture == null ? Optional.empty() : picture;
    }

    public GeneratedImage(byte[] bytes, String contentType, int width, int height, Optional<Rectangle> subject) {
        this(bytes, contentType, width, height, subject, Optional.empty());
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
