package fableforge.store;

import fableforge.event.StoryEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class EventLogTest {

    private static final Instant START = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    private final TestStories.SteppingClock clock = new TestStories.SteppingClock(START);
    @Parameter
    Engine engine;

    private TestDatabase store;
    private Database db;
    private EventLog events;

    @BeforeEach
    void open() {
        store = engine.open(dir);
        db = store.database();
        StoryRepository stories = new StoryRepository(db.jdbi(), clock);
        stories.create(TestStories.story("s-1"));
        stories.create(TestStories.story("s-2"));
        events = new EventLog(db, clock);
    }

    @AfterEach
    void close() {
        if (store != null) { // null when opening failed: that error is the one to see
            store.close();
        }
    }

    @Test
    void eachStoryCountsItsOwnEventsFromOne() {
        StoryEvent first = events.append("s-1", "image_ready", "{\"scene\":1}", null);
        StoryEvent second = events.append("s-1", "image_ready", "{\"scene\":2}", null);
        StoryEvent other = events.append("s-2", "story_error", "{}", null);

        assertThat(first).isEqualTo(new StoryEvent("s-1", 1, "image_ready", "{\"scene\":1}", START));
        assertThat(second.seq()).isEqualTo(2);
        assertThat(other.seq()).isEqualTo(1);
        assertThat(events.lastSeq("s-1")).isEqualTo(2);
        assertThat(events.lastSeq("s-2")).isEqualTo(1);
    }

    @Test
    void anEventWithADedupeKeyIsAddedOnlyOnce() {
        StoryEvent original = events.append("s-1", "image_ready", "{\"scene\":3,\"attempt\":1}", "image_ready:3:1");
        events.append("s-1", "approval_update", "{}", null);

        StoryEvent again = events.append("s-1", "image_ready", "{\"different\":true}", "image_ready:3:1");

        assertThat(again).isEqualTo(original);
        assertThat(events.lastSeq("s-1")).isEqualTo(2);
        assertThat(events.append("s-2", "image_ready", "{}", "image_ready:3:1").seq())
                .as("dedupe keys are per story").isEqualTo(1);
        assertThat(events.append("s-1", "heartbeat", "{}", null).seq())
                .as("events without a key may repeat").isEqualTo(3);
    }

    @Test
    void afterReplaysExactlyTheEventsAReconnectingClientMissed() {
        for (int i = 1; i <= 5; i++) {
            events.append("s-1", "image_ready", "{\"scene\":" + i + "}", null);
        }

        assertThat(events.after("s-1", 2)).extracting(StoryEvent::seq).containsExactly(3L, 4L, 5L);
        assertThat(events.after("s-1", 0)).hasSize(5);
        assertThat(events.after("s-1", 5)).isEmpty();
        assertThat(events.after("s-1", 3).getFirst().dataJson()).isEqualTo("{\"scene\":4}");
        assertThat(events.after("nope", 0)).isEmpty();
        assertThat(events.lastSeq("nope")).isZero();
    }

    @Test
    void anEventForAStoryThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> events.append("nope", "image_ready", "{}", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(events.after("nope", 0)).isEmpty();
    }

    @Test
    void aRefusedAppendLeavesTheLogWorking() {
        assertThatThrownBy(() -> events.append("nope", "image_ready", "{}", "key-1"))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(events.append("s-1", "image_ready", "{}", "key-1").seq()).isEqualTo(1);
        assertThat(events.append("s-1", "image_ready", "{}", null).seq()).isEqualTo(2);
    }

    @Test
    void betweenAppendsNoWriterWaitsOnTheLog() throws Exception {
        assumeTrue(engine == Engine.SQLITE, "the connection kept open for appends is SQLite's");
        events.append("s-1", "image_ready", "{}", null);

        // A kept-open connection that began its next transaction at once (as the driver's own commit does)
        // would hold SQLite's write lock between appends: this writer, which does not wait, would fail.
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db.file());
             Statement write = other.createStatement()) {
            write.execute("PRAGMA busy_timeout = 0");
            assertThat(write.executeUpdate("UPDATE story SET status = status WHERE story_id = 's-2'")).isEqualTo(1);
        }
        assertThat(events.append("s-1", "image_ready", "{}", null).seq()).isEqualTo(2);
    }

    @Test
    void concurrentAppendsGetContiguousSequenceNumbers() throws Exception {
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        // every fifth append repeats an earlier key of its thread: must not add an event
                        String key = i % 5 == 4 ? "t" + thread + "-" + (i - 1) : "t" + thread + "-" + i;
                        seqs.add(events.append("s-1", "image_ready", "{}", key).seq());
                    }
                    return seqs;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                List<Long> seqs = result.get();
                assertThat(seqs).as("one thread sees its own appends in order").isSorted();
                all.addAll(seqs);
            }
            long expected = threads * perThread * 4L / 5;
            assertThat(all).doesNotContain(0L).allMatch(seq -> seq <= expected);
            assertThat(all.stream().distinct().count()).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
        long expected = threads * perThread * 4L / 5;
        assertThat(events.lastSeq("s-1")).isEqualTo(expected);
        assertThat(events.after("s-1", 0)).extracting(StoryEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
    }

    @Test
    void eventsAreStillThereAfterTheDatabaseIsReopened() {
        events.append("s-1", "image_ready", "{\"scene\":1}", "k1");
        events.append("s-1", "all_approved", "{}", null);
        db = store.reopen();
        EventLog reopened = new EventLog(db, clock);

        assertThat(reopened.after("s-1", 0)).extracting(StoryEvent::name).containsExactly("image_ready", "all_approved");
        assertThat(reopened.append("s-1", "image_ready", "{}", "k1").seq()).isEqualTo(1);
        assertThat(reopened.append("s-1", "video_ready", "{}", null).seq()).isEqualTo(3);
    }

    @Test
    void anAppendInsideTheCallersTransactionRollsBackWithIt() {
        events.append("s-1", "image_ready", "{}", null);
        assertThatThrownBy(() -> db.inTransaction(() -> {
            events.append("s-1", "image_approved", "{}", null);
            throw new IllegalStateException("the state change it reports failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(events.after("s-1", 0)).extracting(StoryEvent::name).containsExactly("image_ready");
        assertThat(events.append("s-1", "image_approved", "{}", null).seq()).isEqualTo(2);
    }

    @Test
    void anAppendInsideTheCallersTransactionSeesItsUncommittedWrites() {
        // Only a join can see the story created in the same open transaction (SQLite: another connection would wait for its lock).
        StoryEvent event = db.inTransaction(() -> {
            new StoryRepository(db.jdbi(), clock).create(TestStories.story("s-3"));
            return events.append("s-3", "story_created", "{}", null);
        });

        assertThat(event.seq()).isEqualTo(1);
        assertThat(events.after("s-3", 0)).containsExactly(event);
    }
}
