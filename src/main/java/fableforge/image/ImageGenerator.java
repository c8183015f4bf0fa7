package fableforge.image;

import fableforge.provider.ProviderException;
import fableforge.spend.PriceQuote;

/** Port: turns one scene's prompt into an image. Implementations are safe to call from many threads. */
public interface ImageGenerator {

    GeneratedImage generate(ImageRequest request) throws ProviderException;

    /** A short name for logs and health reports, e.g. "offline-illustrator". */
    String name();

    /** What one image at this aspect ratio is expected to cost, quoted before the user starts 20 of them. */
    default PriceQuote quote(AspectRatio aspectRatio) {
        return PriceQuote.free(name());
    }
}
