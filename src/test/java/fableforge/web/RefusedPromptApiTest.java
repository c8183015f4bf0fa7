package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = TestApp.start(Map.of("OFFLINE_REFUSED_WORDS", REFUSED, "IMAGE_RETRY_BASE_MS", "1"), data);
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    @Test
    void aRefusedPromptIsRedrawnShortenedAndTheStoryShowsWhichWordsWereCut() throws Exception {
        String id = storyWithScene2(SCENE_WITH_HARPOON);
        JsonNode story = app.waitForStatus(id, "images_ready");

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
        // Versions carry their prompt texts when asked for them; the polled story keeps them on the version shown.
        assertThat(image.get("attempts").get(0).has("prompt_changes")).isFalse();
        assertThat(app.get("/story/" + id + "?include=prompts").get("images").get("2").get("attempts").get(0).get("prompt_changes"))
                .isEqualTo(changes);

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
        // Drawn straight into the store: only scene 4's redraw is the app's, and that is what is checked.
        String id = ApprovedStories.seedDrawn(app, data);
        String prompt = "Style: ink drawing.\nEmber fights the tide at dawn, small but stubborn.";

        TestApp.Response rejected = app.post("/approve_image/" + id + "/4",
                TestApp.jsonObject().put("action", "reject").put("reason", "other").put("prompt", prompt));
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        JsonNode story = app.waitFor(id, s -> s.get("images").get("4").get("attempt").asInt() == 2
                && s.get("images").get("4").get("status").asText().equals("pending_approval"));

        JsonNode second = app.get("/story/" + id + "?include=prompts").get("images").get("4").get("attempts").get(1);
        assertThat(second.get("requested_prompt").asText()).isEqualTo(prompt);
        assertThat(second.get("final_prompt").asText()).isEqualTo("Style: ink drawing.\nEmber challenges the tide at dawn, small but stubborn.");
        assertThat(second.get("prompt_changes").toString()).isEqualTo("""
                [{"op":"same","text":"Style: ink drawing. Ember"},{"op":"removed","text":"fights"},\
                {"op":"added","text":"challenges"},{"op":"same","text":"the tide at dawn, small but stubborn."}]""");
        assertThat(app.get("/story/" + id + "?include=prompts").get("images").get("4").get("attempts").get(0).has("prompt_changes")).isFalse();
        assertThat(story.get("images").get("4").get("prompt_changes")).isEqualTo(second.get("prompt_changes"));
    }

    private String storyWithScene2(String text) throws Exception {
        JsonNode story = app.submit(TestApp.redFoxQuiz());
        String id = story.get("story_id").asText();
        List<String> scenes = TestApp.sceneTexts(story);
        scenes.set(1, text);
        app.approveScenes(id, scenes);
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
        try (SseClient stream = app.streamEvents(storyId, "Last-Event-ID", "0")) {
            return stream.awaitEvent("story_complete").stream().filter(event -> event.name().equals("image_ready"))
                    .collect(Collectors.toMap(event -> event.data().get("scene_number").asInt(), SseClient.Event::data, (first, later) -> later));
        }
    }
}
