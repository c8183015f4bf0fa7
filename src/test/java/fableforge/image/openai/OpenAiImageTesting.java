package fableforge.image.openai;

import fableforge.provider.openai.OpenAiSettings;
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

/** Settings and requests for the OpenAI image adapter's tests. */
final class OpenAiImageTesting {

    static final String KEY = "sk-test-images-123";

    private OpenAiImageTesting() {
    }

    static OpenAiSettings settings(String baseUrl, String model, String quality) {
        return settings(baseUrl, model, quality, false, Duration.ofSeconds(10));
    }

    static OpenAiSettings settings(String baseUrl, String model, String quality, boolean reference, Duration timeout) {
        return new OpenAiSettings(Optional.of(KEY), URI.create(baseUrl), "gpt-5.4-mini", model, quality, "vivid", reference, timeout,
                fableforge.provider.openai.ModelTable.builtIn());
    }

    /** A standardized scene prompt of the Ember story, as the planner makes it. */
    static ImageRequest request(String storyId, int scene, AspectRatio ratio) {
        PromptContext context = new PromptContext("enchanted forest", "watercolor", ratio);
        String prompt = ScenePrompts.standardize(List.of(ScenePrompts.create(Scene.of(scene, "Ember walks through the forest at dawn."), context)),
                CharacterBible.of(TestHeroes.ember()), context).get(0);
        ImageBrief brief = new ImageBrief(scene, Beat.ofScene(scene), TestHeroes.ember(), "enchanted forest", "watercolor",
                "caption", ratio, 7);
        return new ImageRequest(storyId, 1, prompt, brief);
    }
}
