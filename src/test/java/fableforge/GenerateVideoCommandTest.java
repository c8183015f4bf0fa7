package fableforge;

import fableforge.cli.Main;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.fake.FakeOpenAiSpeech;
import fableforge.testing.SlowTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --video}: the video, its subtitles and its timeline beside story.json, without a browser. */
@SlowTest // a 20-scene video render
class GenerateVideoCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int generate(Map<String, String> env, String... args) {
        String[] full = Stream.concat(Stream.of("generate", "--no-progress"), Stream.of(args)).toArray(String[]::new);
        return Main.run(full, env, dir.resolve("no.env"), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void draftVideoOfAllTwentyScenesIsWrittenWithSubtitlesAndATimeline() throws Exception {
        Path outDir = dir.resolve("fox");

        int exit = generate(Map.of(), "--quiz", "examples/red-fox.json", "--out", outDir.toString(), "--seed", "7", "--draft",
                "--length", "120", "--captions", "words");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode video = new ObjectMapper().readTree(outDir.resolve("story.json").toFile()).path("video");
        assertThat(video.path("file").asText()).isEqualTo("video-draft.mp4");
        assertThat(video.path("quality").asText()).isEqualTo("draft");
        assertThat(video.path("narration").asText()).isEqualTo("none");
        // The default (a minute for 9:16) is checked on the web's draft in VideoApiTest; here the length asked for.
        assertThat(video.path("length_seconds").asInt()).isEqualTo(120);
        assertThat(video.path("captions").asText()).isEqualTo("words");
        assertThat(video.path("duration_seconds").asDouble()).as("--length 120: 114-126 s").isBetween(114.0, 126.0);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(outDir.resolve("video-draft.mp4").toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(480);
            assertThat(grabber.getImageHeight()).isEqualTo(854);
            assertThat(grabber.getLengthInTime() / 1e6).isCloseTo(video.path("duration_seconds").asDouble(),
                    org.assertj.core.data.Offset.offset(0.1));
        }
        assertThat(outDir.resolve("video.mp4")).as("a draft only").doesNotExist();
        String srt = Files.readString(outDir.resolve("video.srt"));
        assertThat(srt).startsWith("1\r\n00:00:00,000 --> ").contains("Ember");
        var timeline = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(outDir.resolve("timeline.fcpxml").toFile());
        assertThat(timeline.getElementsByTagName("spine").item(0).getChildNodes().getLength()).isEqualTo(20);
        assertThat(timeline.getElementsByTagName("media-rep").item(0).getAttributes().getNamedItem("src").getNodeValue())
                .isEqualTo(outDir.toAbsolutePath().resolve("images/scene-01.png").toUri().toString());
        assertThat(out.toString()).contains("Video: video-draft.mp4, 480x854");
    }

    @Test
    void aLengthOutsideFifteenToSixHundredSecondsOrAnUnknownCaptionStyleIsRefusedBeforeAnythingIsWritten() {
        Path outDir = dir.resolve("fox");

        assertThat(generate(Map.of(), "--quiz", "examples/red-fox.json", "--out", outDir.toString(), "--length", "14")).isEqualTo(2);
        assertThat(err.toString()).contains("--length 14: it must be a whole number of seconds from 15 to 600");
        assertThat(generate(Map.of(), "--quiz", "examples/red-fox.json", "--out", outDir.toString(), "--captions", "karaoke")).isEqualTo(2);
        assertThat(err.toString()).contains("--captions karaoke: must be one of phrase, words, none");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void unknownNarrationIsRefusedBeforeAnythingIsWritten() {
        Path outDir = dir.resolve("x");

        assertThat(generate(Map.of(), "--quiz", "examples/red-fox.json", "--out", outDir.toString(), "--video", "--narration", "robot"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("narration must be none, local or openai").contains("Nothing was written");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void missingMusicFileIsRefusedBeforeAnythingIsWritten() {
        Path outDir = dir.resolve("x");

        assertThat(generate(Map.of(), "--quiz", "examples/red-fox.json", "--out", outDir.toString(), "--video",
                "--music", dir.resolve("none.mp3").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("none.mp3: no such readable file");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void aKeyTheNarrationProviderRefusesStopsAtTheStartUpModelCheckBeforeAnythingIsWritten() throws Exception {
        Path outDir = dir.resolve("refused");
        try (FakeOpenAiSpeech speech = new FakeOpenAiSpeech()) {
            Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-not-this-one", "OPENAI_BASE_URL", speech.baseUrl(),
                    "STORY_PROVIDER", "offline", "IMAGE_PROVIDER", "offline");

            int exit = generate(env, "--quiz", "examples/red-fox.json", "--out", outDir.toString(), "--seed", "7", "--draft",
                    "--narration", "openai");

            assertThat(exit).isEqualTo(2);
            assertThat(speech.server().requests()).as("GET /v1/models, refused").hasSize(1);
        }
        assertThat(err.toString()).contains("OPENAI_API_KEY").contains("Incorrect API key");
        assertThat(outDir).as("nothing written").doesNotExist();
    }

    @Test
    void openAiNarrationWithoutAKeyIsRefused() {
        assertThat(generate(Map.of(), "--quiz", "examples/red-fox.json", "--out", dir.resolve("x").toString(), "--narration", "openai"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("needs OPENAI_API_KEY");
    }
}
