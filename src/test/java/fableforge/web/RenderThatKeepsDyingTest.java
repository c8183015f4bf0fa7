package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.store.Database;
import fableforge.store.VideoRepository;
import fableforge.testing.SlowTest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A render whose server died every time it ran is failed with a reason instead of taking the next server down too. */
@SlowTest // video renders
class RenderThatKeepsDyingTest {

    @TempDir
    Path data;
    @AutoClose
    private TestApp app;

    @Test
    void aRenderStartedThreeTimesWithoutFinishingFailsWithAReasonOnTheFourth() throws Exception {
        app = TestApp.start(Map.of(), data);
        String id = ApprovedStories.seed(app, data);
        app.close();
        app = null;
        try (Database database = Database.open(data)) {
            new VideoRepository(database.jdbi(), Clock.systemUTC()).request(id, "local", "none", true, Optional.empty());
            // Three runs, each left "running" by a server that died mid-render.
            database.jdbi().useHandle(handle -> handle.execute(
                    "UPDATE video SET status = 'running', runs = 3, claimed_by = 'dead-node', lease_until = 0 WHERE story_id = ?", id));
        }

        app = TestApp.start(Map.of(), data);
        JsonNode story = app.waitFor(id, s -> s.path("video").path("status").asText().equals("failed"));

        assertThat(story.get("video").get("error").asText()).contains("started 3 times").contains("ask for the video again");
        assertThat(app.post("/generate_video/" + id, "{\"draft\":true,\"length_seconds\":15}").status()).as("the user can ask again").isEqualTo(202);
    }
}
