package fableforge.image;

import fableforge.provider.ProviderException;
import fableforge.image.PriceQuote;
import java.awt.Rectangle;
import java.util.Optional;

/** Port: turns one scene's prompt into an image. Implementations are safe to call from many threads. */
public interface ImageGenerator {

    GeneratedImage generate(ImageRequest request) throws ProviderException;

    /** A short name for logs and health reports, e.g. "offline-illustrator". */
    String name();

    /** What one image at this aspect ratio is expected to cost, quoted before the user starts 20 of them. */
    default PriceQuote quote(AspectRatio aspectRatio) {
        return PriceQuote.free(name());
    }

    /**
     * The part of a {@code width × height} image of this generator that is picture, when it draws
     * something else around it (the offline storyboard's paper margin, label and caption strip), so
     * the video can keep its camera inside; empty when the whole image is picture.
     */
    default Optional<Rectangle> pictureArea(int width, int height) {
        return Optional.empty();
    }
}
