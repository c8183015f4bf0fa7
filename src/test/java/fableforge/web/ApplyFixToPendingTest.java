package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rejection's fix carried to the scenes whose images have not started yet. */
class ApplyFixToPendingTest {

    @TempDir
    Path data;

    @Test
    void rejectionFixIsAddedToThePromptsOfScenesNotYetDrawn() throws Exception {
        // One image at a time, slowly, so most scenes are still queued when scene 1 is rejected.
        try (TestApp app = TestApp.start(Map.of("IMAGE_MAX_CONCURRENT", "1", "OFFLINE_LATENCY_MS", "300"), data)) {
            String id = app.submitAndApprove(TestApp.redFoxQuiz());
            app.waitFor(id, story -> story.path("images").path("1").path("status").asText().equals("pending_approval"),
                    Duration.ofSeconds(60));

            TestApp.Response rejected = app.post("/approve_image/" + id + "/1",
                    "{\"action\":\"reject\",\"reason\":\"composition\",\"apply_to_pending\":true}");

            assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
            int applied = rejected.body().get("applied_to_pending").asInt();
            assertThat(applied).isGreaterThan(10);
            JsonNode last = app.story(id).path("images").path("20");
            assertThat(last.path("prompt").asText()).contains("Fix: the hero clearly visible and centred");
        }
    }
}
