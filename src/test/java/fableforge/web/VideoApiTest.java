package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.testing.SlowTest;
import fableforge.video.Audio;
import fableforge.video.VideoProbe;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The video through the HTTP API on the offline providers: asked for once all 20 images are approved,
 * rendered as a 480p draft with live progress, served with byte ranges and packed in a ZIP; the checks
 * of a video request and of music uploads. One app serves every test here (each test makes its own
 * story or files), so its tests take turns; the restart and the spend limit have classes of their own, as they
 * need their own app.
 */
@SlowTest // video renders
@Execution(ExecutionMode.SAME_THREAD)
class VideoApiTest {

    @TempDir
    static Path data;

    private static TestApp app;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.start(Map.of(), data);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void approvedStoryBecomesADraftVideoWithOrderedProgressAndEveryFileServed() throws Exception {
        // Drawn straight into the store: the flow up to here has its own tests (WebApiTest), this one is about the video.
        String id = ApprovedStories.seedDrawn(app, data);

        TestApp.Response early = app.post("/generate_video/" + id, "{\"draft\":true}");
        assertThat(early.status()).as(early.text()).isEqualTo(409);
        assertThat(early.body().get("message").asText()).contains("approve all 20").contains("0 of 20 approved");

        app.approveEveryImage(id);
        String musicKey = uploadMusic(2.0).get("music_key").asText();
        ObjectNode options = TestApp.jsonObject().put("clips", "local").put("narration", "none").put("draft", true).put("music_key", musicKey);
        long asked = System.nanoTime();
        TestApp.Response accepted = app.post("/generate_video/" + id, options);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(accepted.body().get("version").asInt()).isEqualTo(1);
        assertThat(accepted.body().get("status").asText()).isIn("queued", "running");

        TestApp.Response again = app.post("/generate_video/" + id, options);
        assertThat(again.status()).as("the same request again while it renders").isEqualTo(202);
        assertThat(again.body().get("version").asInt()).isEqualTo(1);
        TestApp.Response other = app.post("/generate_video/" + id, "{\"draft\":false}");
        assertThat(other.status()).as("other options while version 1 renders").isEqualTo(409);
        assertThat(other.body().get("message").asText()).contains("version 1").contains("still being made");

        JsonNode story = app.waitFor(id, s -> s.path("video").path("status").asText().equals("done"));
        long renderMillis = (System.nanoTime() - asked) / 1_000_000;
        JsonNode video = story.get("video");
        assertThat(video.get("version").asInt()).isEqualTo(1);
        assertThat(video.get("options").get("draft").asBoolean()).isTrue();
        assertThat(video.get("options").get("music_key").asText()).isEqualTo(musicKey);
        assertThat(video.get("url").asText()).endsWith("stories/" + id + "/video-v1.mp4");
        assertThat(video.get("srt_url").asText()).endsWith("/video-v1.srt");
        assertThat(video.get("fcpxml_url").asText()).endsWith("/video-v1.fcpxml");
        assertThat(video.get("zip_url").asText()).endsWith("/video-v1.zip");
        assertThat(video.get("width").asInt()).isEqualTo(480);
        assertThat(video.get("height").asInt()).isEqualTo(854);
        assertThat(video.get("fallbacks")).isEmpty();
        assertThat(video.has("progress")).as("no progress once done").isFalse();

        List<SseClient.Event> events = videoEvents(app, id);
        assertProgressInOrder(events);
        SseClient.Event ready = events.getLast();
        assertThat(ready.name()).isEqualTo("video_ready");
        assertThat(ready.data().get("url").asText()).isEqualTo(video.get("url").asText());
        assertThat(ready.data().get("size_bytes").asLong()).isEqualTo(video.get("size_bytes").asLong()).isGreaterThan(10_000);
        assertThat(ready.data().get("duration_seconds").asDouble()).isEqualTo(video.get("duration_seconds").asDouble())
                .as("a 9:16 story defaults to a one-minute Short").isBetween(40.0, 61.0);
        assertThat(video.get("options").get("length_seconds").asInt()).isEqualTo(60);
        assertThat(video.get("options").get("caption_style").asText()).isEqualTo("phrase");

        byte[] mp4 = assertServedWithRanges(video.get("url").asText(), video.get("size_bytes").asLong());
        Path copy = Files.write(data.resolve("served.mp4"), mp4);
        VideoProbe probe = VideoProbe.of(copy);
        assertThat(probe.width()).isEqualTo(480);
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.hasAudio()).as("the uploaded music").isTrue();
        assertThat(probe.seconds()).isCloseTo(video.get("duration_seconds").asDouble(), offset(0.2));

        HttpResponse<byte[]> srt = app.fetch(app.uri(video.get("srt_url").asText()));
        assertThat(srt.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-subrip");
        assertThat(srt.headers().firstValue("Content-Disposition").orElse("")).isEqualTo("attachment; filename=\"video-v1.srt\"");
        assertThat(new String(srt.body(), StandardCharsets.UTF_8)).startsWith("1\r\n00:00:00,000 --> ");
        HttpResponse<byte[]> fcpxml = app.fetch(app.uri(video.get("fcpxml_url").asText()));
        assertThat(fcpxml.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        assertThat(new String(fcpxml.body(), StandardCharsets.UTF_8)).contains("<fcpxml version=\"1.10\"").contains("src=\"./images/scene-01.png\"");

        HttpResponse<byte[]> zip = app.fetch(app.uri(video.get("zip_url").asText()));
        assertThat(zip.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/zip");
        assertThat(zip.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
        Map<String, byte[]> entries = unzip(zip.body());
        List<String> expected = new ArrayList<>(List.of("story.json", "prompts.txt", "video.mp4", "video.srt", "timeline.fcpxml"));
        for (int scene = 1; scene <= 20; scene++) {
            expected.add("images/scene-%02d.png".formatted(scene));
        }
        assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(entries.get("video.mp4")).isEqualTo(mp4);
        assertThat(entries.get("video.srt")).isEqualTo(srt.body());
        assertThat(entries.get("timeline.fcpxml")).isEqualTo(fcpxml.body());
        JsonNode storyJson = TestApp.json(new String(entries.get("story.json"), StandardCharsets.UTF_8));
        assertThat(storyJson.get("story_id").asText()).isEqualTo(id);
        assertThat(storyJson.get("scenes")).hasSize(20);
        String prompts = new String(entries.get("prompts.txt"), StandardCharsets.UTF_8);
        assertThat(prompts).contains("Scene 1 (version 1)").contains("Scene 20 (version 1)");
        byte[] scene7 = app.fetch(app.uri(story.get("images").get("7").get("url").asText())).body();
        assertThat(entries.get("images/scene-07.png")).isEqualTo(scene7);

        // The shortest length: this render is only asked for, and keeps running while the class's other tests do.
        TestApp.Response second = app.post("/generate_video/" + id, "{\"draft\":true,\"length_seconds\":15}");
        assertThat(second.status()).as("a new request after a finished video").isEqualTo(202);
        assertThat(second.body().get("version").asInt()).isEqualTo(2);
        System.out.printf("[VIDEO TEST] 20-scene draft with music: %.1f s of video, %d bytes, asked→done %d ms%n",
                video.get("duration_seconds").asDouble(), video.get("size_bytes").asLong(), renderMillis);
    }

    @Test
    void musicThatIsNotAudioIsRefusedWithAReasonAndAudioIsKeptUnderAContentKey() throws Exception {
        byte[] wav = Audio.wav(tone(1.0), Audio.SAMPLE_RATE);

        TestApp.Response text = app.upload("/api/music", "la la la".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.body().get("message").asText()).contains("audio Content-Type").contains("audio/mpeg");
        byte[] pngHeader = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 4096);
        TestApp.Response png = app.upload("/api/music", pngHeader, "audio/mpeg");
        assertThat(png.status()).isEqualTo(415);
        assertThat(png.body().get("message").asText()).contains("not MP3 audio");
        byte[] headerOnly = Arrays.copyOf(wav, 60);
        Arrays.fill(headerOnly, 12, 60, (byte) 0x7F);
        TestApp.Response broken = app.upload("/api/music", headerOnly, "audio/wav");
        assertThat(broken.status()).isEqualTo(415);
        assertThat(broken.body().get("message").asText()).contains("cannot be played");
        TestApp.Response huge = app.upload("/api/music", new byte[21 * 1024 * 1024], "audio/wav");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.body().get("message").asText()).contains("over 20 MB");

        TestApp.Response good = app.upload("/api/music", wav, "audio/wav");
        assertThat(good.status()).as(good.text()).isEqualTo(201);
        assertThat(good.body().get("music_key").asText()).matches("music/[0-9a-f]{32}\\.wav");
        assertThat(good.body().get("duration_seconds").asDouble()).isCloseTo(1.0, offset(0.1));
        assertThat(app.upload("/api/music", wav, "audio/x-wav").body().get("music_key")).as("same file, same key")
                .isEqualTo(good.body().get("music_key"));
        assertThat(Files.list(data.resolve("uploads"))).as("no upload left in the scratch directory").isEmpty();
    }

    @Test
    void clipSourcesAndNarrationsThisServerLacksAreRefusedWith400() throws Exception {
        String id = app.submit(TestApp.redFoxQuiz()).get("story_id").asText();

        TestApp.Response kling = app.post("/generate_video/" + id, "{\"clips\":\"kling\"}");
        assertThat(kling.status()).isEqualTo(400);
        assertThat(kling.body().get("message").asText()).contains("Kling clips are not configured");
        TestApp.Response hailuo = app.post("/generate_video/" + id, "{\"clips\":\"hailuo\"}");
        assertThat(hailuo.body().get("message").asText()).contains("Hailuo clips are not configured");
        assertThat(app.post("/generate_video/" + id, "{\"clips\":\"sora\"}").body().get("message").asText())
                .contains("clips must be one of local, kling, hailuo");
        TestApp.Response openai = app.post("/generate_video/" + id, "{\"narration\":\"openai\"}");
        assertThat(openai.status()).isEqualTo(400);
        assertThat(openai.body().get("message").asText()).contains("OPENAI_API_KEY");
        assertThat(app.post("/generate_video/" + id, "{\"draft\":\"yes\"}").status()).isEqualTo(400);
        TestApp.Response music = app.post("/generate_video/" + id, "{\"music_key\":\"../../etc/passwd\"}");
        assertThat(music.status()).isEqualTo(400);
        assertThat(music.body().get("message").asText()).contains("POST /api/music");

        JsonNode health = app.get("/health").get("video");
        assertThat(health.get("clips")).containsExactly(TestApp.json("\"local\""));
        assertThat(health.get("narration").get(0).asText()).isEqualTo("none");
        assertThat(health.get("narration").toString()).doesNotContain("openai");
    }

    @Test
    void textMediaIsSentWholeAndMayBeCompressedWhileBinaryMediaIsServedInRanges() throws Exception {
        String srt = "1\r\n00:00:00,000 --> 00:00:03,700\r\nLong ago, in the enchanted forest\r\n\r\n".repeat(100);
        Files.createDirectories(data.resolve("media/stories/abc"));
        Files.writeString(data.resolve("media/stories/abc/video-v1.srt"), srt);
        byte[] zip = new byte[10_000];
        new java.util.Random(7).nextBytes(zip);
        Files.write(data.resolve("media/stories/abc/video-v1.zip"), zip);

        HttpResponse<byte[]> text = app.fetch(app.uri("/media/stories/abc/video-v1.srt"), "Accept-Encoding", "gzip", "Range", "bytes=0-9");
        assertThat(text.statusCode()).as("a range of text that may be compressed is not honoured").isEqualTo(200);
        assertThat(text.headers().firstValue("Accept-Ranges")).contains("none");
        assertThat(text.headers().firstValue("Content-Encoding")).as("Javalin compresses text for a browser that accepts it").contains("gzip");
        byte[] body = text.headers().firstValue("Content-Encoding").orElse("").equals("gzip")
                ? new java.util.zip.GZIPInputStream(new ByteArrayInputStream(text.body())).readAllBytes() : text.body();
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(srt);

        HttpResponse<byte[]> part = app.fetch(app.uri("/media/stories/abc/video-v1.zip"), "Accept-Encoding", "gzip", "Range", "bytes=9000-");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(part.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"video-v1.zip\"");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(zip, 9000, 10_000));
        assertThat(app.fetch(app.uri("/media/stories/abc/missing.mp4")).statusCode()).isEqualTo(404);
        assertThat(app.fetch(app.uri("/media/stories/abc/.hidden.mp4")).statusCode()).isEqualTo(404);
    }

    /** The MP4's bytes, after checking a whole GET, a middle range, a suffix range, an open range and a bad range. */
    private static byte[] assertServedWithRanges(String url, long size) throws Exception {
        java.net.URI uri = app.uri(url);
        HttpResponse<byte[]> whole = app.fetch(uri);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type").orElse("")).isEqualTo("video/mp4");
        assertThat(whole.headers().firstValue("Accept-Ranges").orElse("")).isEqualTo("bytes");
        assertThat(whole.body()).hasSize((int) size);

        HttpResponse<byte[]> middle = app.fetch(uri, "Range", "bytes=1000-1999");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range").orElse("")).isEqualTo("bytes 1000-1999/" + size);
        assertThat(middle.headers().firstValue("Content-Length").orElse("")).isEqualTo("1000");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 1000, 2000));

        HttpResponse<byte[]> tail = app.fetch(uri, "Range", "bytes=-500");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("Content-Range").orElse("")).isEqualTo("bytes " + (size - 500) + "-" + (size - 1) + "/" + size);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole.body(), (int) size - 500, (int) size));

        HttpResponse<byte[]> open = app.fetch(uri, "Range", "bytes=0-");
        assertThat(open.statusCode()).as("what a browser's <video> asks first").isEqualTo(206);
        assertThat(open.body()).isEqualTo(whole.body());

        HttpResponse<byte[]> beyond = app.fetch(uri, "Range", "bytes=" + size + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range").orElse("")).isEqualTo("bytes */" + size);
        return whole.body();
    }

    /** video_progress events come in order, rendering walks the scenes 1 → 20, and video_ready comes last. */
    private static void assertProgressInOrder(List<SseClient.Event> events) {
        List<JsonNode> progress = events.stream().filter(e -> e.name().equals("video_progress")).map(SseClient.Event::data).toList();
        List<Integer> scenes = progress.stream().filter(p -> p.get("stage").asText().equals("rendering") && p.has("scene_number"))
                .map(p -> p.get("scene_number").asInt()).distinct().toList();
        assertThat(scenes).as("every scene announced while rendering, in order").isEqualTo(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
        List<Integer> percents = progress.stream().map(p -> p.get("percent").asInt()).toList();
        assertThat(percents).as("percent never goes back").isSorted();
        List<String> stages = progress.stream().map(p -> p.get("stage").asText()).distinct().toList();
        assertThat(stages).containsExactly("rendering", "encoding", "storing");
        assertThat(progress).allSatisfy(p -> {
            assertThat(p.get("version").asInt()).isEqualTo(1);
            assertThat(p.get("total_scenes").asInt()).isEqualTo(20);
            assertThat(p.get("scenes_done").asInt()).isBetween(0, 20);
        });
        assertThat(progress.size()).as("throttled: a few per scene, not one per frame").isBetween(20, 200);
    }

    /** Every video event of the story from the event log (SSE replay), up to and including video_ready. */
    static List<SseClient.Event> videoEvents(TestApp app, String storyId) throws Exception {
        try (SseClient stream = app.streamEvents(storyId)) {
            return stream.awaitEvent("video_ready").stream().filter(event -> event.name().startsWith("video_")).toList();
        }
    }

    private static JsonNode uploadMusic(double seconds) throws Exception {
        TestApp.Response uploaded = app.upload("/api/music", Audio.wav(tone(seconds), Audio.SAMPLE_RATE), "audio/wav");
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        return uploaded.body();
    }

    private static float[] tone(double seconds) {
        float[] samples = new float[(int) (seconds * Audio.SAMPLE_RATE)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / Audio.SAMPLE_RATE));
        }
        return samples;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
