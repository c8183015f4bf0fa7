package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.fake.FakeOpenAiImages;
import fableforge.fake.FakeOpenAiImages.Call;
import fableforge.fake.OpenAiImagesAnswer;
import fableforge.spend.SpendLedger;
import fableforge.spend.StorySpend;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole web flow with IMAGE_PROVIDER=openai against the fake image API: refusals escalate to the
 * sanitized and shortened prompt, a 429 storm pauses every caller for its Retry-After, the gate holds
 * concurrency and rate, and a story still ends with its 20 images; running out of credit fails the
 * remaining images at once with a message that says so.
 */
class OpenAiImagesWebTest {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiImagesWebTest.class);
    private static final String KEY = "sk-web-images";
    private static final int RATE_PER_MIN = 24;
    private static final int MAX_CONCURRENT = 3;
    /** Calls already on their way when a 429 left the fake could not have known about its pause. */
    private static final Duration IN_FLIGHT_GRACE = Duration.ofMillis(300);

    @TempDir
    Path data;

    private final FakeOpenAiImages fake = new FakeOpenAiImages(KEY);
    private TestApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        fake.close();
    }

    private void start() throws Exception {
        start(Map.of());
    }

    private void start(Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(extra);
        env.put("OPENAI_API_KEY", KEY);
        env.put("OPENAI_BASE_URL", fake.baseUrl());
        env.put("STORY_PROVIDER", "offline");
        env.put("IMAGE_PROVIDER", "openai");
        env.put("IMAGE_RETRY_BASE_MS", "50");
        env.put("IMAGE_RATE_PER_MIN", String.valueOf(RATE_PER_MIN));
        env.put("IMAGE_MAX_CONCURRENT", String.valueOf(MAX_CONCURRENT));
        env.put("IMAGE_MAX_TRIES", "6");
        app = TestApp.start(env, data);
    }

    @Test
    void refusalsAndARateLimitStormStillEndWithTwentyImagesWithinTheProvidersLimits() throws Exception {
        fake.refuse("menacing", "sword").latency(Duration.ofMillis(80))
                .script(OpenAiImagesAnswer.times(6, OpenAiImagesAnswer.ok()))
                .script(OpenAiImagesAnswer.storm(4, 1_200));
        start();
        long started = System.nanoTime();
        JsonNode submitted = app.submit(TestApp.redFoxQuiz());
        String id = submitted.get("story_id").asText();
        List<String> scenes = TestApp.sceneTexts(submitted);
        String tail = " Beyond them the old forest keeps its secrets, a menacing shadow crossing the far ridge.";
        scenes.set(3, "Ember pads along the riverbank at first light. " + "The reeds bend and whisper as she passes. ".repeat(7) + tail);
        scenes.set(8, "Ember climbs the long hill toward the owl's tree. " + "The wind tugs at her russet fur. ".repeat(8) + tail);

        app.approveScenes(id, scenes);
        JsonNode story = app.waitForStatus(id, "images_ready");

        assertThat(story.get("status").asText()).isEqualTo("images_ready");
        assertThat(story.get("completed_scenes").asInt()).isEqualTo(20);
        assertThat(story.get("images")).hasSize(20);
        story.get("images").forEach(image -> assertThat(image.get("status").asText()).isEqualTo("pending_approval"));
        for (int refusedScene : List.of(4, 9)) {
            JsonNode attempt = story.get("images").get(String.valueOf(refusedScene)).get("attempts").get(0);
            String used = attempt.get("prompt").asText();
            assertThat(used).as("scene %d's recorded prompt", refusedScene).doesNotContain("menacing")
                    .contains("Main character (identical in every image)");
            assertThat(used.split("\\s+").length).isLessThanOrEqualTo(90);
            assertThat(attempt.get("tries").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(fake.calls()).filteredOn(call -> call.status() == 400 && call.prompt().contains("Scene " + refusedScene + " of 20"))
                    .as("scene %d was refused with its full prompt", refusedScene).isNotEmpty()
                    .allMatch(call -> call.prompt().contains("menacing"));
            assertThat(fake.calls()).filteredOn(call -> call.status() == 200).extracting(Call::prompt)
                    .as("the provider drew exactly the prompt the attempt records").contains(used);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertWithinLimits();
        assertThat(fake.calls().size()).as("more calls than one bucket holds, so the rate mattered").isGreaterThan(RATE_PER_MIN);

        // A user-written prompt is not sanitized until the provider refuses it.
        String redraw = "{\"action\":\"reject\",\"prompt\":\"Ember raises a sword under the full moon.\"}";
        JsonNode decision = app.post("/approve_image/" + id + "/5", redraw).body();
        assertThat(decision.get("status").asText()).isEqualTo("regenerating");
        JsonNode again = app.waitFor(id, s -> s.get("status").asText().equals("images_ready")
                && s.get("images").get("5").get("latest_attempt").asInt() == 2
                && s.get("images").get("5").get("status").asText().equals("pending_approval"));
        assertThat(again.get("images").get("5").get("prompt").asText()).isEqualTo("Ember raises a staff under the full moon.");
        assertWithinLimits();

        StorySpend spend = spendOf(id);
        assertThat(spend.lines()).singleElement().satisfies(line -> {
            assertThat(line.stage()).isEqualTo("image");
            assertThat(line.model()).isEqualTo("gpt-image-2");
            assertThat(line.calls()).as("only delivered images are charged").isEqualTo(21);
        });
        assertThat(spend.totalUsd()).isEqualByComparingTo(billed());
        LOG.info("[FIGURES] calls={} (edits {}) refused={} rate-limited={} most-at-once={} most-in-1s={} story-seconds={} spend=${}",
                fake.calls().size(), fake.calls("/v1/images/edits").size(),
                fake.calls().stream().filter(c -> c.status() == 400).count(),
                fake.calls().stream().filter(c -> c.status() == 429).count(),
                fake.mostCallsAtOnce(), fake.mostCallsWithin(Duration.ofSeconds(1)), String.format("%.1f", seconds), spend.totalUsd());
    }

    @Test
    void runningOutOfCreditFailsTheRemainingImagesAtOnceSayingSo() throws Exception {
        fake.script(OpenAiImagesAnswer.times(12, OpenAiImagesAnswer.ok())).thenAlways(OpenAiImagesAnswer.noCredit());
        start();
        String id = app.submitAndApprove(TestApp.redFoxQuiz());

        JsonNode story = app.waitForStatus(id, "images_ready");

        assertThat(story.get("completed_scenes").asInt()).isEqualTo(12);
        List<JsonNode> failed = new ArrayList<>();
        story.get("images").forEach(image -> {
            if (image.get("status").asText().equals("failed")) {
                failed.add(image);
            }
        });
        assertThat(failed).hasSize(8).allSatisfy(image -> {
            assertThat(image.get("error").asText()).contains("out of credit");
            assertThat(image.get("tries").asInt()).as("not retried").isEqualTo(1);
        });
        assertThat(fake.calls()).as("one call per scene, no retries").hasSize(20);
        assertThat(fake.violations()).isEmpty();
        StorySpend spend = spendOf(id);
        assertThat(spend.totalUsd()).isEqualByComparingTo(billed());
    }

    @Test
    void withReferenceConsistencyScenesAreDrawnFromOneSheetThenFromTheApprovedSceneOne() throws Exception {
        start(Map.of("IMAGE_CONSISTENCY", "reference"));
        String id = app.submitAndApprove(TestApp.redFoxQuiz());

        JsonNode story = app.waitForStatus(id, "images_ready");

        assertThat(story.get("completed_scenes").asInt()).isEqualTo(20);
        Path sheet = data.resolve("media/stories/" + id + "/character-sheet.png");
        assertThat(fake.calls("/v1/images/generations")).as("the character sheet, once").hasSize(1);
        assertThat(fake.calls("/v1/images/edits")).hasSize(20)
                .allSatisfy(edit -> assertThat(edit.images()).singleElement().isEqualTo(Files.readAllBytes(sheet)));

        assertThat(app.post("/approve_image/" + id + "/1", "{\"action\":\"approve\"}").status()).isEqualTo(200);
        assertThat(app.post("/approve_image/" + id + "/5", "{\"action\":\"reject\",\"reason\":\"composition\"}").status())
                .isEqualTo(200);
        app.waitFor(id, s -> s.get("images").get("5").get("latest_attempt").asInt() == 2
                && s.get("images").get("5").get("status").asText().equals("pending_approval"));

        byte[] sceneOne = Files.readAllBytes(data.resolve("media/stories/" + id + "/scene-01-a1.png"));
        byte[] storedSheet = Files.readAllBytes(data.resolve("media/stories/" + id + "/character-sheet.png"));
        assertThat(fake.calls("/v1/images/edits").getLast().images()).as("the sheet, then the approved scene 1")
                .containsExactly(storedSheet, sceneOne);
        assertThat(fake.calls("/v1/images/generations")).hasSize(1);
        assertThat(fake.violations()).isEmpty();
        StorySpend spend = spendOf(id);
        assertThat(spend.totalUsd()).as("the sheet and 21 scenes").isEqualByComparingTo(billed());
    }

    private void assertWithinLimits() {
        assertThat(fake.violations()).as("requests the real API would refuse").isEmpty();
        assertThat(fake.mostCallsAtOnce()).isBetween(2, MAX_CONCURRENT);
        assertThat(fake.retryAfterWindows()).hasSize(4);
        assertThat(fake.callsInsideRetryAfterWindows(IN_FLIGHT_GRACE)).as("calls made while OpenAI had asked us to wait").isEmpty();
        // The token bucket holds a minute's calls and refills one every 60 s / rate: no stretch of
        // time w may see more than the full bucket plus what refilled during w.
        for (Duration window : List.of(Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(60))) {
            long refilled = (long) Math.ceil(RATE_PER_MIN * window.toMillis() / 60_000.0);
            assertThat(fake.mostCallsWithin(window)).as("calls within %s", window).isLessThanOrEqualTo(RATE_PER_MIN + (int) refilled);
        }
    }

    private StorySpend spendOf(String storyId) {
        return new SpendLedger(app.server().database().jdbi(), Clock.systemUTC(), Optional.empty()).ofStory(storyId);
    }

    /**
     * What OpenAI bills for the images it delivered: gpt-image-2's tokens as the fake reports them, text
     * in at $5 (one a word), reference images in at $8 (323 each) and image out at $30 per million.
     */
    private BigDecimal billed() {
        BigDecimal total = BigDecimal.ZERO;
        for (Call call : fake.calls()) {
            if (call.status() == 200) {
                long text = call.prompt().split("\\s+").length;
                long image = call.images().size() * 323L;
                String[] size = call.fields().get("size").split("x");
                long output = Math.round(1_056 * Long.parseLong(size[0]) * Long.parseLong(size[1]) / 1_048_576.0);
                total = total.add(BigDecimal.valueOf(text * 5 + image * 8 + output * 30).movePointLeft(6));
            }
        }
        return total;
    }
}
