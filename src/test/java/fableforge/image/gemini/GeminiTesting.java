package fableforge.image.gemini;

import fableforge.image.AspectRatio;
import fableforge.image.ImageBrief;
import fableforge.image.ImageRequest;
import fableforge.prompt.CharacterBible;
import fableforge.prompt.PromptContext;
import fableforge.prompt.ScenePrompts;
import fableforge.prompt.TestHeroes;
import fableforge.story.Beat;
import fableforge.story.Scene;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings and requests for the Gemini image adapter's tests. */
final class GeminiTesting {

    static final String KEY = "AIzaSy-test-gemini-key-123";
    static final String MODEL = "gemini-2.5-flash-image";

    private GeminiTesting() {
    }

    static GeminiSettings settings(String baseUrl) {
        return settings(baseUrl, MODEL, KEY, Duration.ofSeconds(10));
    }

    static GeminiSettings settings(String baseUrl, String model, String key, Duration timeout) {
        return new GeminiSettings(Optional.of(key), URI.create(baseUrl), model, timeout);
    }

    /** A standardized scene prompt of the Ember story, as the planner makes it. */
    static ImageRequest request(String storyId, int scene, AspectRatio ratio) {
        return request(storyId, scene, ratio, "Ember walks through the forest at dawn.");
    }

    static ImageRequest request(String storyId, int scene, AspectRatio ratio, String sceneText) {
        PromptContext context = new PromptContext("enchanted forest", "watercolor", ratio);
        String prompt = ScenePrompts.standardize(List.of(ScenePrompts.create(Scene.of(scene, sceneText), context)),
                CharacterBible.of(TestHeroes.ember()), context).get(0);
        ImageBrief brief = new ImageBrief(scene, Beat.ofScene(scene), TestHeroes.ember(), "enchanted forest", "watercolor",
                "caption", ratio, 7);
        return new ImageRequest(storyId, 1, prompt, brief);
    }
}
