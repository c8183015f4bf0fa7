package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The conditional status change behind "exactly one winner" (e.g. /approve_scenes), on both engines. */
@ParameterizedClass
@EnumSource(Engine.class)
class StoryStatusRaceTest {

    @TempDir
    java.nio.file.Path dir;

    @Parameter
    Engine engine;

    private TestDatabase store;

    @BeforeEach
    void open() {
        store = engine.open(dir);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void sixConditionalStatusChangesAtOnceHaveExactlyOneWinner() throws Exception {
        Database database = store.database();
        StoryRepository stories = new StoryRepository(database.jdbi(), Clock.systemUTC());
        stories.create(TestStories.story("s1"));
        CyclicBarrier together = new CyclicBarrier(6);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> changes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                // Each in a transaction of its own, as a request's is.
                changes.add(threads.submit(() -> {
                    together.await();
                    return database.inTransaction(() -> stories.changeStatus("s1", StoryStatus.SCENES_READY, StoryStatus.GENERATING));
                }));
            }
            int winners = 0;
            for (Future<Boolean> change : changes) {
                winners += change.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(stories.find("s1").orElseThrow().status()).isEqualTo(StoryStatus.GENERATING);
        } finally {
            threads.shutdownNow();
        }
    }
}
