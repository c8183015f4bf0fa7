package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.App;
import fableforge.Config;
import fableforge.fake.FakeOpenAiChat;
import fableforge.fake.FakeOpenAiChat.PromptAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web flow with the story and prompts written by OpenAI (the fake) and images drawn offline. */
class OpenAiWebFlowTest {

    @TempDir
    Path data;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeOpenAiChat openAi = new FakeOpenAiChat();
    private App.RunningServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        openAi.close();
    }

    private void start(String key) throws Exception {
        Map<String, String> env = Map.of("OPENAI_API_KEY", key, "OPENAI_BASE_URL", openAi.baseUrl(), "IMAGE_PROVIDER", "offline");
        server = new App(Config.load(env, data.resolve("none.env")), Clock.systemUTC()).serve("127.0.0.1", 0, data);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode submitRedFox() throws Exception {
        HttpResponse<String> response = send("POST", "/submit", Files.readString(Path.of("examples/red-fox.json")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return mapper.readTree(response.body());
    }

    private JsonNode approveAndWaitForImages(JsonNode submitted) throws Exception {
        String id = submitted.get("story_id").asText();
        ObjectNode body = mapper.createObjectNode().put("story_id", id);
        submitted.get("scenes").forEach(body.putArray("scenes")::add);
        HttpResponse<String> approved = send("POST", "/approve_scenes", body.toString());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonNode story = mapper.readTree(send("GET", "/story/" + id, null).body());
            if (story.get("status").asText().equals("images_ready") || System.nanoTime() > deadline) {
                return story;
            }
            Thread.sleep(200);
        }
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void theStoryAndPromptsComeFromOpenAiAndTheImagesFromTheOfflineIllustrator() throws Exception {
        openAi.promptAnswersAfter(PromptAnswer.PARAPHRASED_BIBLE);
        start(FakeOpenAiChat.KEY);

        JsonNode submitted = submitRedFox();
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

        JsonNode health = mapper.readTree(send("GET", "/health", null).body());
        assertThat(health.at("/providers/story/adapter").asText()).isEqualTo("openai:gpt-4o-mini");
        assertThat(health.at("/providers/prompts/adapter").asText()).isEqualTo("openai:gpt-4o-mini");
        assertThat(health.at("/providers/story/last_call/answered").asBoolean()).isTrue();
        assertThat(health.at("/providers/story/last_call/http_status").asInt()).isEqualTo(200);
        assertThat(health.at("/providers/images/adapter").asText()).isEqualTo("offline-illustrator");
    }

    @Test
    void whenThePromptCallFailsTheOfflinePromptsAreUsedAndTheStoryStillCompletes() throws Exception {
        openAi.promptAnswersAfter(PromptAnswer.SERVER_ERROR);
        start(FakeOpenAiChat.KEY);

        JsonNode story = approveAndWaitForImages(submitRedFox());

        assertThat(story.get("status").asText()).isEqualTo("images_ready");
        assertThat(story.get("completed_scenes").asInt()).isEqualTo(20);
        assertThat(story.get("scenes").get(0).get("text").asText()).contains("Ember");
        assertThat(story.get("scenes")).allSatisfy(scene -> assertThat(scene.get("prompt").asText())
                .contains("Mood: ").contains(story.get("character_bible").asText()));
    }

    @Test
    void aRejectedKeyFailsTheSubmitWithAMessageThatNamesTheSetting() throws Exception {
        start("sk-wrong-key");

        HttpResponse<String> response = send("POST", "/submit", Files.readString(Path.of("examples/red-fox.json")));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("OPENAI_API_KEY");
        assertThat(openAi.calls()).hasSize(1);
    }
}
