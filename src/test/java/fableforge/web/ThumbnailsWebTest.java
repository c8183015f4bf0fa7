package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.TestPngs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thumbnails through the web app (issue 14): a story stored before thumbnails existed (the seeded
 * fixture writes only full images) gets each thumbnail on its first request, and {@code /media}'s
 * caching: versioned keys immutable, others an ETag and 304. Starts the app once: what it checks is
 * the route, its access check and the store together.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThumbnailsWebTest {

    private TestApp app;
    private Path data;
    private String storyId;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        this.data = data;
        app = TestApp.start(Map.of(), data);
        storyId = ApprovedStories.seed(app, data);
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
    }

    @Test
    void everyImageOfAnOlderStoryGetsItsThumbnailOnFirstRequestWithinTheBudget() throws Exception {
        JsonNode images = app.story(storyId).get("images");
        long total = 0;
        for (int scene = 1; scene <= 20; scene++) {
            JsonNode image = images.get(String.valueOf(scene));
            String thumbUrl = image.get("thumb_url").asText();
            assertThat(thumbUrl).isEqualTo(image.get("url").asText() + ".thumb.jpg");
            assertThat(image.get("attempts").get(0).get("thumb_url").asText()).isEqualTo(thumbUrl);
            HttpResponse<byte[]> thumb = app.fetch(app.uri("/" + thumbUrl.replaceFirst("^/", "")));
            assertThat(thumb.statusCode()).as(thumbUrl).isEqualTo(200);
            assertThat(thumb.headers().firstValue("Content-Type")).contains("image/jpeg");
            assertThat(thumb.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(thumb.body()));
            assertThat(decoded.getWidth()).isLessThanOrEqualTo(480);
            total += thumb.body().length;
        }
        assertThat(total).isLessThanOrEqualTo(1_600_000);
        assertThat(data.resolve("media/stories/" + storyId + "/scene-07-a1.png.thumb.jpg")).as("stored once made").isRegularFile();
    }

    @Test
    void theStoryListsCoverIsTheFirstImagesThumbnail() throws Exception {
        JsonNode item = null;
        for (JsonNode story : app.get("/api/stories").get("stories")) {
            if (story.get("story_id").asText().equals(storyId)) {
                item = story;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.get("thumb_url").asText()).isEqualTo(item.get("thumbnail_url").asText() + ".thumb.jpg");
    }

    @Test
    void aThumbnailOfNoImageIsUnknown() throws Exception {
        assertThat(app.fetch(app.uri("/media/stories/" + storyId + "/scene-21-a1.png.thumb.jpg")).statusCode()).isEqualTo(404);
        assertThat(data.resolve("media/stories/" + storyId + "/scene-21-a1.png.thumb.jpg")).doesNotExist();
    }

    @Test
    void aThumbnailThatCannotBeMadeSendsTheBrowserToTheFullImage() throws Exception {
        Path broken = data.resolve("media/stories/" + storyId + "/scene-01-a9.png");
        Files.write(broken, new byte[] {1, 2, 3});
        HttpResponse<byte[]> answer = app.fetch(app.uri("/media/stories/" + storyId + "/scene-01-a9.png.thumb.jpg"));
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).contains("scene-01-a9.png");
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void aFileThatMayBeReplacedHasAnETagAndAnswers304WhenUnchanged() throws Exception {
        String sheet = "/media/stories/" + storyId + "/character-sheet.png";
        Files.write(data.resolve("media/stories/" + storyId + "/character-sheet.png"), TestPngs.blank(40, 40));
        HttpResponse<byte[]> first = app.fetch(app.uri(sheet));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).contains("public, no-cache");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = app.fetch(app.uri(sheet), "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).contains(etag);

        Files.write(data.resolve("media/stories/" + storyId + "/character-sheet.png"), TestPngs.blank(41, 41));
        HttpResponse<byte[]> changed = app.fetch(app.uri(sheet), "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
    }
}
