package fableforge.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import fableforge.fake.FakeOpenAiImages;
import fableforge.fake.FakeOpenAiModels.Model;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A model in use that OpenAI shuts down soon is announced on every page as a banner, from the real
 * start-up check against a fake OpenAI that lists the speech model with a shutdown 20 days away.
 */
class ModelNoticeBrowserTest extends BrowserTest {

    private static final String KEY = "sk-notice";
    private static final FakeOpenAiImages OPENAI = new FakeOpenAiImages(KEY);
    private static final LocalDate SHUTDOWN = LocalDate.now(ZoneOffset.UTC).plusDays(20);

    @Override
    Map<String, String> env() {
        OPENAI.models().list(List.of(new Model("tts-1", SHUTDOWN.toString()), new Model("gpt-image-2", null)));
        return Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", OPENAI.baseUrl(), "STORY_PROVIDER", "offline",
                "IMAGE_PROVIDER", "offline", "OPENAI_TTS_MODEL", "tts-1");
    }

    @AfterAll
    static void stopFake() {
        OPENAI.close();
    }

    @Test
    void aModelShuttingDownSoonIsShownAsABannerThatSaysWhatToChange() {
        page.navigate("#new");

        assertThat(page.locator("#model-notice")).isVisible();
        assertThat(page.locator("#model-notice")).containsText("tts-1 (OPENAI_TTS_MODEL) shuts down on " + SHUTDOWN);
        assertThat(page.locator("#model-notice")).containsText("set OPENAI_TTS_MODEL to a current model or to auto");
        assertThat(page.locator("#quiz-form")).isVisible();
        screenshot("model-notice");
    }
}
