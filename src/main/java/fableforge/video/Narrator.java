package fableforge.video;

import fableforge.provider.ProviderException;
import fableforge.story.Scene;
import java.io.IOException;
import java.util.Optional;

/**
 * Port: reads a scene's narration line aloud (not its text, which the image is drawn from). Adapters: none (silent video), a local speech engine
 * (espeak-ng, when installed) and OpenAI text-to-speech.
 */
public interface Narrator {

    /** The adapter's name, e.g. {@code none}, {@code espeak-ng}, {@code openai}. */
    String name();

    /** The scene read aloud as mono 48 kHz samples ({@link Audio}), or empty when this narrator is silent. */
    Optional<float[]> narrate(String storyId, Scene scene) throws ProviderException, IOException;

    Narrator NONE = new Narrator() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public Optional<float[]> narrate(String storyId, Scene scene) {
            return Optional.empty();
        }
    };
}
