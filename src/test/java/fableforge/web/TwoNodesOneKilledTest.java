package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.store.PostgresTestDatabase;
import fableforge.web.SseClient.Event;
import fableforge.testing.SlowTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL schema and one Redis: the browser talks to node A; node B, a worker in
 * its own JVM, draws most images until it is killed with SIGKILL half-way through the story. Node A
 * takes over the jobs B held once their leases run out and the story ends with twenty images, every
 * event once and in order on A's stream, and every image approved.
 */
@SlowTest // a worker node in a second JVM
class TwoNodesOneKilledTest {

    private static final String NODE_A = "node-a";
    private static final String WORKER_B = "worker-b";

    @TempDir
    Path data;

    private final ClusterEnv cluster = new ClusterEnv();
    private final PostgresTestDatabase database = cluster.database;
    private TestApp nodeA;
    private ChildNode workerB;

    @AfterEach
    void stop() throws Exception {
        if (workerB != null) {
            workerB.kill();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        cluster.close();
    }

    private Map<String, String> shared(String nodeId) {
        Map<String, String> env = cluster.node(nodeId);
        env.put("JOB_LEASE_SECONDS", "2");
        env.put("JOB_POLL_MS", "200");
        env.put("OFFLINE_LATENCY_MS", "1200");
        return env;
    }

    @Test
    void aStoryFinishesOnTheOtherNodeWhenTheWorkerDrawingItIsKilledHalfWay() throws Exception {
        Map<String, String> worker = shared(WORKER_B);
        worker.put("IMAGE_MAX_CONCURRENT", "4");
        workerB = ChildNode.start(data, worker, "--role", "worker");
        Map<String, String> web = shared(NODE_A);
        web.put("IMAGE_MAX_CONCURRENT", "1");
        nodeA = TestApp.start(web, data);

        JsonNode submitted = nodeA.submit(TestApp.redFoxQuiz());
        String id = submitted.get("story_id").asText();
        try (SseClient stream = nodeA.streamEvents(id)) {
            nodeA.approveScenes(id, TestApp.sceneTexts(submitted));
            stream.await(events -> events.stream().filter(e -> e.name().equals("image_ready")).count() >= 6, Duration.ofSeconds(60));
            assertThat(claimedBy(id, WORKER_B)).as("the worker drew some of the images").isNotEmpty();
            Set<Integer> heldByTheWorker = runningOn(id, WORKER_B);
            long killedAt = System.currentTimeMillis();
            workerB.kill();
            workerB = null;
            assertThat(heldByTheWorker).as("the worker was killed in the middle of jobs").isNotEmpty();

            List<Event> events = stream.await(seen -> seen.stream().anyMatch(e -> e.name().equals("story_complete")), Duration.ofSeconds(90));
            assertThat(events.stream().filter(e -> e.name().equals("image_ready")).map(e -> e.data().get("scene_number").asInt()))
                    .as("one image per scene, none twice").hasSize(20).doesNotHaveDuplicates();
            assertThat(events.getLast().name()).isEqualTo("story_complete");
            assertThat(claimedBy(id, NODE_A)).as("node A finished what the worker held").containsAll(heldByTheWorker);
            System.out.printf("[FIGURES] worker killed holding scenes %s; node A (one image at a time) took the first of them over"
                    + " %d ms later, the last %d ms later (JOB_LEASE_SECONDS=2, JOB_POLL_MS=200)%n", heldByTheWorker,
                    takeover(id, heldByTheWorker, "MIN") - killedAt, takeover(id, heldByTheWorker, "MAX") - killedAt);

            nodeA.approveEveryImage(id);
            events = stream.await(seen -> seen.stream().anyMatch(e -> e.name().equals("all_approved")), Duration.ofSeconds(30));
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).id()).as("event ids on node A's stream run without gaps or repeats").isEqualTo(i + 1);
            }
            assertThat(events.stream().filter(e -> e.name().equals("story_complete"))).hasSize(1);
            assertThat(loggedEvents(id)).as("the stream carried exactly the event log").isEqualTo(events.size());
        }
        JsonNode story = nodeA.story(id);
        assertThat(story.get("status").asText()).isEqualTo("all_approved");
        for (JsonNode image : story.get("images")) {
            assertThat(image.get("attempts")).as("one attempt per scene: nothing drawn twice into the story").hasSize(1);
            assertThat(image.get("status").asText()).isEqualTo("approved");
        }
    }

    private Set<Integer> claimedBy(String storyId, String node) {
        return scenes("SELECT scene_number FROM image_attempt WHERE story_id = ? AND claimed_by = ?", storyId, node);
    }

    private Set<Integer> runningOn(String storyId, String node) {
        return scenes("SELECT scene_number FROM image_attempt WHERE story_id = ? AND claimed_by = ? AND status = 'running'", storyId, node);
    }

    private Set<Integer> scenes(String sql, String storyId, String node) {
        List<Integer> scenes = database.database().jdbi().withHandle(handle -> handle.createQuery(sql)
                .bind(0, storyId).bind(1, node).mapTo(Integer.class).list());
        return new TreeSet<>(scenes);
    }

    /** When node A started the first ({@code MIN}) or last ({@code MAX}) of {@code scenes}. */
    private long takeover(String storyId, Set<Integer> scenes, String which) {
        return database.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT " + which + "(started_at) FROM image_attempt WHERE story_id = :id AND scene_number IN (<scenes>)")
                .bind("id", storyId).bindList("scenes", List.copyOf(scenes)).mapTo(Long.class).one());
    }

    private long loggedEvents(String storyId) {
        return database.database().jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM story_event WHERE story_id = ?")
                .bind(0, storyId).mapTo(Long.class).one());
    }
}
