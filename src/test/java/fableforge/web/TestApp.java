package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.App;
import fableforge.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The whole app serving on a loopback port for a web-flow test, and the requests such a test makes of it:
 * JSON in and out, waiting for a story to get somewhere, and the quiz → scenes → images steps.
 */
final class TestApp implements AutoCloseable {

    /**
     * A guard against a hang, not a measure of speed: the suite runs four classes at once, and several
     * video renders sharing two cores each take minutes (a CI run timed three out at 120 s at 37-89%).
     */
    static final Duration STORY_WAIT = Duration.ofSeconds(420);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private App.RunningServer server;
    private final String authorization;
    private final boolean owner;

    private TestApp(App.RunningServer server) {
        this(server, null, true);
    }

    private TestApp(App.RunningServer server, String authorization, boolean owner) {
        this.server = server;
        this.authorization = authorization;
        this.owner = owner;
    }

    /** The same app, every request carrying this API token (AUTH_MODE=accounts); closing the view leaves the app running. */
    TestApp withToken(String token) {
        return new TestApp(server, "Bearer " + token, false);
    }

    /** Starts the app on {@code dataDir} with only {@code env} set (no .env file is read). */
    static TestApp start(Map<String, String> env, Path dataDir) throws Exception {
        Config config = Config.load(env, dataDir.resolve("none.env"));
        return new TestApp(new App(config, Clock.systemUTC()).serve("127.0.0.1", 0, dataDir));
    }

    App.RunningServer server() {
        return server;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Stops the app; calling it again does nothing, so a test may stop it before its {@code @AfterEach} does. */
    @Override
    public void close() throws Exception {
        if (server != null && owner) {
            App.RunningServer running = server;
            server = null;
            running.close();
        }
    }

    // ---- requests ----

    /** The answer as it came: for a test that checks a status, a header or a body that is not JSON. */
    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any URL's bytes (the app's own, or a media host's), redirects not followed; {@code headers} are name, value, .... */
    HttpResponse<byte[]> fetch(URI url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Raw bytes posted with their content type (an upload). */
    Response upload(String path, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /** The story's event stream, left open; {@code headers} (name, value, ...) go with Accept: text/event-stream. */
    HttpResponse<Stream<String>> openEventStream(String storyId, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/stream?channel=" + storyId)).header("Accept", "text/event-stream");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    }

    /** The story's event stream read by an {@link SseClient}; close it to hang up. */
    SseClient streamEvents(String storyId, String... headers) throws Exception {
        return new SseClient(openEventStream(storyId, headers));
    }

    JsonNode get(String path) throws Exception {
        return json(send("GET", path, null).body());
    }

    Response post(String path, String body) throws Exception {
        HttpResponse<String> response = send("POST", path, body);
        return new Response(response.statusCode(), response.body());
    }

    Response post(String path, JsonNode body) throws Exception {
        return post(path, MAPPER.writeValueAsString(body));
    }

    /** An answer's status and body; the body is read as JSON only when asked for. */
    record Response(int status, String text) {
        JsonNode body() {
            return json(text);
        }
    }

    // ---- the story flow ----

    /** The example quiz (examples/red-fox.json), to send as it is or changed. */
    static ObjectNode redFoxQuiz() {
        try {
            return (ObjectNode) MAPPER.readTree(Files.readString(Path.of("examples/red-fox.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode jsonObject() {
        return MAPPER.createObjectNode();
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** The scene texts of a submitted story, to approve as they are or edit first. */
    static List<String> sceneTexts(JsonNode submitted) {
        List<String> texts = new ArrayList<>();
        submitted.get("scenes").forEach(scene -> texts.add(scene.asText()));
        return texts;
    }

    /** Submits the quiz and expects the 20 scenes back (200). */
    JsonNode submit(JsonNode quiz) throws Exception {
        Response submitted = post("/submit", quiz);
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
        return submitted.body();
    }

    /** Approves these scene texts, which starts the images (202). */
    void approveScenes(String storyId, List<String> scenes) throws Exception {
        ObjectNode approval = jsonObject().put("story_id", storyId);
        scenes.forEach(approval.putArray("scenes")::add);
        Response approved = post("/approve_scenes", approval);
        assertThat(approved.status()).as(approved.text()).isEqualTo(202);
    }

    /** Submits the quiz and approves its scenes unchanged; the story's id. */
    String submitAndApprove(JsonNode quiz) throws Exception {
        JsonNode submitted = submit(quiz);
        String id = submitted.get("story_id").asText();
        approveScenes(id, sceneTexts(submitted));
        return id;
    }

    /** Approves the latest image of every scene (200 each). */
    void approveEveryImage(String storyId) throws Exception {
        for (int scene = 1; scene <= 20; scene++) {
            Response approved = post("/approve_image/" + storyId + "/" + scene, "{\"action\":\"approve\"}");
            assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        }
    }

    JsonNode story(String storyId) throws Exception {
        return get("/story/" + storyId);
    }

    JsonNode waitForStatus(String storyId, String status) throws Exception {
        return waitFor(storyId, story -> story.get("status").asText().equals(status), STORY_WAIT);
    }

    JsonNode waitFor(String storyId, Predicate<JsonNode> condition) throws Exception {
        return waitFor(storyId, condition, STORY_WAIT);
    }

    /** Polls GET /story/{id} until {@code condition} holds; fails with the story's last state when it never does. */
    JsonNode waitFor(String storyId, Predicate<JsonNode> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode story = story(storyId);
        while (!condition.test(story)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("story " + storyId + " did not get there within " + timeout.toSeconds() + " s; last "
                        + summary(story) + "\n" + story);
            }
            Thread.sleep(100);
            story = story(storyId);
        }
        return story;
    }

    /** Status, completed scenes and each image's attempt and status: what a stuck story is read by. */
    private static String summary(JsonNode story) {
        StringJoiner images = new StringJoiner(" ", "[", "]");
        story.path("images").properties().forEach(image -> images.add(image.getKey() + ":" + image.getValue().path("attempt").asText()
                + "/" + image.getValue().path("status").asText()));
        return "status=" + story.path("status").asText() + " completed_scenes=" + story.path("completed_scenes").asText()
                + " images=" + images;
    }
}
