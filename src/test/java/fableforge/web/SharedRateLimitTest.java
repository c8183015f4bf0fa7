package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.fake.FakeOpenAiImages;
import fableforge.store.PostgresTestDatabase;
import fableforge.web.SseClient.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web node and two worker nodes on one PostgreSQL schema and one Redis, drawing with OpenAI (a
 * fake on loopback that counts the calls): the browser's node runs no job and still streams every
 * image; both workers draw; together they stay within the one image rate limit they share.
 */
class SharedRateLimitTest {

    private static final String KEY = "sk-test-shared-limit";
    private static final int RATE_PER_MIN = 120;
    private static final int BURST = 2;

    @TempDir
    Path data;

    private final ClusterEnv cluster = new ClusterEnv();
    private final PostgresTestDatabase database = cluster.database;
    private final FakeOpenAiImages provider = new FakeOpenAiImages(KEY);
    private TestApp web;
    private TestApp workerOne;
    private TestApp workerTwo;

    @AfterEach
    void stop() throws Exception {
        for (TestApp node : new TestApp[] {web, workerOne, workerTwo}) {
            if (node != null) {
                node.close();
            }
        }
        provider.close();
        cluster.close();
    }

    private TestApp node(String id, String role) throws Exception {
        Map<String, String> env = cluster.node(id);
        env.put("NODE_ROLE", role);
        env.put("JOB_POLL_MS", "100");
        env.put("OPENAI_API_KEY", KEY);
        env.put("OPENAI_BASE_URL", provider.baseUrl());
        env.put("STORY_PROVIDER", "offline");
        env.put("IMAGE_PROVIDER", "openai");
        env.put("IMAGE_RATE_PER_MIN", String.valueOf(RATE_PER_MIN));
        env.put("IMAGE_RATE_BURST", String.valueOf(BURST));
        env.put("IMAGE_MAX_CONCURRENT", "4");
        return TestApp.start(env, data);
    }

    @Test
    void twoWorkersTogetherStayWithinTheSharedRateWhileTheBrowserWatchesFromTheWebNode() throws Exception {
        provider.latency(Duration.ofMillis(150));
        web = node("web", "web");
        workerOne = node("worker-1", "worker");
        workerTwo = node("worker-2", "worker");

        JsonNode submitted = web.submit(TestApp.redFoxQuiz());
        String id = submitted.get("story_id").asText();
        long started;
        List<Event> events;
        try (SseClient stream = web.streamEvents(id)) {
            started = System.nanoTime();
            web.approveScenes(id, TestApp.sceneTexts(submitted));
            events = stream.await(seen -> seen.stream().anyMatch(e -> e.name().equals("story_complete")), Duration.ofSeconds(90));
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(events.stream().filter(e -> e.name().equals("image_ready"))).hasSize(20);
        Map<String, Long> drawnBy = drawnBy(id);
        assertThat(drawnBy).as("both workers drew, the web node none").containsOnlyKeys("worker-1", "worker-2");
        assertThat(provider.calls()).hasSize(20);
        // A bucket of BURST tokens refilled at RATE_PER_MIN: in any second at most BURST + rate/60 calls start
        // (one more for a call at the window's edge). Two separate buckets would allow twice that.
        int mostInOneSecond = provider.mostCallsWithin(Duration.ofSeconds(1));
        assertThat(mostInOneSecond).isLessThanOrEqualTo(BURST + RATE_PER_MIN / 60 + 1);
        double expectedSeconds = (20.0 - BURST) / (RATE_PER_MIN / 60.0);
        assertThat(seconds).as("20 calls cannot start faster than the shared rate").isGreaterThan(expectedSeconds * 0.9);
        System.out.printf("[FIGURES] 20 images by two workers sharing %d/min (burst %d): %s s, %s images/min, most calls in 1 s: %d, per worker: %s%n",
                RATE_PER_MIN, BURST, String.format("%.1f", seconds), String.format("%.0f", 20 / seconds * 60), mostInOneSecond, drawnBy);
    }

    private Map<String, Long> drawnBy(String storyId) {
        Map<String, Long> counts = new HashMap<>();
        database.database().jdbi().useHandle(handle -> handle.createQuery(
                        "SELECT claimed_by, COUNT(*) AS n FROM image_attempt WHERE story_id = ? GROUP BY claimed_by")
                .bind(0, storyId)
                .map((row, context) -> Map.entry(String.valueOf(row.getString("claimed_by")), row.getLong("n")))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue())));
        return counts;
    }
}
