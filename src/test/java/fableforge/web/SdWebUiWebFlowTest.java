package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.fake.FakeSdWebUi;
import fableforge.fake.FakeSdWebUi.Trouble;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole web flow drawing on a Stable Diffusion WebUI (the fake), with basic auth and a flaky GPU. */
class SdWebUiWebFlowTest {

    @TempDir
    Path data;

    private final FakeSdWebUi webUi = new FakeSdWebUi().requireAuth("u:p");
    private TestApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        webUi.close();
    }

    private void start(String... extra) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("IMAGE_PROVIDER", "sdwebui", "SD_WEBUI_URL", webUi.url(),
                "SD_WEBUI_AUTH", "u:p", "IMAGE_RETRY_BASE_MS", "20"));
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        app = TestApp.start(env, data);
    }

    private HttpResponse<byte[]> image(String url) throws Exception {
        return app.fetch(app.uri(url));
    }

    private static Stream<JsonNode> images(JsonNode story) {
        return StreamSupport.stream(story.get("images").spliterator(), false);
    }

    @Test
    void approvedScenesAreDrawnByTheWebUiWithOneSeedStoredLocallyAndOutOfMemoryIsRetried() throws Exception {
        start();
        webUi.next(Trouble.OUT_OF_MEMORY, Trouble.OUT_OF_MEMORY, Trouble.OUT_OF_MEMORY);
        long started = System.nanoTime();

        String id = app.submitAndApprove(TestApp.redFoxQuiz());
        JsonNode story = app.waitForStatus(id, "images_ready");

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(story.get("status").asText()).as(story.toString()).isEqualTo("images_ready");
        assertThat(story.get("images").size()).isEqualTo(20);
        assertThat(webUi.requests()).hasSize(23);
        assertThat(webUi.drawn()).hasSize(20);
        assertThat(webUi.drawn()).extracting(FakeSdWebUi.Drawn::seed).containsOnly(webUi.drawn().get(0).seed());
        assertThat(webUi.drawn()).extracting(FakeSdWebUi.Drawn::prompt).doesNotHaveDuplicates();
        assertThat(images(story).mapToInt(image -> image.get("tries").asInt()).sum()).isEqualTo(23);
        for (int n = 1; n <= 20; n++) {
            String url = story.get("images").get(String.valueOf(n)).get("url").asText();
            HttpResponse<byte[]> file = image(url);
            assertThat(file.headers().firstValue("Content-Type")).contains("image/png");
            var picture = ImageIO.read(new ByteArrayInputStream(file.body()));
            assertThat(picture.getWidth() + "x" + picture.getHeight()).isEqualTo("576x1024");
        }
        try (Stream<Path> stored = Files.walk(data.resolve("media"))) {
            assertThat(stored.filter(path -> path.toString().endsWith(".png"))).hasSize(20);
        }

        JsonNode images = app.get("/health").get("providers").get("images");
        assertThat(images.get("adapter").asText()).isEqualTo("sdwebui");
        assertThat(images.get("last_call").get("answered").asBoolean()).isTrue();
        assertThat(images.get("last_call").get("http_status").asInt()).isEqualTo(200);
        assertThat(Instant.parse(images.get("last_call").get("at").asText())).isBetween(Instant.now().minusSeconds(120), Instant.now());
        System.out.printf("[FIGURES] 20 images via FakeSdWebUi (3 OOM retried): %d ms%n", took.toMillis());
    }

    @Test
    void aRejectedImageIsRedrawnWithTheNextSeed() throws Exception {
        start();
        String id = app.submitAndApprove(TestApp.redFoxQuiz());
        app.waitForStatus(id, "images_ready");
        long storySeed = webUi.drawn().get(0).seed();
        byte[] first = image(app.story(id).get("images").get("5").get("url").asText()).body();

        assertThat(app.post("/approve_image/" + id + "/5", "{\"action\":\"reject\",\"reason\":\"colours\"}").status()).isEqualTo(200);
        JsonNode story = app.waitFor(id, s -> s.get("images").get("5").get("attempt").asInt() == 2
                && s.get("images").get("5").get("status").asText().equals("pending_approval"));

        assertThat(webUi.drawn()).hasSize(21);
        assertThat(webUi.drawn().get(20).seed()).isEqualTo(storySeed + 1);
        byte[] redrawn = image(story.get("images").get("5").get("url").asText()).body();
        assertThat(redrawn).isNotEqualTo(first);
    }

    @Test
    void aWebUiWithoutApiFailsEachImageOnceWithTheReasonAndHealthShowsTheAnswer() throws Exception {
        webUi.withoutApi();
        start();
        JsonNode before = app.get("/health").get("providers").get("images").get("last_call");
        assertThat(before.get("called").asBoolean()).isFalse();

        String id = app.submitAndApprove(TestApp.redFoxQuiz());
        JsonNode story = app.waitFor(id, s -> s.get("images").size() == 20
                && images(s).allMatch(image -> image.get("status").asText().equals("failed")));

        assertThat(images(story)).allSatisfy(image -> assertThat(image.get("error").asText()).contains("--api"));
        assertThat(webUi.requests()).as("a bad request is not retried").hasSize(20);
        JsonNode after = app.get("/health").get("providers").get("images").get("last_call");
        assertThat(after.get("answered").asBoolean()).isTrue();
        assertThat(after.get("http_status").asInt()).isEqualTo(404);
    }
}
