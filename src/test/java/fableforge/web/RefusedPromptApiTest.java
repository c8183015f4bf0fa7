package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.App;
import fableforge.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt the offline provider refuses (OFFLINE_REFUSED_WORDS) is sent again sanitized and shortened,
 * and the story view and the image_ready event say what was asked for and which words changed.
 */
class RefusedPromptApiTest {

    /** "harpoon" is refused and the sanitizer does not know it: only shortening can drop it. "fights" it replaces. */
    private static final String REFUSED = "harpoon,fights";
    /** Long enough that the first shortening (90 words) cuts the scene line before its last sentence. */
    private static final String SCENE_WITH_HARPOON = "Ember waits on the ice at the edge of the frozen lake while the north wind "
            + "howls through the pines and the stars come out one by one above the sleeping village and the old mill. "
            + "Far below, a fisherman mends his nets by lantern light. In his boat lies a rusty harpoon.";

    @TempDir
    Path data;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private App.RunningServer server;

    @BeforeEach
    void start() throws Exception {
        Config config = Config.load(Map.of("OFFLINE_REFUSED_WORDS", REFUSED, "IMAGE_RETRY_BASE_MS", "1"), data.resolve("none.env"));
        server = new App(config, Clock.systemUTC()).serve("127.0.0.1", 0, data);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aRefusedPromptIsRedrawnShortenedAndTheStoryShowsWhichWordsWereCut() throws Exception {
        String id = storyWithScene2(SCENE_WITH_HARPOON);
        JsonNode story = waitFor(id, s -> s.get("status").asText().equals("images_ready"));

        JsonNode image = story.get("images").get("2");
        assertThat(image.get("status").asText()).isEqualTo("pending_approval");
        assertThat(image.get("tries").asInt()).as("a refusal, then the shortened prompt").isGreaterThanOrEqualTo(2);
        String requested = image.get("requested_prompt").asText();
        String sent = image.get("final_prompt").asText();
        assertThat(requested).contains("harpoon").isEqualTo(story.get("scenes").get(1).get("prompt").asText());
        assertThat(sent).doesNotContain("harpoon").isEqualTo(image.get("prompt").asText());
        assertThat(sent.split("\\s+").length).isLessThan(requested.split("\\s+").length);

        JsonNode changes = image.get("prompt_changes");
        assertThat(text(changes, "removed")).contains("harpoon");
        assertThat(side(changes, "removed")).isEqualTo(words(requested));
        assertThat(side(changes, "added")).isEqualTo(words(sent));
        assertThat(image.get("attempts").get(0).get("prompt_changes")).isEqualTo(changes);

        JsonNode untouched = story.get("images").get("1");
        assertThat(untouched.get("requested_prompt").asText()).isEqualTo(untouched.get("final_prompt").asText());
        assertThat(untouched.has("prompt_changes")).isFalse();

        JsonNode ready = imageReadyEvents(id).get(2);
        assertThat(ready.get("requested_prompt").asText()).isEqualTo(requested);
        assertThat(ready.get("prompt_changes")).isEqualTo(changes);
        assertThat(imageReadyEvents(id).get(1).has("prompt_changes")).isFalse();
    }

    @Test
    void aRedrawPromptTheUserWroteIsSanitizedAfterARefusalAndTheSwapIsShown() throws Exception {
        String id = storyWithScene2("Ember sits by the river and watches the water.");
        waitFor(id, s -> s.get("status").asText().equals("images_ready"));
        String prompt = "Style: ink drawing.\nEmber fights the tide at dawn, small but stubborn.";

        HttpResponse<String> rejected = send("POST", "/approve_image/" + id + "/4",
                mapper.createObjectNode().put("action", "reject").put("reason", "other").put("prompt", prompt).toString());
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        JsonNode story = waitFor(id, s -> s.get("images").get("4").get("attempt").asInt() == 2
                && s.get("images").get("4").get("status").asText().equals("pending_approval"));

        JsonNode second = story.get("images").get("4").get("attempts").get(1);
        assertThat(second.get("requested_prompt").asText()).isEqualTo(prompt);
        assertThat(second.get("final_prompt").asText()).isEqualTo("Style: ink drawing.\nEmber challenges the tide at dawn, small but stubborn.");
        assertThat(mapper.writeValueAsString(second.get("prompt_changes"))).isEqualTo("""
                [{"op":"same","text":"Style: ink drawing. Ember"},{"op":"removed","text":"fights"},\
                {"op":"added","text":"challenges"},{"op":"same","text":"the tide at dawn, small but stubborn."}]""");
        assertThat(story.get("images").get("4").get("attempts").get(0).has("prompt_changes")).isFalse();
    }

    private String storyWithScene2(String text) throws Exception {
        HttpResponse<String> submitted = send("POST", "/submit", Files.readString(Path.of("examples/red-fox.json")));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        JsonNode story = mapper.readTree(submitted.body());
        String id = story.get("story_id").asText();
        ObjectNode body = mapper.createObjectNode().put("story_id", id);
        ArrayNode scenes = body.putArray("scenes");
        story.get("scenes").forEach(scenes::add);
        scenes.set(1, mapper.getNodeFactory().textNode(text));
        HttpResponse<String> approved = send("POST", "/approve_scenes", body.toString());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
        return id;
    }

    private static String text(JsonNode changes, String op) {
        return StreamSupport.stream(changes.spliterator(), false).filter(run -> run.get("op").asText().equals(op))
                .map(run -> run.get("text").asText()).collect(Collectors.joining(" "));
    }

    /** What one side of the diff reads as: the unchanged runs with the removed (or added) ones. */
    private static String side(JsonNode changes, String op) {
        return StreamSupport.stream(changes.spliterator(), false)
                .filter(run -> run.get("op").asText().equals("same") || run.get("op").asText().equals(op))
                .map(run -> run.get("text").asText()).collect(Collectors.joining(" "));
    }

    private static String words(String text) {
        return String.join(" ", text.strip().split("\\s+"));
    }

    /** The data of each image_ready event of the story, by scene number, read back from the event stream. */
    private Map<Integer, JsonNode> imageReadyEvents(String storyId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/stream?channel=" + storyId))
                .header("Accept", "text/event-stream").header("Last-Event-ID", "0").build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        var lines = response.body().iterator();
        Map<Integer, JsonNode> ready = new java.util.HashMap<>();
        String event = "";
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event: ")) {
                event = line.substring(7).strip();
                if (event.equals("story_complete")) {
                    break;
                }
            } else if (line.startsWith("data: ") && event.equals("image_ready")) {
                JsonNode data = mapper.readTree(line.substring(6));
                ready.put(data.get("scene_number").asInt(), data);
            }
        }
        return ready;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode waitFor(String storyId, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonNode story = mapper.readTree(send("GET", "/story/" + storyId, null).body());
            if (condition.test(story)) {
                return story;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("story " + storyId + " never reached the expected state: " + story);
            }
            Thread.sleep(200);
        }
    }
}
