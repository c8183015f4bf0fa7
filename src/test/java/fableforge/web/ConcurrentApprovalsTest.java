package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every state-changing endpoint has exactly one winner: the same request six times at the same moment
 * (a double click, a retrying client) changes the story once, and every answer is the same one.
 */
class ConcurrentApprovalsTest {

    private static final int AT_ONCE = 6;

    @TempDir
    Path data;

    private TestApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void sixIdenticalSceneApprovalsAtOnceQueueTwentyImagesAndAllGetTheSameAnswer() throws Exception {
        app = TestApp.start(Map.of("OFFLINE_LATENCY_MS", "200"), data);
        JsonNode submitted = app.submit(TestApp.redFoxQuiz());
        String id = submitted.get("story_id").asText();
        ObjectNode approval = TestApp.jsonObject().put("story_id", id);
        TestApp.sceneTexts(submitted).forEach(approval.putArray("scenes")::add);

        List<TestApp.Response> answers = atOnce(() -> app.post("/approve_scenes", approval));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.text()).isEqualTo(202);
            assertThat(answer.body().get("status").asText()).isEqualTo("generating");
        });
        assertThat(count("SELECT COUNT(*) FROM image_attempt WHERE story_id = ?", id)).isEqualTo(20);
        assertThat(count("SELECT COUNT(*) FROM story_event WHERE story_id = ? AND name = 'scenes_approved'", id)).isEqualTo(1);
    }

    @Test
    void sixRejectionsOfOneImageAtOnceDrawItOnceMoreAndSixVideoRequestsQueueOneVideo() throws Exception {
        app = TestApp.start(Map.of(), data);
        // Drawn straight into the store: only the one image rejected here is drawn by the app.
        String id = ApprovedStories.seedDrawn(app, data);

        List<TestApp.Response> rejections = atOnce(() -> app.post("/approve_image/" + id + "/4",
                TestApp.jsonObject().put("action", "reject").put("reason", "colours")));

        assertThat(rejections).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.body().get("status").asText()).isEqualTo("regenerating");
            assertThat(answer.body().get("attempt").asInt()).isEqualTo(2);
        });
        assertThat(count("SELECT COUNT(*) FROM image_attempt WHERE story_id = ? AND scene_number = 4", id)).isEqualTo(2);

        app.waitForStatus(id, "images_ready");
        app.approveEveryImage(id);
        List<TestApp.Response> videos = atOnce(() -> app.post("/generate_video/" + id, "{\"draft\":true,\"length_seconds\":15}"));

        assertThat(videos).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.text()).isEqualTo(202);
            assertThat(answer.body().get("version").asInt()).isEqualTo(1);
        });
        assertThat(count("SELECT COUNT(*) FROM video WHERE story_id = ?", id)).isEqualTo(1);
    }

    /** Sends the request from six threads released together by a barrier; the answers in any order. */
    private static List<TestApp.Response> atOnce(Callable<TestApp.Response> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(AT_ONCE);
        ExecutorService threads = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<TestApp.Response>> sent = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                sent.add(threads.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            List<TestApp.Response> answers = new ArrayList<>();
            for (Future<TestApp.Response> answer : sent) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    private int count(String sql, String storyId) {
        return app.server().database().jdbi().withHandle(handle -> handle.createQuery(sql).bind(0, storyId).mapTo(Integer.class).one());
    }
}
