package fableforge.image;

import fableforge.media.StoredMedia;
import fableforge.provider.ProviderError;
import java.util.List;

/** How making one scene's image ended: stored, or failed with a reason. Never anything else. */
public sealed interface ImageOutcome {

    int sceneNumber();

    List<ImageTry> tries();

    record Produced(int sceneNumber, StoredMedia media, int width, int height, String prompt, List<ImageTry> tries)
            implements ImageOutcome {
    }

    record Failed(int sceneNumber, ProviderError error, List<ImageTry> tries) implements ImageOutcome {

        /** Plain words for the user. */
        public String reason() {
            return error.message() + " (after " + tries.size() + (tries.size() == 1 ? " try)" : " tries)");
        }
    }
}
