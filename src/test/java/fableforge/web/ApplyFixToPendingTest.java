package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.App;
import fableforge.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rejection's fix carried to the scenes whose images have not started yet. */
class ApplyFixToPendingTest {

    @TempDir
    Path data;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rejectionFixIsAddedToThePromptsOfScenesNotYetDrawn() throws Exception {
        // One image at a time, slowly, so most scenes are still queued when scene 1 is rejected.
        Config config = Config.load(Map.of("IMAGE_MAX_CONCURRENT", "1", "OFFLINE_LATENCY_MS", "300"), data.resolve("none.env"));
        try (App.RunningServer server = new App(config, Clock.systemUTC()).serve("127.0.0.1", 0, data)) {
            String base = "http://127.0.0.1:" + server.port();
            JsonNode submitted = mapper.readTree(post(base + "/submit", Files.readString(Path.of("examples/red-fox.json"))).body());
            String id = submitted.get("story_id").asText();
            ObjectNode approve = mapper.createObjectNode().put("story_id", id);
            ArrayNode scenes = approve.putArray("scenes");
            submitted.get("scenes").forEach(scenes::add);
            post(base + "/approve_scenes", approve.toString());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!story(base, id).path("images").path("1").path("status").asText().equals("pending_approval")
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            HttpResponse<String> rejected = post(base + "/approve_image/" + id + "/1",
                    "{\"action\":\"reject\",\"reason\":\"composition\",\"apply_to_pending\":true}");

            assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
            int applied = mapper.readTree(rejected.body()).get("applied_to_pending").asInt();
            assertThat(applied).isGreaterThan(10);
            JsonNode last = story(base, id).path("images").path("20");
            assertThat(last.path("prompt").asText()).contains("Fix: the hero clearly visible and centred");
        }
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode story(String base, String id) throws Exception {
        return mapper.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/story/" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
