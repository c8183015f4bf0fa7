package fableforge.store;

import fableforge.event.StoryEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL store: its schema, what it shows of itself, and the races a shared server allows. */
class PostgresDatabaseTest {

    private static final int POOL = 8;

    private final TestStories.SteppingClock clock = new TestStories.SteppingClock(Instant.parse("2026-11-01T10:00:00Z"));
    private PostgresTestDatabase store;
    private Database db;
    private StoryRepository stories;
    private EventLog events;

    @BeforeEach
    void open() {
        store = new PostgresTestDatabase(POOL);
        db = store.database();
        stories = new StoryRepository(db.jdbi(), clock);
        events = new EventLog(db.jdbi(), clock);
        stories.create(TestStories.story("s-1"));
    }

    @AfterEach
    void close() {
        if (store != null) { // null when opening failed: that error is the one to see
            store.close();
        }
    }

    @Test
    void theSchemaTheUrlNamesIsCreatedAndHoldsEveryTable() {
        List<String> tables = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT table_name FROM information_schema.tables WHERE table_schema = :schema ORDER BY table_name""")
                .bind("schema", store.schema())
                .mapTo(String.class)
                .list());

        assertThat(tables).contains("story", "scene", "image_attempt", "story_event", "spend", "tracking_cursor", "video",
                "flyway_schema_history");
    }

    @Test
    void itDescribesTheServerAndPoolButHasNoFile() {
        assertThat(db.isEmbedded()).isFalse();
        assertThat(db.describe()).isEqualTo(Map.of("adapter", "postgresql", "host", "127.0.0.1", "port", 5432,
                "database", "test", "schema", store.schema(), "pool_size", POOL));
        assertThatThrownBy(db::file).isInstanceOf(IllegalStateException.class).hasMessageContaining("PostgreSQL");
    }

    @Test
    void aPasswordInTheUrlIsUsedButNeverShown() {
        // The local server trusts loopback logins, so the password is carried but not asked for.
        try (Database withPassword = Database.connect(store.databaseUrl() + "&password=hunter2", 1)) {
            assertThat(new EventLog(withPassword.jdbi(), clock).lastSeq("s-1")).isZero();
            assertThat(withPassword.describe().toString()).doesNotContain("hunter2");
        }
    }

    @Test
    void anUnreachableServerIsAClearErrorWithoutThePassword() {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        assertThatThrownBy(() -> Database.connect("postgres://fable:hunter2@127.0.0.1:1/forge", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot connect to PostgreSQL at postgresql://fable@127.0.0.1:1/forge")
                .hasMessageContaining("DATABASE_URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void eightThreadsAppendingThroughThePoolGetSequenceNumbersWithoutGapsOrRepeats() throws Exception {
        int threads = POOL;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        seqs.add(events.append("s-1", "image_ready", "{}", null).seq());
                    }
                    return seqs;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }
            long total = (long) threads * perThread;
            assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(events.after("s-1", 0)).extracting(StoryEvent::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(events.lastSeq("s-1")).isEqualTo(total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoAppendsRacingWithTheSameDedupeKeyAddOneEvent() throws Exception {
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= rounds; round++) {
                String key = "image_ready:" + round;
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<StoryEvent>> racers = new ArrayList<>();
                for (int racer = 0; racer < 2; racer++) {
                    String data = "{\"racer\":" + racer + "}";
                    racers.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return events.append("s-1", "image_ready", data, key);
                    }));
                }
                StoryEvent first = racers.get(0).get(30, TimeUnit.SECONDS);
                StoryEvent second = racers.get(1).get(30, TimeUnit.SECONDS);
                assertThat(second).as("round %d: both appends return the one event", round).isEqualTo(first);
                assertThat(first.seq()).isEqualTo(round);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(events.after("s-1", 0)).hasSize(rounds);
    }

    @Test
    void aTransactionThatLostARaceForAUniqueKeyRunsAgainAndSeesTheWinnersRow() {
        AtomicInteger runs = new AtomicInteger();

        String outcome = db.inTransaction(() -> {
            runs.incrementAndGet();
            if (stories.find("s-2").isPresent()) {
                return "found the winner's story";
            }
            // Another node creates the same story between our read and our insert, and commits first.
            CompletableFuture.runAsync(() -> stories.create(TestStories.story("s-2"))).join();
            stories.create(TestStories.story("s-2"));
            events.append("s-2", "story_created", "{}", null);
            return "created it";
        });

        assertThat(outcome).isEqualTo("found the winner's story");
        assertThat(runs).hasValue(2);
        assertThat(events.lastSeq("s-2")).as("the lost run's event was rolled back").isZero();
    }
}
