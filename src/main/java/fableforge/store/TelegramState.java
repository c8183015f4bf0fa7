package fableforge.store;

import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * What the Telegram bot keeps across restarts and nodes (V11 {@code telegram_state}): the next
 * {@code getUpdates} offset of each bot, and when the bot first ran on this database.
 */
public final class TelegramState {

    private final Jdbi jdbi;
    private final Clock clock;

    public TelegramState(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The next update id to ask for, 0 (Telegram's "from the oldest unconfirmed") when none was kept for this bot. */
    public long nextOffset(String botId) {
        return value("offset:" + botId).orElse(0L);
    }

    /** Keeps the next offset once an update has been handled; never moves it back (a slow node cannot undo a faster one). */
    public void handledUpTo(String botId, long nextOffset) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO telegram_state (name, value, updated_at) VALUES (:name, :value, :now)
                        ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                        WHERE telegram_state.value < excluded.value""")
                .bind("name", "offset:" + botId).bind("value", nextOffset).bind("now", clock.millis())
                .execute());
    }

    /**
     * When the bot first ran on this database (epoch ms): recorded now on the first call, the same
     * answer on every later one, on every node.
     */
    public long enabledSince() {
        long now = clock.millis();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO telegram_state (name, value, updated_at) VALUES ('enabled_since', :now, :now)
                        ON CONFLICT (name) DO NOTHING""")
                .bind("now", now)
                .execute());
        return value("enabled_since").orElse(now);
    }

    private Optional<Long> value(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT value FROM telegram_state WHERE name = :name")
                .bind("name", name).mapTo(Long.class).findOne());
    }
}
