package fableforge.web;

import fableforge.settings.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.fake.FakeOpenAiChat;
import fableforge.fake.FakeOpenAiChat.PromptAnswer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web flow with the story and prompts written by OpenAI (the fake) and images drawn offline. */
class OpenAiWebFlowTest {

    @TempDir
    Path data;

    private final FakeOpenAiChat openAi = new FakeOpenAiChat();
    private TestApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        openAi.close();
    }

    private void start(String key) throws Exception {
        app = TestApp.start(Map.of("OPENAI_API_KEY", key, "OPENAI_BASE_URL", openAi.baseUrl(), "IMAGE_PROVIDER", "offline"), data);
    }

    private JsonNode approveAndWaitForImages(JsonNode submitted) throws Exception {
        String id = submitted.get("story_id").asText();
        app.approveScenes(id, TestApp.sceneTexts(submitted));
        return app.waitForStatus(id, "images_ready");
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void theStoryAndPromptsComeFromOpenAiAndTheImagesFromTheOfflineIllustrator() throws Exception {
        openAi.promptAnswersAfter(PromptAnswer.PARAPHRASED_BIBLE);
        start(FakeOpenAiChat.KEY);

        JsonNode submitted = app.submit(TestApp.redFoxQuiz());
        assertThat(submitted.get("scenes")).hasSize(20);
        assertThat(submitted.get("scenes").get(1).asText()).isEqualTo("When Ember asks to join, the others laugh and turn away.");
        assertThat(submitted.get("scenes").get(14).asText()).contains("Lord Thorn");

        JsonNode story = approveAndWaitForImages(submitted);
        assertThat(story.get("status").asText()).isEqualTo("images_ready");
        assertThat(story.get("completed_scenes").asInt()).isEqualTo(20);
        String bible = story.get("character_bible").asText();
        assertThat(story.get("scenes")).hasSize(20).allSatisfy(scene -> {
            String prompt = scene.get("prompt").asText();
            assertThat(occurrences(prompt, bible)).as(prompt).isEqualTo(1);
            assertThat(prompt).contains("Watercolor storybook illustration").doesNotContain(" is a little fox");
        });
        assertThat(openAi.problems()).isEmpty();

        JsonNode health = app.get("/health");
        assertThat(health.at("/providers/story/adapter").asText()).isEqualTo("openai:gpt-5.4-mini");
        assertThat(health.at("/providers/prompts/adapter").asText()).isEqualTo("openai:gpt-5.4-mini");
        assertThat(health.at("/providers/story/last_call/answered").asBoolean()).isTrue();
        assertThat(health.at("/providers/story/last_call/http_status").asInt()).isEqualTo(200);
        assertThat(health.at("/providers/images/adapter").asText()).isEqualTo("offline-illustrator");
    }

    @Test
    void whenThePromptCallFailsTheOfflinePromptsAreUsedAndTheStoryStillCompletes() throws Exception {
        openAi.promptAnswersAfter(PromptAnswer.SERVER_ERROR);
        start(FakeOpenAiChat.KEY);

        JsonNode story = approveAndWaitForImages(app.submit(TestApp.redFoxQuiz()));

        assertThat(story.get("status").asText()).isEqualTo("images_ready");
        assertThat(story.get("completed_scenes").asInt()).isEqualTo(20);
        assertThat(story.get("scenes").get(0).get("text").asText()).contains("Ember");
        assertThat(story.get("scenes")).allSatisfy(scene -> assertThat(scene.get("prompt").asText())
                .contains("Mood: ").contains(story.get("character_bible").asText()));
    }

    @Test
    void aRejectedKeyStopsStartUpAtTheModelCheckWithAMessageThatNamesTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("sk-wrong-key"))
                .isInstanceOf(fableforge.settings.ConfigException.class)
                .hasMessageContaining("OPENAI_API_KEY").hasMessageContaining("Incorrect API key");
        assertThat(openAi.calls()).as("no story call is paid for").isEmpty();
    }
}
