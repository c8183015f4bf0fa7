package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.testing.SlowTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import fableforge.web.SseClient.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process killed with SIGKILL in the middle of generation, started again on the same data
 * directory: the story finishes with exactly 20 images and no event twice.
 */
@SlowTest // a server in a second JVM, killed and started again
class KillAndRestartTest {

    @TempDir
    Path data;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void storyKilledMidGenerationFinishesAfterRestartWithTwentyImagesAndNoDuplicateEvents() throws Exception {
        ChildNode first = ChildNode.start(data, SLOWED_DOWN);
        String id;
        try {
            JsonNode submitted = mapper.readTree(post(first.url("/submit"), Files.readString(Path.of("examples/red-fox.json"))).body());
            id = submitted.get("story_id").asText();
            ObjectNode approve = mapper.createObjectNode().put("story_id", id);
            submitted.get("scenes").forEach(approve.putArray("scenes")::add);
            assertThat(post(first.url("/approve_scenes"), approve.toString()).statusCode()).isEqualTo(202);
            JsonNode midway = waitFor(first, id, story -> story.get("completed_scenes").asInt() >= 4);
            assertThat(midway.get("completed_scenes").asInt()).isBetween(4, 19);
        } finally {
            first.kill();
        }

        ChildNode second = ChildNode.start(data, SLOWED_DOWN);
        try {
            JsonNode story = waitFor(second, id, s -> s.get("status").asText().equals("images_ready"));
            assertThat(story.get("completed_scenes").asInt()).isEqualTo(20);
            for (JsonNode image : story.get("images")) {
                assertThat(image.get("attempts")).as("one attempt per scene").hasSize(1);
                assertThat(image.get("status").asText()).isEqualTo("pending_approval");
            }
            List<Event> events = replay(second, id);
            List<String> names = events.stream().map(Event::name).toList();
            assertThat(names).filteredOn("image_ready"::equals).hasSize(20);
            Set<Integer> scenes = new HashSet<>();
            events.stream().filter(e -> e.name().equals("image_ready"))
                    .forEach(e -> scenes.add(e.data().get("scene_number").asInt()));
            assertThat(scenes).hasSize(20);
            assertThat(names).filteredOn("story_complete"::equals).hasSize(1);
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).id()).as("sequence without gaps").isEqualTo(i + 1);
            }
        } finally {
            second.kill();
        }
    }

    /** The story's whole event stream, read from the start until story_complete. */
    private List<Event> replay(ChildNode server, String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/stream?channel=" + id)))
                .header("Accept", "text/event-stream").build();
        try (SseClient stream = new SseClient(http.send(request, HttpResponse.BodyHandlers.ofLines()))) {
            return stream.await(events -> events.stream().anyMatch(e -> e.name().equals("story_complete")), Duration.ofSeconds(30));
        }
    }

    private JsonNode waitFor(ChildNode server, String id, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode story = null;
        while (System.nanoTime() < deadline) {
            story = mapper.readTree(http.send(HttpRequest.newBuilder(URI.create(server.url("/story/" + id))).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (condition.test(story)) {
                return story;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("story never reached the expected state; last seen: " + story);
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final Map<String, String> SLOWED_DOWN = Map.of("OFFLINE_LATENCY_MS", "400", "IMAGE_MAX_CONCURRENT", "2");
}
