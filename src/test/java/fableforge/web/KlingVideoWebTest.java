package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.fake.FakeKling;
import fableforge.testing.SlowTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web flow's video made from Kling clips (VIDEO_CLIPS=kling, against the fake): the server offers
 * Kling, every scene is asked of it, a scene Kling refuses gets camera motion and the story says so,
 * and the delivered clips are charged to the story.
 */
@SlowTest // a video render
class KlingVideoWebTest {

    @TempDir
    Path data;

    private final FakeKling kling = new FakeKling();
    private TestApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        kling.close();
    }

    @Test
    void aVideoFromKlingClipsFallsBackToCameraMotionForTheSceneKlingRefusesAndSaysSo() throws Exception {
        kling.failScene(4, "Failure to pass the risk control system");
        app = TestApp.start(Map.of("VIDEO_CLIPS", "kling", "KLING_API_KEY", FakeKling.ACCESS_KEY + ":" + FakeKling.SECRET_KEY,
                "KLING_BASE_URL", kling.baseUrl(), "VIDEO_POLL_MS", "10", "VIDEO_RATE_PER_MIN", "1000", "VIDEO_MAX_CONCURRENT", "4"), data);
        assertThat(app.get("/health").at("/video/clips")).extracting(JsonNode::asText).containsExactly("local", "kling");
        String id = ApprovedStories.seed(app, data);

        TestApp.Response accepted = app.post("/generate_video/" + id, "{\"clips\":\"kling\",\"draft\":true,\"length_seconds\":15}");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        JsonNode story = app.waitFor(id, s -> s.path("video").path("status").asText().equals("done")
                || s.path("video").path("status").asText().equals("failed"));

        JsonNode video = story.get("video");
        assertThat(video.get("status").asText()).as(video.toString()).isEqualTo("done");
        assertThat(kling.submitted()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(kling.problems()).isEmpty();
        assertThat(kling.maxActive()).isBetween(2, 4);
        assertThat(video.get("fallbacks")).singleElement().satisfies(fallback -> {
            assertThat(fallback.get("scene_number").asInt()).isEqualTo(4);
            assertThat(fallback.get("reason").asText()).contains("Kling failed").contains("used camera motion");
        });
        assertThat(story.at("/cost/lines")).anySatisfy(line -> {
            assertThat(line.get("stage").asText()).isEqualTo("video");
            assertThat(line.get("calls").asInt()).isEqualTo(19);
        });
        try (var kept = java.nio.file.Files.list(data.resolve("media/stories/" + id + "/video-v1-clips"))) {
            assertThat(kept.map(path -> path.getFileName().toString()).toList())
                    .as("Kling's clips kept beside the video, so a rerun does not pay for them again").hasSize(19)
                    .allMatch(name -> name.matches("scene-\\d\\d-\\d+f\\.mp4")).noneMatch(name -> name.startsWith("scene-04-"));
        }
        assertThat(app.fetch(app.uri(video.get("url").asText().startsWith("/") ? video.get("url").asText() : "/" + video.get("url").asText()))
                .statusCode()).isEqualTo(200);
    }
}
