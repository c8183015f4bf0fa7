package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** V11: the Telegram bot's offsets and start mark, and its own cursors over the event log, on both engines. */
@ParameterizedClass
@EnumSource(Engine.class)
class TelegramStateTest {

    @TempDir
    Path dir;

    private final TestStories.SteppingClock clock = new TestStories.SteppingClock(Instant.parse("2026-12-03T09:00:00Z"));
    @Parameter
    Engine engine;

    private TestDatabase store;
    private Database db;

    @BeforeEach
    void open() {
        store = engine.open(dir);
        db = store.database();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theOffsetIsKeptPerBotAcrossRestartsAndNeverMovesBack() {
        TelegramState state = new TelegramState(db.jdbi(), clock);
        assertThat(state.nextOffset("111")).isZero();
        state.handledUpTo("111", 500_000_010L);
        state.handledUpTo("111", 500_000_004L);
        state.handledUpTo("222", 7L);

        TelegramState afterRestart = new TelegramState(store.reopen().jdbi(), clock);
        assertThat(afterRestart.nextOffset("111")).isEqualTo(500_000_010L);
        assertThat(afterRestart.nextOffset("222")).isEqualTo(7L);
    }

    @Test
    void theBotsStartIsRecordedOnceWhicheverNodeAsksLater() {
        TelegramState state = new TelegramState(db.jdbi(), clock);
        long first = state.enabledSince();
        clock.advance(Duration.ofHours(3));
        assertThat(new TelegramState(db.jdbi(), clock).enabledSince()).isEqualTo(first).isEqualTo(clock.instant().minus(Duration.ofHours(3))
                .toEpochMilli());
    }

    @Test
    void theTelegramRelaysCursorsMoveApartFromTrackings() {
        new StoryRepository(db.jdbi(), clock).create(TestStories.story("a"));
        EventLog log = new EventLog(db.jdbi(), clock);
        log.append("a", "image_ready", "{}", null);
        log.append("a", "image_ready", "{}", null);
        TrackingOutbox telegram = new TrackingOutbox(db.jdbi(), clock, TrackingOutbox.TELEGRAM);
        TrackingOutbox tracking = new TrackingOutbox(db.jdbi(), clock);

        telegram.advance(Map.of("a", 2L));

        assertThat(telegram.backlog()).isZero();
        assertThat(telegram.pending(10)).isEmpty();
        assertThat(tracking.backlog()).isEqualTo(2);
        assertThat(tracking.pending(10)).hasSize(2);
    }
}
