package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image jobs across a restart of the app: unfinished ones run again, and failed ones are reported and can be tried again. */
class ImageJobsRestartWebTest {

    @TempDir
    Path data;

    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = TestApp.start(Map.of(), data);
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    @Test
    void unfinishedJobsAreResumedAfterARestart() throws Exception {
        JsonNode submitted = app.submit(TestApp.redFoxQuiz());
        String id = submitted.get("story_id").asText();
        WebApiTest.approveScenesAndWait(app, submitted);
        app.close();

        // Simulate a crash mid-generation: mark two produced attempts as still running.
        try (var database = fableforge.store.Database.open(data)) {
            database.jdbi().useHandle(handle -> handle.execute(
                    "UPDATE image_attempt SET status = 'running', url = NULL WHERE story_id = ? AND scene_number IN (4, 9)", id));
        }
        app = TestApp.start(Map.of(), data);

        JsonNode story = app.waitFor(id, s -> s.get("completed_scenes").asInt() == 20);
        assertThat(story.get("completed_scenes").asInt()).isEqualTo(20);
        assertThat(story.get("images").get("4").get("attempts")).hasSize(1);
    }

    @Test
    void failedImagesAreReportedAndCanBeTriedAgain() throws Exception {
        JsonNode submitted = app.post("/submit", "{\"animal\":\"owl\",\"setting\":\"swamp\",\"visual_style\":\"anime\"}").body();
        app.close();
        // From now on every simulated provider call fails and nothing is retried: all 20 images fail.
        app = TestApp.start(Map.of("OFFLINE_FAILURE_RATE", "1", "IMAGE_MAX_TRIES", "1"), data);
        String id = submitted.get("story_id").asText();
        app.approveScenes(id, TestApp.sceneTexts(submitted));

        JsonNode story = app.waitFor(id, s -> s.get("images").size() == 20 && java.util.stream.StreamSupport
                .stream(s.get("images").spliterator(), false).allMatch(i -> i.get("status").asText().equals("failed")));
        assertThat(story.get("images").get("7").get("error").asText()).contains("simulated failure");
        // story_error comes after the 20th failure; read the log through a replay from the start.
        List<String> names;
        try (SseClient stream = app.streamEvents(id)) {
            names = stream.awaitEvent("story_error").stream().map(SseClient.Event::name).toList();
        }
        assertThat(names).filteredOn("image_failed"::equals).hasSize(20);
        assertThat(names).last().isEqualTo("story_error");

        TestApp.Response retried = app.post("/approve_image/" + id + "/7", "{\"action\":\"reject\",\"reason\":\"other\"}");
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.body().get("attempt").asInt()).isEqualTo(2);
    }
}
