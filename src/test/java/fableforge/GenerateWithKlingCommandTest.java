package fableforge;

import fableforge.cli.Main;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.fake.FakeKling;
import fableforge.testing.SlowTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --draft} with VIDEO_CLIPS=kling: every scene's clip asked of Kling, a refused one made locally and reported. */
@SlowTest // a video render
class GenerateWithKlingCommandTest {

    @TempDir
    Path dir;

    private final FakeKling kling = new FakeKling();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void close() {
        kling.close();
    }

    @Test
    void draftVideoTakesItsClipsFromKlingAndSaysWhichSceneUsedCameraMotion() throws Exception {
        kling.failScene(7, "Failure to pass the risk control system");
        Map<String, String> env = Map.of("VIDEO_CLIPS", "kling", "KLING_API_KEY", FakeKling.ACCESS_KEY + ":" + FakeKling.SECRET_KEY,
                "KLING_BASE_URL", kling.baseUrl(), "VIDEO_POLL_MS", "10", "VIDEO_RATE_PER_MIN", "1000");
        Path outDir = dir.resolve("fox");

        int exit = Main.run(new String[] {"generate", "--no-progress", "--quiz", "examples/red-fox.json", "--out", outDir.toString(),
                "--seed", "7", "--draft", "--length", "15"}, env, dir.resolve("no.env"), new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(kling.submitted()).hasSize(20);
        assertThat(kling.problems()).isEmpty();
        assertThat(err.toString()).contains("warning: scene 7: Kling failed (Kling task ").contains("used camera motion");
        assertThat(err.toString()).doesNotContain("scene 8:");
        JsonNode story = new ObjectMapper().readTree(outDir.resolve("story.json").toFile());
        assertThat(story.path("video").path("clips").asText()).isEqualTo("kling");
        assertThat(out.toString()).containsPattern("Estimated cost: \\$[1-9]");
    }
}
