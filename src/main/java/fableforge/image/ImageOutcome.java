package fableforge.image;

import fableforge.media.StoredMedia;
import fableforge.provider.ProviderError;
import java.awt.Rectangle;
import java.util.List;
import java.util.Optional;

/** How making one scene's image ended: stored, or failed with a reason. Never anything else. */
public sealed interface ImageOutcome {

    int sceneNumber();

    List<ImageTry> tries();

    /** @param subject where the hero is in the image, in image pixels, when the generator said */
    record Produced(int sceneNumber, StoredMedia media, int width, int height, String prompt, List<ImageTry> tries,
                    Optional<Rectangle> subject) implements ImageOutcome {

        public Produced(int sceneNumber, StoredMedia media, int width, int height, String prompt, List<ImageTry> tries) {
            this(sceneNumber, media, width, height, prompt, tries, Optional.empty());
        }
    }

    record Failed(int sceneNumber, ProviderError error, List<ImageTry> tries) implements ImageOutcome {

        /** Plain words for the user. */
        public String reason() {
            return error.message() + " (after " + tries.size() + (tries.size() == 1 ? " try)" : " tries)");
        }
    }
}
