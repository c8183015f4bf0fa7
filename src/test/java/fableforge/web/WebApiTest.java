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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed-compatible HTTP API end to end on the offline providers. */
class WebApiTest {

    @TempDir
    Path data;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private App.RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = new App(Config.load(Map.of(), data.resolve("none.env")), Clock.systemUTC()).serve("127.0.0.1", 0, data);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return mapper.readTree(response.body());
    }

    private JsonNode submitRedFox() throws Exception {
        HttpResponse<String> response = send("POST", "/submit", Files.readString(Path.of("examples/red-fox.json")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private JsonNode approveScenesAndWait(JsonNode submitted) throws Exception {
        ObjectNode body = mapper.createObjectNode().put("story_id", submitted.get("story_id").asText());
        ArrayNode scenes = body.putArray("scenes");
        submitted.get("scenes").forEach(scenes::add);
        scenes.set(0, mapper.getNodeFactory().textNode("An edited first scene: Ember waits alone by the river."));
        HttpResponse<String> approved = send("POST", "/approve_scenes", body.toString());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
        return waitFor(submitted.get("story_id").asText(), story -> story.get("status").asText().equals("images_ready"));
    }

    private JsonNode waitFor(String storyId, java.util.function.Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonNode story = json(send("GET", "/story/" + storyId, null));
            if (condition.test(story) || System.nanoTime() > deadline) {
                return story;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void submitReturnsTwentyScenesWithBeatsAndAnUnguessableId() throws Exception {
        JsonNode story = submitRedFox();

        assertThat(story.get("story_id").asText()).matches("[0-9a-f]{32}");
        assertThat(story.get("scenes")).hasSize(20);
        assertThat(story.get("beats")).hasSize(20);
        assertThat(story.get("beats").get(0).asText()).isEqualTo("underdog");
        assertThat(story.get("character").get("name").asText()).isEqualTo("Ember");
    }

    @Test
    void invalidQuizGetsPerFieldMessagesAndStoresNothing() throws Exception {
        HttpResponse<String> response = send("POST", "/submit", "{\"animal\":\"\",\"aspect_ratio\":\"4:3\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo("invalid_quiz");
        assertThat(body.get("fields").fieldNames()).toIterable().contains("animal", "setting", "visual_style", "aspect_ratio");
        assertThat(json(send("GET", "/api/stories", null)).get("stories")).isEmpty();
    }

    @Test
    void badRequestsGetA4xxJsonErrorThatSaysWhatToFix() throws Exception {
        assertThat(send("POST", "/submit", "{not json").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/approve_scenes", "{\"story_id\":\"nope\",\"scenes\":[]}").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/story/0123", null).statusCode()).isEqualTo(404);
        JsonNode story = submitRedFox();
        String id = story.get("story_id").asText();
        HttpResponse<String> tooFew = send("POST", "/approve_scenes", "{\"story_id\":\"" + id + "\",\"scenes\":[\"a\"]}");
        assertThat(tooFew.statusCode()).isEqualTo(400);
        assertThat(json(tooFew).get("message").asText()).contains("exactly 20");
        assertThat(send("POST", "/approve_image/" + id + "/3", "{\"action\":\"maybe\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/approve_image/" + id + "/99", "{\"action\":\"approve\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/approve_image/" + id + "/3", "{\"action\":\"approve\"}").statusCode()).isEqualTo(409);
        assertThat(send("POST", "/submit", "{\"animal\":\"" + "x".repeat(70_000) + "\"}").statusCode()).isEqualTo(413);
        assertThat(json(send("GET", "/story/" + id, null)).get("status").asText()).isEqualTo("scenes_ready");
    }

    @Test
    void approvedScenesBecomeTwentyImagesThatCanBeRejectedRegeneratedAndApproved() throws Exception {
        JsonNode submitted = submitRedFox();
        String id = submitted.get("story_id").asText();

        JsonNode story = approveScenesAndWait(submitted);
        assertThat(story.get("status").asText()).isEqualTo("images_ready");
        ObjectNode again = mapper.createObjectNode().put("story_id", id);
        story.get("scenes").forEach(scene -> again.withArray("scenes").add(scene.get("text").asText()));
        assertThat(send("POST", "/approve_scenes", again.toString()).statusCode()).as("a retried approval").isEqualTo(202);
        again.withArray("scenes").set(3, mapper.getNodeFactory().textNode("Different text."));
        assertThat(send("POST", "/approve_scenes", again.toString()).statusCode()).isEqualTo(409);
        assertThat(json(send("GET", "/story/" + id, null)).get("images").get("1").get("attempts")).hasSize(1);
        assertThat(story.get("scenes").get(0).get("text").asText()).startsWith("An edited first scene");
        assertThat(story.get("scenes").get(0).get("edited").asBoolean()).isTrue();
        assertThat(story.get("images").size()).isEqualTo(20);
        String url = story.get("images").get("1").get("url").asText();
        HttpResponse<String> image = send("GET", "/" + url, null);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");

        HttpResponse<String> rejected = send("POST", "/approve_image/" + id + "/5", "{\"action\":\"reject\",\"reason\":\"colours\"}");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        JsonNode regenerated = waitFor(id, s -> s.get("images").get("5").get("attempt").asInt() == 2
                && s.get("images").get("5").get("status").asText().equals("pending_approval"));
        assertThat(regenerated.get("images").get("5").get("attempts")).hasSize(2);
        assertThat(regenerated.get("images").get("5").get("prompt").asText()).contains("Fix: the hero's colours");

        for (int n = 1; n <= 20; n++) {
            HttpResponse<String> approved = send("POST", "/approve_image/" + id + "/" + n, "{\"action\":\"approve\"}");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        }
        JsonNode done = json(send("GET", "/story/" + id, null));
        assertThat(done.get("status").asText()).isEqualTo("all_approved");
        assertThat(done.get("approved_scenes").asInt()).isEqualTo(20);

        List<String> names = eventNames(id, 0);
        assertThat(names.stream().filter("image_ready"::equals)).hasSize(21);
        assertThat(names).contains("story_complete", "approval_update").endsWith("all_approved");
        List<String> replay = eventNames(id, names.size() - 1);
        assertThat(replay).containsExactly("all_approved");
    }

    /** Reads the event stream of a story from after {@code lastEventId} until the replay is drained. */
    private List<String> eventNames(String storyId, int lastEventId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/stream?channel=" + storyId))
                .header("Accept", "text/event-stream").header("Last-Event-ID", String.valueOf(lastEventId)).build();
        List<String> names = new ArrayList<>();
        var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.headers().firstValue("X-Accel-Buffering")).contains("no");
        var lines = response.body().iterator();
        int lastId = lastEventId;
        Thread reader = Thread.currentThread();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(5_000);
                reader.interrupt();
            } catch (InterruptedException ignored) {
                // finished in time
            }
        });
        try {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("id: ")) {
                    lastId = Integer.parseInt(line.substring(4).strip());
                } else if (line.startsWith("event: ")) {
                    names.add(line.substring(7).strip());
                    if (names.get(names.size() - 1).equals("all_approved")) {
                        break;
                    }
                }
            }
        } finally {
            watchdog.interrupt();
            response.body().close();
        }
        return names;
    }

    @Test
    void unfinishedJobsAreResumedAfterARestart() throws Exception {
        JsonNode submitted = submitRedFox();
        String id = submitted.get("story_id").asText();
        approveScenesAndWait(submitted);
        server.close();

        // Simulate a crash mid-generation: mark two produced attempts as still running.
        try (var database = fableforge.store.Database.open(data)) {
            database.jdbi().useHandle(handle -> handle.execute(
                    "UPDATE image_attempt SET status = 'running', url = NULL WHERE story_id = ? AND scene_number IN (4, 9)", id));
        }
        server = new App(Config.load(Map.of(), data.resolve("none.env")), Clock.systemUTC()).serve("127.0.0.1", 0, data);

        JsonNode story = waitFor(id, s -> s.get("completed_scenes").asInt() == 20);
        assertThat(story.get("completed_scenes").asInt()).isEqualTo(20);
        assertThat(story.get("images").get("4").get("attempts")).hasSize(1);
    }

    @Test
    void anEarlierVersionCanBeApprovedInsteadOfTheNewest() throws Exception {
        JsonNode submitted = submitRedFox();
        String id = submitted.get("story_id").asText();
        approveScenesAndWait(submitted);
        send("POST", "/approve_image/" + id + "/2", "{\"action\":\"reject\",\"reason\":\"style\"}");
        waitFor(id, s -> s.get("images").get("2").get("status").asText().equals("pending_approval")
                && s.get("images").get("2").get("attempt").asInt() == 2);

        HttpResponse<String> approved = send("POST", "/approve_image/" + id + "/2", "{\"action\":\"approve\",\"attempt\":1}");

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode image = json(send("GET", "/story/" + id, null)).get("images").get("2");
        assertThat(image.get("attempt").asInt()).isEqualTo(1);
        assertThat(image.get("status").asText()).isEqualTo("approved");
        assertThat(image.get("latest_attempt").asInt()).isEqualTo(2);
        assertThat(send("POST", "/approve_image/" + id + "/2", "{\"action\":\"approve\",\"attempt\":7}").statusCode()).isEqualTo(409);
        assertThat(send("POST", "/approve_image/" + id + "/2", "{\"action\":\"approve\",\"attempt\":\"one\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void failedImagesAreReportedAndCanBeTriedAgain() throws Exception {
        JsonNode submitted = json(send("POST", "/submit", "{\"animal\":\"owl\",\"setting\":\"swamp\",\"visual_style\":\"anime\"}"));
        server.close();
        // From now on every simulated provider call fails and nothing is retried: all 20 images fail.
        server = new App(Config.load(Map.of("OFFLINE_FAILURE_RATE", "1", "IMAGE_MAX_TRIES", "1"), data.resolve("none.env")),
                Clock.systemUTC()).serve("127.0.0.1", 0, data);
        String id = submitted.get("story_id").asText();
        ObjectNode body = mapper.createObjectNode().put("story_id", id);
        submitted.get("scenes").forEach(body.putArray("scenes")::add);
        send("POST", "/approve_scenes", body.toString());

        JsonNode story = waitFor(id, s -> s.get("images").size() == 20 && java.util.stream.StreamSupport
                .stream(s.get("images").spliterator(), false).allMatch(i -> i.get("status").asText().equals("failed")));
        assertThat(story.get("images").get("7").get("error").asText()).contains("simulated failure");
        List<String> names = new ArrayList<>();
        // story_error comes after the 20th failure; read the log through a replay from the start.
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/stream?channel=" + id))
                .header("Accept", "text/event-stream").build();
        var lines = http.send(request, HttpResponse.BodyHandlers.ofLines());
        var iterator = lines.body().iterator();
        while (iterator.hasNext()) {
            String line = iterator.next();
            if (line.startsWith("event: ")) {
                names.add(line.substring(7));
                if (line.endsWith("story_error")) {
                    break;
                }
            }
        }
        lines.body().close();
        assertThat(names).filteredOn("image_failed"::equals).hasSize(20);
        assertThat(names).last().isEqualTo("story_error");

        HttpResponse<String> retried = send("POST", "/approve_image/" + id + "/7", "{\"action\":\"reject\",\"reason\":\"other\"}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(json(retried).get("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void streamWithoutTheEventStreamAcceptHeaderIsToldWhatToSend() throws Exception {
        HttpResponse<String> response = send("GET", "/stream?channel=" + submitRedFox().get("story_id").asText(), null);

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(json(response).get("message").asText()).contains("Accept: text/event-stream");
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        server.close();
        server = new App(Config.load(Map.of("SSE_HEARTBEAT_SECONDS", "1"), data.resolve("none.env")), Clock.systemUTC())
                .serve("127.0.0.1", 0, data);
        String id = submitRedFox().get("story_id").asText();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/stream?channel=" + id))
                .header("Accept", "text/event-stream").build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofLines());

        // The story's one event (story_created) is replayed, then the stream is idle: only a heartbeat can follow.
        List<String> lines = new ArrayList<>();
        response.body().filter(line -> !line.isEmpty()).takeWhile(line -> lines.add(line) && !line.startsWith(":")).forEach(line -> { });
        response.body().close();

        assertThat(lines).contains("event: story_created");
        assertThat(lines.get(lines.size() - 1)).startsWith(":").contains("heartbeat");
    }

    @Test
    void healthNamesTheAdapterOfEachStage() throws Exception {
        JsonNode health = json(send("GET", "/health", null));

        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("providers").get("images").get("adapter").asText()).isEqualTo("offline-illustrator");
        assertThat(health.get("providers").get("story").get("adapter").asText()).isEqualTo("offline-templates");
        assertThat(health.get("database").get("adapter").asText()).isEqualTo("sqlite");
    }

    @Test
    void openApiDocumentDescribesEveryEndpoint() throws Exception {
        HttpResponse<String> response = send("GET", "/openapi.yaml", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/submit:", "/approve_scenes:", "/stream:", "/story/{story_id}:",
                "/approve_image/{story_id}/{scene_number}:", "/health:", "/api/quiz:", "/api/stories:", "/media/{key}:");
    }

    @Test
    void quizDefinitionIsServedForTheUi() throws Exception {
        JsonNode quiz = json(send("GET", "/api/quiz", null));

        assertThat(quiz.get("questions").get(0).get("key").asText()).isEqualTo("animal");
    }
}
