package fableforge.image;

import fableforge.provider.ProviderException;

/** Port: turns one scene's prompt into an image. Implementations are safe to call from many threads. */
public interface ImageGenerator {

    GeneratedImage generate(ImageRequest request) throws ProviderException;

    /** A short name for logs and health reports, e.g. "offline-illustrator". */
    String name();
}
