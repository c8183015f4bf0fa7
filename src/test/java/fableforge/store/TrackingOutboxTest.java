package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class TrackingOutboxTest {

    @TempDir
    Path dir;

    private final TestStories.SteppingClock clock = new TestStories.SteppingClock(Instant.parse("2026-11-20T09:00:00Z"));
    @Parameter
    Engine engine;

    private TestDatabase store;
    private Database db;
    private EventLog log;
    private TrackingOutbox outbox;

    @BeforeEach
    void open() {
        store = engine.open(dir);
        db = store.database();
        StoryRepository stories = new StoryRepository(db.jdbi(), clock);
        stories.create(TestStories.story("a"));
        stories.create(TestStories.story("b"));
        log = new EventLog(db.jdbi(), clock);
        outbox = new TrackingOutbox(db.jdbi(), clock);
    }

    @AfterEach
    void close() {
        if (store != null) { // null when opening failed: that error is the one to see
            store.close();
        }
    }

    private void event(String story, String name) {
        log.append(story, name, "{}", null);
        clock.advance(Duration.ofMillis(5));
    }

    private static List<String> keys(List<OutboxEvent> events) {
        return events.stream().map(e -> e.event().storyId() + e.event().seq()).toList();
    }

    @Test
    void pendingEventsComeInTimeOrderAcrossStoriesWithTheStorysHero() {
        event("a", "story_created");
        event("b", "story_created");
        event("a", "scenes_approved");
        event("b", "scenes_approved");

        List<OutboxEvent> pending = outbox.pending(100);

        assertThat(keys(pending)).containsExactly("a1", "b1", "a2", "b2");
        assertThat(pending.get(0).heroName()).isEqualTo("Pip");
        assertThat(pending.get(0).animal()).isEqualTo("hedgehog");
        assertThat(outbox.backlog()).isEqualTo(4);
    }

    @Test
    void advancedCursorsHideDeliveredEventsAndNeverMoveBack() {
        event("a", "one");
        event("a", "two");
        event("b", "one");
        outbox.advance(Map.of("a", 2L));
        outbox.advance(Map.of("a", 1L));

        assertThat(keys(outbox.pending(100))).containsExactly("b1");
        assertThat(outbox.backlog()).isEqualTo(1);
        event("a", "three");
        assertThat(keys(outbox.pending(100))).containsExactly("b1", "a3");
    }

    @Test
    void eventsStampedOutOfSeqOrderStillComeInSeqOrderAndTheLimitNeverSkipsOne() {
        // Two appenders read the clock, then took turns for the story's lock the other way round.
        log.append("a", "first", "{}", null);
        clock.advance(Duration.ofMillis(-3));
        log.append("a", "second", "{}", null);
        clock.advance(Duration.ofMillis(10));
        log.append("a", "third", "{}", null);

        assertThat(keys(outbox.pending(100))).containsExactly("a1", "a2", "a3");
        assertThat(keys(outbox.pending(1))).as("seq 2 is oldest, but seq 1 must go first").isEmpty();
        assertThat(keys(outbox.pending(2))).containsExactly("a1", "a2");
    }
}
