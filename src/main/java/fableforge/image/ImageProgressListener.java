package fableforge.image;

import fableforge.provider.ProviderError;
import java.time.Duration;

/** Hears about images as they are made, e.g. to move a progress bar or publish events. */
public interface ImageProgressListener {

    default void retrying(int sceneNumber, int nextTry, ProviderError error, Duration wait) {
    }

    default void finished(ImageOutcome outcome) {
    }

    ImageProgressListener NONE = new ImageProgressListener() {
    };
}
