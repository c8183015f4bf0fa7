package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media URLs resolve from the document that carries them (issue 14, RFC 3986 §5.2 as
 * {@link URI#resolve} does it): {@code /story/<id>}, an {@code image_ready} event of the stream and
 * {@code /api/stories}, each URL fetched → 200. The seeded story's rows hold the relative
 * {@code media/…} URLs stories stored before, which resolved to {@code /story/media/…} (404).
 */
class MediaUrlsWebTest {

    @TempDir
    Path data;

    @Test
    void everyMediaUrlInTheStoryTheStreamAndTheListResolvesFromItsDocumentToAFile() throws Exception {
        try (TestApp app = TestApp.start(Map.of(), data)) {
            String id = ApprovedStories.seed(app, data);
            URI storyUri = app.uri("/story/" + id);
            List<String> urls = imageUrls(app.get("/story/" + id));
            assertThat(urls).hasSizeGreaterThanOrEqualTo(80).allMatch(url -> url.startsWith("/media/"));
            for (String url : urls) {
                assertFetched(app, storyUri, url);
            }
            URI listUri = app.uri("/api/stories");
            JsonNode listed = app.get("/api/stories").get("stories").get(0);
            for (String field : List.of("thumbnail_url", "thumb_url")) {
                String thumbnail = listed.get(field).asText();
                assertThat(thumbnail).startsWith("/media/");
                assertFetched(app, listUri, thumbnail);
            }

            URI streamUri = app.uri("/stream?channel=" + id);
            try (SseClient events = app.streamEvents(id)) {
                TestApp.Response rejected = app.post("/approve_image/" + id + "/3", "{\"action\":\"reject\",\"reason\":\"colours\"}");
                assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
                JsonNode ready = events.await(list -> list.stream().anyMatch(e -> e.name().equals("image_ready")), Duration.ofSeconds(120))
                        .stream().filter(e -> e.name().equals("image_ready")).findFirst().orElseThrow().data();
                for (String field : List.of("url", "thumb_url")) {
                    String drawn = ready.get(field).asText();
                    assertThat(drawn).startsWith("/media/");
                    assertFetched(app, streamUri, drawn);
                }
                assertFetched(app, storyUri, app.get("/story/" + id).get("images").get("3").get("url").asText());
            }
        }
    }

    @Test
    void behindAProxyUnderASubPathUrlsStartWithPublicBaseUrl() throws Exception {
        try (TestApp app = TestApp.start(Map.of("PUBLIC_BASE_URL", "https://stories.example.org/ff/"), data)) {
            String id = ApprovedStories.seed(app, data);
            List<String> urls = imageUrls(app.get("/story/" + id));
            urls.add(app.get("/api/stories").get("stories").get(0).get("thumbnail_url").asText());
            urls.add(app.get("/api/stories").get("stories").get(0).get("thumb_url").asText());
            for (String url : urls) {
                assertThat(url).startsWith("https://stories.example.org/ff/media/");
                // What the proxy does: /ff/... on its host is / on the app's.
                assertFetched(app, app.uri("/"), url.substring("https://stories.example.org/ff".length()));
            }
        }
    }

    @Test
    void anEventLoggedWithRelativeUrlsIsReplayedWithAbsoluteOnes() throws Exception {
        try (TestApp app = TestApp.start(Map.of("PUBLIC_BASE_URL", "https://stories.example.org/ff/"), data)) {
            String id = ApprovedStories.seed(app, data);
            // As the image worker logged image_ready before MediaUrls.
            app.server().events().emit(id, new fableforge.wire.EventPayload.ImageReady(3, "media/stories/" + id + "/scene-03-a1.png",
                    "pending_approval", 1, "p", "p", null, "media/stories/" + id + "/scene-03-a1.png.thumb.jpg"), "old-image:3:1");
            try (SseClient events = app.streamEvents(id)) {
                JsonNode ready = events.await(list -> list.stream().anyMatch(e -> e.name().equals("image_ready")), Duration.ofSeconds(60))
                        .stream().filter(e -> e.name().equals("image_ready")).findFirst().orElseThrow().data();
                assertThat(ready.get("url").asText()).isEqualTo("https://stories.example.org/ff/media/stories/" + id + "/scene-03-a1.png");
                assertThat(ready.get("thumb_url").asText())
                        .isEqualTo("https://stories.example.org/ff/media/stories/" + id + "/scene-03-a1.png.thumb.jpg");
            }
        }
    }

    private static List<String> imageUrls(JsonNode story) {
        List<String> urls = new ArrayList<>();
        story.get("images").forEach(image -> {
            urls.add(image.get("url").asText());
            urls.add(image.get("thumb_url").asText());
            image.get("attempts").forEach(version -> {
                urls.add(version.get("url").asText());
                urls.add(version.get("thumb_url").asText());
            });
        });
        return urls;
    }

    private static void assertFetched(TestApp app, URI document, String url) throws Exception {
        URI resolved = document.resolve(url);
        assertThat(app.fetch(resolved).statusCode()).as(url + " from " + document + " → " + resolved).isEqualTo(200);
    }
}
