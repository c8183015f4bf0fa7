package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.job.ClaimableJobs;
import fableforge.job.JobWorker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Image attempts as a queue that nodes claim from, and leases of work done by one node at a time. */
@ParameterizedClass
@EnumSource(Engine.class)
class LeasedJobsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path dir;
    @Parameter
    Engine engine;
    private TestDatabase store;
    private Database db;
    private ImageRepository images;
    private ClaimableJobs<JobKey> jobs;

    @BeforeEach
    void openStore() {
        store = engine.open(dir);
        db = store.database();
        new StoryRepository(db.jdbi(), Clock.systemUTC()).create(TestStories.story("s-1"));
        images = new ImageRepository(db.jdbi(), Clock.systemUTC());
        jobs = images.jobs();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void twoNodesRacingForTheSameJobNeverBothWin() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int scene = 1; scene <= 20; scene++) {
                images.createAttempt("s-1", scene, "scene " + scene);
                JobKey job = new JobKey("s-1", scene, 1);
                CountDownLatch go = new CountDownLatch(1);
                var a = pool.submit(() -> {
                    go.await();
                    return jobs.claim(job, "node-a", NOW, NOW.plusSeconds(30));
                });
                var b = pool.submit(() -> {
                    go.await();
                    return jobs.claim(job, "node-b", NOW, NOW.plusSeconds(30));
                });
                go.countDown();
                assertThat(a.get() ^ b.get()).as("exactly one node claims scene %d", scene).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneNodeAtATimeHoldsANamedLeaseUntilItRunsOutOrIsReleased() {
        NodeLeases leases = new NodeLeases(db.jdbi());

        assertThat(leases.hold("tracking-relay", "node-a", NOW, NOW.plusSeconds(30))).isTrue();
        assertThat(leases.hold("tracking-relay", "node-b", NOW.plusSeconds(10), NOW.plusSeconds(40))).isFalse();
        assertThat(leases.hold("tracking-relay", "node-a", NOW.plusSeconds(20), NOW.plusSeconds(50))).as("renewed").isTrue();
        assertThat(leases.hold("tracking-relay", "node-b", NOW.plusSeconds(49), NOW.plusSeconds(79))).isFalse();
        assertThat(leases.hold("tracking-relay", "node-b", NOW.plusSeconds(51), NOW.plusSeconds(81))).as("ran out").isTrue();

        leases.release("tracking-relay", "node-b");
        assertThat(leases.hold("tracking-relay", "node-a", NOW.plusSeconds(52), NOW.plusSeconds(82))).isTrue();
    }

    @Test
    void aQueuedAttemptIsClaimedByExactlyOneNode() {
        images.createAttempt("s-1", 1, "a fox");
        JobKey job = new JobKey("s-1", 1, 1);

        assertThat(jobs.claimable(NOW, 10)).containsExactly(job);
        assertThat(jobs.claim(job, "node-a", NOW, NOW.plusSeconds(30))).isTrue();
        assertThat(jobs.claim(job, "node-b", NOW, NOW.plusSeconds(30))).isFalse();
        assertThat(jobs.claimable(NOW.plusSeconds(29), 10)).isEmpty();
        assertThat(images.find("s-1", 1, 1).orElseThrow().status()).isEqualTo(ImageStatus.RUNNING);
    }

    @Test
    void aLeaseThatRanOutLetsAnotherNodeTakeTheJobOver() {
        images.createAttempt("s-1", 1, "a fox");
        JobKey job = new JobKey("s-1", 1, 1);
        jobs.claim(job, "node-a", NOW, NOW.plusSeconds(30));

        assertThat(jobs.claimable(NOW.plusSeconds(31), 10)).containsExactly(job);
        assertThat(jobs.claim(job, "node-b", NOW.plusSeconds(31), NOW.plusSeconds(61))).isTrue();
        assertThat(jobs.claim(job, "node-a", NOW.plusSeconds(32), NOW.plusSeconds(62))).isFalse();
    }

    @Test
    void renewingKeepsTheJobAndReleasingFreesItAtOnce() {
        images.createAttempt("s-1", 1, "a fox");
        images.createAttempt("s-1", 2, "an owl");
        jobs.claim(new JobKey("s-1", 1, 1), "node-a", NOW, NOW.plusSeconds(30));
        jobs.claim(new JobKey("s-1", 2, 1), "node-b", NOW, NOW.plusSeconds(30));

        assertThat(jobs.renew(new JobKey("s-1", 1, 1), "node-a", NOW.plusSeconds(100))).isTrue();
        assertThat(jobs.renew(new JobKey("s-1", 2, 1), "node-a", NOW.plusSeconds(100))).isFalse();
        assertThat(jobs.claimable(NOW.plusSeconds(31), 10)).containsExactly(new JobKey("s-1", 2, 1));

        jobs.release("node-a");
        assertThat(jobs.claimable(NOW.plusSeconds(31), 10)).hasSize(2);
    }

    @Test
    void theBacklogCountsWaitingAndRunningJobsAndTheOldestWait() {
        assertThat(jobs.backlog(NOW)).isEqualTo(new ClaimableJobs.Backlog(0, 0, 0));
        images.createAttempt("s-1", 1, "a fox");
        images.createAttempt("s-1", 2, "an owl");
        images.createAttempt("s-1", 3, "a river");
        jobs.claim(new JobKey("s-1", 1, 1), "node-a", NOW, NOW.plusSeconds(30));
        long queuedAt = images.find("s-1", 2, 1).orElseThrow().queuedAt().toEpochMilli();

        ClaimableJobs.Backlog backlog = jobs.backlog(java.time.Instant.ofEpochMilli(queuedAt).plusSeconds(90));

        assertThat(backlog.queued()).isEqualTo(2);
        assertThat(backlog.running()).isEqualTo(1);
        assertThat(backlog.oldestQueuedSeconds()).isBetween(89L, 90L);
    }

    @Test
    void finishedAttemptsAreNeverClaimable() {
        images.createAttempt("s-1", 1, "a fox");
        jobs.claim(new JobKey("s-1", 1, 1), "node-a", NOW, NOW.plusSeconds(30));
        images.markFailed("s-1", 1, 1, "refused", 1);

        assertThat(jobs.claimable(NOW.plusSeconds(60), 10)).isEmpty();
        assertThat(jobs.claim(new JobKey("s-1", 1, 1), "node-b", NOW.plusSeconds(60), NOW.plusSeconds(90))).isFalse();
    }

    @Test
    void aWorkerRunsQueuedJobsOldestFirstWithinItsSlotsAndTakesOverJobsOfADeadNode() throws Exception {
        for (int scene = 1; scene <= 6; scene++) {
            images.createAttempt("s-1", scene, "scene " + scene);
        }
        // A node that died while running scene 1: its lease has run out.
        Instant past = Instant.now().minusSeconds(120);
        jobs.claim(new JobKey("s-1", 1, 1), "dead-node", past, past.plusSeconds(30));
        List<JobKey> ran = new CopyOnWriteArrayList<>();
        List<JobKey> started = new CopyOnWriteArrayList<>();
        CountDownLatch allRan = new CountDownLatch(6);
        int[] inFlight = {0};
        int[] maxInFlight = {0};
        Object counter = new Object();
        try (JobWorker<JobKey> worker = new JobWorker<>("image", jobs, job -> {
            started.add(job);
            synchronized (counter) {
                maxInFlight[0] = Math.max(maxInFlight[0], ++inFlight[0]);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            images.markFailed(job.storyId(), job.scene(), job.number(), "done", 1);
            ran.add(job);
            synchronized (counter) {
                inFlight[0]--;
            }
            allRan.countDown();
        }, 2, "node-b", Duration.ofSeconds(30), Duration.ofMillis(100), Clock.systemUTC(), false)) {
            worker.start();
            assertThat(allRan.await(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ran).hasSize(6).contains(new JobKey("s-1", 1, 1));
        // Oldest first: the two slots start with scenes 1 and 2 (in either order: they start together).
        assertThat(started.subList(0, 2)).containsExactlyInAnyOrder(new JobKey("s-1", 1, 1), new JobKey("s-1", 2, 1));
        assertThat(maxInFlight[0]).isBetween(1, 2);
    }
}
