package fableforge.image.gemini;

import fableforge.settings.ConfigException;
import static fableforge.image.gemini.GeminiTesting.KEY;
import static fableforge.image.gemini.GeminiTesting.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.App;
import fableforge.Config;
import fableforge.fake.FakeGemini;
import fableforge.fake.FakeGemini.Call;
import fableforge.image.AspectRatio;
import fableforge.image.ImageOutcome;
import fableforge.image.ImageProgressListener;
import fableforge.image.ImageRequest;
import fableforge.image.ImageTask;
import fableforge.image.StoredReferenceImages;
import fableforge.media.LocalMediaStore;
import fableforge.spend.SpendMeter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IMAGE_PROVIDER=gemini from the environment to a drawn image: settings, start-up checks and wiring. */
class GeminiConfigTest {

    @TempDir
    Path dir;

    @Test
    void imageProviderGeminiWithoutGeminiApiKeyStopsStartUp() {
        assertThatThrownBy(() -> Config.load(Map.of("IMAGE_PROVIDER", "gemini"), dir.resolve("none.env")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("IMAGE_PROVIDER=gemini needs GEMINI_API_KEY");
    }

    @Test
    void geminiSettingsHaveDefaultsAndBadValuesAreReportedByName() {
        GeminiSettings gemini = Config.load(Map.of("IMAGE_PROVIDER", "gemini", "GEMINI_API_KEY", KEY), dir.resolve("none.env"))
                .providers().gemini();

        assertThat(gemini.apiKey()).contains(KEY);
        assertThat(gemini.imageModel()).isEqualTo("gemini-2.5-flash-image");
        assertThat(gemini.baseUrl()).isEqualTo(URI.create("https://generativelanguage.googleapis.com"));
        assertThat(gemini.timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThatThrownBy(() -> Config.load(Map.of("IMAGE_PROVIDER", "gemini", "GEMINI_API_KEY", KEY, "GEMINI_TIMEOUT_SECONDS", "0",
                "GEMINI_BASE_URL", "generativelanguage"), dir.resolve("none.env")))
                .hasMessageContaining("GEMINI_TIMEOUT_SECONDS=0: must be between 1")
                .hasMessageContaining("GEMINI_BASE_URL=generativelanguage: must be an http(s) URL");
        assertThatThrownBy(() -> Config.load(Map.of("IMAGE_PROVIDER", "imagen"), dir.resolve("none.env")))
                .hasMessageContaining("IMAGE_PROVIDER=imagen: must be one of offline, openai, sdwebui, gemini");
    }

    @Test
    void aGeminiKeyAloneChoosesGeminiImagesAndAnOpenAiKeyStillWinsWhenBothAreSet() {
        assertThat(Config.load(Map.of("GEMINI_API_KEY", KEY), dir.resolve("none.env")).providers().images()).isEqualTo("gemini");
        assertThat(Config.load(Map.of("GEMINI_API_KEY", KEY, "OPENAI_API_KEY", "sk-test"), dir.resolve("none.env")).providers().images())
                .isEqualTo("openai");
    }

    @Test
    void theAppDrawsWithGeminiFromACharacterSheetAndARefusedPromptIsSanitizedAndRetried() throws Exception {
        try (FakeGemini fake = new FakeGemini(KEY)) {
            fake.refuse("blood");
            Map<String, String> env = Map.of("IMAGE_PROVIDER", "gemini", "GEMINI_API_KEY", KEY, "GEMINI_BASE_URL", fake.baseUrl(),
                    "STORY_PROVIDER", "offline", "IMAGE_RETRY_BASE_MS", "0");
            App app = new App(Config.load(env, dir.resolve("none.env")), Clock.systemUTC());
            Path out = dir.resolve("out");
            LocalMediaStore media = new LocalMediaStore(out, "");
            App.Pipeline pipeline = app.pipeline(SpendMeter.NONE, app.commandLineReferences(media));
            ImageRequest request = request("story-cli", 3, AspectRatio.PORTRAIT, "Ember finds blood on the snow.");

            ImageOutcome outcome = app.imageProducer(pipeline, media).produce(new ImageTask(request, "scene-03.png"), ImageProgressListener.NONE);

            assertThat(pipeline.imageGenerator().name()).isEqualTo("gemini:gemini-2.5-flash-image");
            assertThat(outcome).isInstanceOf(ImageOutcome.Produced.class);
            assertThat(out.resolve(StoredReferenceImages.sheetKey("story-cli"))).isRegularFile();
            List<Call> calls = fake.calls();
            assertThat(calls).extracting(call -> call.images().size()).as("the sheet, then two tries of the scene drawn from it")
                    .containsExactly(0, 1, 1);
            assertThat(String.join(" ", calls.get(1).texts())).containsIgnoringCase("blood");
            assertThat(String.join(" ", calls.get(2).texts())).as("the sanitized prompt").doesNotContainIgnoringCase("blood");
            assertThat(fake.violations()).isEmpty();
        }
    }
}
