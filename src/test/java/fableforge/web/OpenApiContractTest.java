package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real answers of the app on its offline providers, checked against web/openapi.yaml: every endpoint
 * a story goes through, the story in each state it passes, the lists, health, errors, and every event
 * payload read from the stream. Any field the document does not declare fails the check.
 */
class OpenApiContractTest {

    private static final OpenApiContract CONTRACT = new OpenApiContract();

    @TempDir
    Path data;

    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = TestApp.start(Map.of(), data);
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    @Test
    void aStoryFromQuizToItsVideoAnswersOnlyWhatTheDocumentDeclares() throws Exception {
        TestApp.Response submitted = conforms("POST", "/submit", app.post("/submit", TestApp.redFoxQuiz()));
        String id = submitted.body().get("story_id").asText();
        JsonNode scenesReady = conformingStory(id);
        assertThat(scenesReady.get("status").asText()).isEqualTo("scenes_ready");

        try (SseClient events = new SseClient(app.openEventStream(id))) {
            ObjectNode approval = TestApp.jsonObject().put("story_id", id);
            TestApp.sceneTexts(submitted.body()).forEach(approval.putArray("scenes")::add);
            conforms("POST", "/approve_scenes", app.post("/approve_scenes", approval));
            app.waitForStatus(id, "images_ready");
            assertThat(conformingStory(id).get("images")).hasSize(20);

            conforms("POST", "/approve_image/" + id + "/3", app.post("/approve_image/" + id + "/3",
                    "{\"action\":\"reject\",\"reason\":\"colours\",\"apply_to_pending\":true}"));
            JsonNode afterRejection = conformingStory(id);
            assertThat(afterRejection.get("images").get("3").get("attempts")).hasSize(2);
            JsonNode withPrompts = conforms("GET", "/story/" + id + "?include=prompts", get("/story/" + id + "?include=prompts")).body();
            assertThat(withPrompts.get("images").get("3").get("attempts").get(0).has("requested_prompt")).isTrue();
            conforms("GET", "/story/" + id + "?include=everything", get("/story/" + id + "?include=everything"));
            app.waitForStatus(id, "images_ready");

            for (int scene = 1; scene <= 20; scene++) {
                conforms("POST", "/approve_image/" + id + "/" + scene, app.post("/approve_image/" + id + "/" + scene, "{\"action\":\"approve\"}"));
            }
            assertThat(conformingStory(id).get("status").asText()).isEqualTo("all_approved");

            conforms("POST", "/generate_video/" + id, app.post("/generate_video/" + id, "{\"draft\":true,\"length_seconds\":15}"));
            // A render takes minutes on a busy machine: the story is checked while it shows the render's progress.
            app.waitFor(id, story -> story.path("video").path("progress").isObject());
            assertThat(conformingStory(id).get("video").get("status").asText()).isIn("queued", "running");

            List<SseClient.Event> seen = events.await(list -> list.stream().anyMatch(e -> e.name().equals("video_progress")),
                    Duration.ofSeconds(60));
            Set<String> names = new TreeSet<>();
            for (SseClient.Event event : seen) {
                names.add(event.name());
                assertThat(CONTRACT.problemsOfEvent(event.name(), event.data().toString())).as(event.name() + " " + event.data()).isEmpty();
            }
            assertThat(names).contains("story_created", "scenes_approved", "image_ready", "approval_update", "story_complete",
                    "all_approved", "video_progress");
            assertThat(CONTRACT.eventNames()).containsAll(names);
        }

        JsonNode list = conforms("GET", "/api/stories", get("/api/stories")).body();
        assertThat(list.get("stories")).hasSize(1);
    }

    @Test
    void healthQuizMetaListAndErrorsAnswerWhatTheDocumentDeclares() throws Exception {
        conforms("GET", "/health", get("/health"));
        conforms("GET", "/api/quiz", get("/api/quiz"));
        JsonNode meta = conforms("GET", "/api/meta", get("/api/meta")).body();
        assertThat(meta.get("events")).map(JsonNode::asText).containsExactlyInAnyOrderElementsOf(CONTRACT.eventNames());
        conforms("GET", "/api/stories", get("/api/stories"));
        conforms("GET", "/story/0123456789abcdef0123456789abcdef", get("/story/0123456789abcdef0123456789abcdef"));
        conforms("POST", "/submit", app.post("/submit", "{\"animal\":\"\"}"));
        conforms("POST", "/submit", app.post("/submit", "{not json"));
        conforms("POST", "/approve_scenes", app.post("/approve_scenes", "{\"story_id\":\"nope\",\"scenes\":[]}"));
    }

    @Test
    void anAnswerWithAFieldTheDocumentDoesNotDeclareFails() throws Exception {
        TestApp.Response submitted = app.post("/submit", TestApp.redFoxQuiz());
        String id = submitted.body().get("story_id").asText();
        ObjectNode story = (ObjectNode) app.story(id);
        assertThat(CONTRACT.problemsOf("GET", "/story/" + id, 200, story.toString())).isEmpty();

        ObjectNode extraAtTop = story.deepCopy().put("surprise", 1);
        ObjectNode extraInScene = story.deepCopy();
        ((ObjectNode) extraInScene.get("scenes").get(0)).put("mood", "sunny");
        ObjectNode extraInCost = story.deepCopy();
        ((ObjectNode) extraInCost.get("cost")).put("tip_usd", 1);

        assertThat(CONTRACT.problemsOf("GET", "/story/" + id, 200, extraAtTop.toString())).anyMatch(p -> p.contains("surprise"));
        assertThat(CONTRACT.problemsOf("GET", "/story/" + id, 200, extraInScene.toString())).anyMatch(p -> p.contains("mood"));
        assertThat(CONTRACT.problemsOf("GET", "/story/" + id, 200, extraInCost.toString())).anyMatch(p -> p.contains("tip_usd"));
        assertThat(CONTRACT.problemsOfEvent("all_approved", "{\"story_id\":\"x\",\"extra\":true}")).anyMatch(p -> p.contains("extra"));
    }

    private JsonNode conformingStory(String id) throws Exception {
        return conforms("GET", "/story/" + id, get("/story/" + id)).body();
    }

    private TestApp.Response get(String path) throws Exception {
        HttpResponse<String> response = app.send("GET", path, null);
        return new TestApp.Response(response.statusCode(), response.body());
    }

    private static TestApp.Response conforms(String method, String path, TestApp.Response response) {
        assertThat(CONTRACT.problemsOf(method, path, response.status(), response.text()))
                .as(method + " " + path + " " + response.status() + ": " + response.text()).isEmpty();
        return response;
    }
}
