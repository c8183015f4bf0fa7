package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed-compatible HTTP API end to end on the offline providers. One app serves the class, so its tests
 * take turns; the ones that restart the app are in {@link ImageJobsRestartWebTest}.
 */
@Execution(ExecutionMode.SAME_THREAD)
class WebApiTest {

    @TempDir
    static Path data;

    private static TestApp app;

    /** One app for the class (each test makes its own stories); heartbeats every second for the idle-stream test. */
    @BeforeAll
    static void start() throws Exception {
        app = TestApp.start(Map.of("SSE_HEARTBEAT_SECONDS", "1"), data);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    private static JsonNode submitRedFox() throws Exception {
        return app.submit(TestApp.redFoxQuiz());
    }

    static JsonNode approveScenesAndWait(TestApp app, JsonNode submitted) throws Exception {
        List<String> scenes = TestApp.sceneTexts(submitted);
        scenes.set(0, "An edited first scene: Ember waits alone by the river.");
        app.approveScenes(submitted.get("story_id").asText(), scenes);
        return app.waitForStatus(submitted.get("story_id").asText(), "images_ready");
    }

    @Test
    void submitReturnsTwentyScenesWithBeatsAndAnUnguessableId() throws Exception {
        JsonNode story = submitRedFox();

        assertThat(story.get("story_id").asText()).matches("[0-9a-f]{32}");
        assertThat(story.get("scenes")).hasSize(20);
        assertThat(story.get("beats")).hasSize(20);
        assertThat(story.get("beats").get(0).asText()).isEqualTo("underdog");
        assertThat(story.get("character").get("name").asText()).isEqualTo("Ember");
    }

    @Test
    void invalidQuizGetsPerFieldMessagesAndStoresNothing() throws Exception {
        int storiesBefore = app.get("/api/stories").get("stories").size();
        TestApp.Response response = app.post("/submit", "{\"animal\":\"\",\"aspect_ratio\":\"4:3\"}");

        assertThat(response.status()).isEqualTo(400);
        JsonNode body = response.body();
        assertThat(body.get("error").asText()).isEqualTo("invalid_quiz");
        assertThat(body.get("fields").fieldNames()).toIterable().contains("animal", "setting", "visual_style", "aspect_ratio");
        assertThat(app.get("/api/stories").get("stories")).hasSize(storiesBefore);
    }

    @Test
    void badRequestsGetA4xxJsonErrorThatSaysWhatToFix() throws Exception {
        assertThat(app.post("/submit", "{not json").status()).isEqualTo(400);
        assertThat(app.post("/approve_scenes", "{\"story_id\":\"nope\",\"scenes\":[]}").status()).isEqualTo(404);
        assertThat(app.send("GET", "/story/0123", null).statusCode()).isEqualTo(404);
        JsonNode story = submitRedFox();
        String id = story.get("story_id").asText();
        TestApp.Response tooFew = app.post("/approve_scenes", "{\"story_id\":\"" + id + "\",\"scenes\":[\"a\"]}");
        assertThat(tooFew.status()).isEqualTo(400);
        assertThat(tooFew.body().get("message").asText()).contains("exactly 20");
        assertThat(app.post("/approve_image/" + id + "/3", "{\"action\":\"maybe\"}").status()).isEqualTo(400);
        assertThat(app.post("/approve_image/" + id + "/99", "{\"action\":\"approve\"}").status()).isEqualTo(400);
        assertThat(app.post("/approve_image/" + id + "/3", "{\"action\":\"approve\"}").status()).isEqualTo(409);
        assertThat(app.post("/submit", "{\"animal\":\"" + "x".repeat(70_000) + "\"}").status()).isEqualTo(413);
        assertThat(app.story(id).get("status").asText()).isEqualTo("scenes_ready");
    }

    @Test
    void eachSceneHasANarrationLineBesideItsTextAndAnEditedLineIsKeptOnApproval() throws Exception {
        JsonNode submitted = submitRedFox();
        String id = submitted.get("story_id").asText();
        assertThat(submitted.get("narration")).hasSize(20);
        // The offline writer writes the line beside the text (whole sentences naming the hero); the text stays whole.
        String firstLine = submitted.get("narration").get(0).asText();
        assertThat(firstLine).matches("[A-Z\"].*[.!?]").contains("Ember");
        assertThat(submitted.get("scenes").get(0).asText()).as("the scene text stays as written").isNotEqualTo(firstLine).contains("Ember");
        JsonNode before = app.story(id);
        assertThat(before.get("narration")).isEqualTo(submitted.get("narration"));

        ObjectNode approval = TestApp.jsonObject().put("story_id", id);
        TestApp.sceneTexts(submitted).forEach(approval.withArray("scenes")::add);
        submitted.get("narration").forEach(line -> approval.withArray("narration").add(line.asText()));
        approval.withArray("narration").set(2, approval.textNode("Ember walks home alone."));
        assertThat(app.post("/approve_scenes", approval).status()).isEqualTo(202);

        JsonNode story = app.story(id);
        assertThat(story.get("narration").get(2).asText()).isEqualTo("Ember walks home alone.");
        assertThat(story.get("scenes").get(2).get("text").asText()).isEqualTo(submitted.get("scenes").get(2).asText());
        assertThat(story.get("scenes").get(2).get("edited").asBoolean()).as("an edited line is an edit").isTrue();
        app.waitForStatus(id, "images_ready");
    }

    @Test
    void approvedScenesBecomeTwentyImagesThatCanBeRejectedRegeneratedAndApproved() throws Exception {
        JsonNode submitted = submitRedFox();
        String id = submitted.get("story_id").asText();

        JsonNode story = approveScenesAndWait(app, submitted);
        assertThat(story.get("status").asText()).isEqualTo("images_ready");
        ObjectNode again = TestApp.jsonObject().put("story_id", id);
        story.get("scenes").forEach(scene -> again.withArray("scenes").add(scene.get("text").asText()));
        assertThat(app.post("/approve_scenes", again).status()).as("a retried approval").isEqualTo(202);
        again.withArray("scenes").set(3, again.textNode("Different text."));
        assertThat(app.post("/approve_scenes", again).status()).isEqualTo(409);
        assertThat(app.story(id).get("images").get("1").get("attempts")).hasSize(1);
        assertThat(story.get("scenes").get(0).get("text").asText()).startsWith("An edited first scene");
        assertThat(story.get("scenes").get(0).get("edited").asBoolean()).isTrue();
        assertThat(story.get("images").size()).isEqualTo(20);
        String url = story.get("images").get("1").get("url").asText();
        HttpResponse<String> image = app.send("GET", url, null);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");

        TestApp.Response rejected = app.post("/approve_image/" + id + "/5", "{\"action\":\"reject\",\"reason\":\"colours\"}");
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        JsonNode regenerated = app.waitFor(id, s -> s.get("images").get("5").get("attempt").asInt() == 2
                && s.get("images").get("5").get("status").asText().equals("pending_approval"));
        assertThat(regenerated.get("images").get("5").get("attempts")).hasSize(2);
        assertThat(regenerated.get("images").get("5").get("prompt").asText()).contains("Fix: the hero's colours");

        app.approveEveryImage(id);
        JsonNode done = app.story(id);
        assertThat(done.get("status").asText()).isEqualTo("all_approved");
        assertThat(done.get("approved_scenes").asInt()).isEqualTo(20);

        List<String> names = eventNames(id, 0);
        assertThat(names.stream().filter("image_ready"::equals)).hasSize(21);
        assertThat(names).contains("story_complete", "approval_update").endsWith("all_approved");
        List<String> replay = eventNames(id, names.size() - 1);
        assertThat(replay).containsExactly("all_approved");
        assertThat(done.get("event_seq").asInt()).as("the story read after its last event names that event's id")
                .isEqualTo(names.size());
        assertThat(story.get("event_seq").asInt()).as("read before the approvals").isLessThan(names.size());
    }

    /** The names of a story's events after {@code lastEventId}, replayed from the log up to all_approved. */
    private List<String> eventNames(String storyId, int lastEventId) throws Exception {
        try (SseClient stream = app.streamEvents(storyId, "Last-Event-ID", String.valueOf(lastEventId))) {
            assertThat(stream.headers().firstValue("X-Accel-Buffering")).contains("no");
            return stream.awaitEvent("all_approved", Duration.ofSeconds(5)).stream().map(SseClient.Event::name).toList();
        }
    }

    @Test
    void anEarlierVersionCanBeApprovedInsteadOfTheNewest() throws Exception {
        // Drawn straight into the store: the test above walks the flow there; only scene 2's new version is drawn here.
        String id = ApprovedStories.seedDrawn(app, data);
        app.post("/approve_image/" + id + "/2", "{\"action\":\"reject\",\"reason\":\"style\"}");
        app.waitFor(id, s -> s.get("images").get("2").get("status").asText().equals("pending_approval")
                && s.get("images").get("2").get("attempt").asInt() == 2);

        TestApp.Response approved = app.post("/approve_image/" + id + "/2", "{\"action\":\"approve\",\"attempt\":1}");

        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        JsonNode image = app.story(id).get("images").get("2");
        assertThat(image.get("attempt").asInt()).isEqualTo(1);
        assertThat(image.get("status").asText()).isEqualTo("approved");
        assertThat(image.get("latest_attempt").asInt()).isEqualTo(2);
        assertThat(app.post("/approve_image/" + id + "/2", "{\"action\":\"approve\",\"attempt\":7}").status()).isEqualTo(409);
        assertThat(app.post("/approve_image/" + id + "/2", "{\"action\":\"approve\",\"attempt\":\"one\"}").status()).isEqualTo(400);
    }

    @Test
    void streamWithoutTheEventStreamAcceptHeaderIsToldWhatToSend() throws Exception {
        HttpResponse<String> response = app.send("GET", "/stream?channel=" + submitRedFox().get("story_id").asText(), null);

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(TestApp.json(response.body()).get("message").asText()).contains("Accept: text/event-stream");
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        String id = submitRedFox().get("story_id").asText();
        try (SseClient stream = app.streamEvents(id)) {
            // The story's one event (story_created) is replayed, then the stream is idle: only a heartbeat can follow.
            SseClient.Comment heartbeat = stream.awaitComment(Duration.ofSeconds(30));

            assertThat(stream.names()).containsExactly("story_created");
            assertThat(heartbeat.eventsBefore()).isEqualTo(1);
            assertThat(heartbeat.text()).contains("heartbeat");
        }
    }

    @Test
    void healthNamesTheAdapterOfEachStage() throws Exception {
        JsonNode health = app.get("/health");

        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("providers").get("images").get("adapter").asText()).isEqualTo("offline-illustrator");
        assertThat(health.get("providers").get("story").get("adapter").asText()).isEqualTo("offline-templates");
        assertThat(health.get("database").get("adapter").asText()).isEqualTo("sqlite");
    }

    @Test
    void openApiDocumentDescribesEveryEndpoint() throws Exception {
        HttpResponse<String> response = app.send("GET", "/openapi.yaml", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/submit:", "/approve_scenes:", "/stream:", "/story/{story_id}:",
                "/approve_image/{story_id}/{scene_number}:", "/health:", "/api/quiz:", "/api/stories:", "/media/{key}:");
    }

    @Test
    void quizDefinitionIsServedForTheUi() throws Exception {
        JsonNode quiz = app.get("/api/quiz");

        assertThat(quiz.get("questions").get(0).get("key").asText()).isEqualTo("animal");
    }
}
