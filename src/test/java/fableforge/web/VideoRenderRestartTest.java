package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.testing.SlowTest;
import fableforge.video.VideoProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A video render cut short by a restart of the app: it runs again from the start, once, and leaves nothing behind. */
@SlowTest // video renders
class VideoRenderRestartTest {

    @TempDir
    Path data;

    @AutoClose
    private TestApp app;

    @Test
    void renderInterruptedByARestartRunsAgainAndIsAnnouncedReadyOnce() throws Exception {
        app = TestApp.start(Map.of(), data);
        String id = ApprovedStories.seed(app, data);
        // The shortest length (15 s, a quarter of the default): what is checked is the restart, not the length.
        assertThat(app.post("/generate_video/" + id, "{\"draft\":true,\"length_seconds\":15}").status()).isEqualTo(202);
        app.waitFor(id, s -> s.path("video").path("progress").path("scene_number").asInt() >= 3);
        app.close();

        app = TestApp.start(Map.of(), data);
        JsonNode story = app.waitFor(id, s -> s.path("video").path("status").asText().equals("done"));

        List<SseClient.Event> events = VideoApiTest.videoEvents(app, id);
        assertThat(events.stream().filter(e -> e.name().equals("video_ready"))).hasSize(1);
        assertThat(events.stream().filter(e -> e.name().equals("video_failed"))).isEmpty();
        List<Integer> scenes = new ArrayList<>();
        events.stream().filter(e -> e.name().equals("video_progress") && e.data().path("stage").asText().equals("rendering"))
                .map(e -> e.data().get("scene_number").asInt())
                .forEach(scene -> {
                    if (scenes.isEmpty() || scenes.getLast() != scene.intValue()) {
                        scenes.add(scene);
                    }
                });
        int restartAt = scenes.indexOf(1) == scenes.lastIndexOf(1) ? -1 : scenes.lastIndexOf(1);
        assertThat(restartAt).as("the render started again from scene 1 after the restart: " + scenes).isGreaterThanOrEqualTo(3);
        assertThat(scenes.subList(restartAt, scenes.size())).as("and then went through every scene")
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(story.get("video").get("version").asInt()).isEqualTo(1);
        byte[] mp4 = app.fetch(app.uri(story.get("video").get("url").asText())).body();
        assertThat(mp4.length).isEqualTo(story.get("video").get("size_bytes").asInt());
        VideoProbe probe = VideoProbe.of(Files.write(data.resolve("resumed.mp4"), mp4));
        assertThat(probe.seconds()).isCloseTo(story.get("video").get("duration_seconds").asDouble(), offset(0.2));
        try (var left = Files.exists(data.resolve("video-work")) ? Files.walk(data.resolve("video-work")) : java.util.stream.Stream.<Path>empty()) {
            assertThat(left.filter(Files::isRegularFile)).as("no work files left behind").isEmpty();
        }
    }
}
