package fableforge.store;

import fableforge.event.StoryEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The append-only event log of each story, behind SSE replay: a reconnecting browser asks for the
 * events after the last {@code seq} it saw.
 *
 * <p>Sequence numbers come from a counter on the story's row, read and raised in the same transaction
 * as the insert. Writing that row first locks it (PostgreSQL) or the database (SQLite), so appenders of
 * one story take turns, from any thread or process, and numbers have no gaps or repeats; the unique
 * {@code (story_id, seq)} key guards this. A retry covers the one race left on PostgreSQL: two
 * appends with the same dedupe key.
 *
 * <p>An append made inside a transaction already open on the caller's thread ({@code StoryEvents.atomically},
 * an event stored with the state change it reports) joins that transaction and commits with it. Any other
 * append on SQLite commits on {@link SqliteEventAppends}, without an fsync per event and with its
 * statements prepared once, which keeps {@code emit()} under a millisecond (the SSE fan-out goal of issue
 * 14); see {@link Database} for why the durability that costs is acceptable for events.
 */
public final class EventLog {

    // The statements of an append, shared with SqliteEventAppends. Raising the counter locks the story's row (or
    // SQLite's database) like lockStory does; RETURNING saves the statement that read it back (SQLite has it since
    // 3.35); no row means no such story.
    static final String RAISE_COUNTER = "UPDATE story SET last_event_seq = last_event_seq + 1 WHERE story_id = ? RETURNING last_event_seq";
    static final String INSERT = "INSERT INTO story_event (story_id, seq, name, data_json, dedupe_key, created_at) VALUES (?, ?, ?, ?, ?, ?)";
    static final String BY_DEDUPE_KEY = "SELECT story_id, seq, name, data_json, created_at FROM story_event WHERE story_id = ? AND dedupe_key = ?";

    private final Jdbi jdbi;
    private final Optional<SqliteEventAppends> standaloneAppends;
    private final Clock clock;

    /** Every append, standalone or not, on {@code jdbi}. */
    public EventLog(Jdbi jdbi, Clock clock) {
        this(jdbi, Optional.empty(), clock);
    }

    /** Appends outside a caller's transaction on SQLite's {@link SqliteEventAppends}, the rest on the store's JDBI. */
    public EventLog(Database database, Clock clock) {
        this(database.jdbi(), database.sqliteEventAppends(), clock);
    }

    private EventLog(Jdbi jdbi, Optional<SqliteEventAppends> standaloneAppends, Clock clock) {
        this.jdbi = jdbi;
        this.standaloneAppends = standaloneAppends;
        this.clock = clock;
    }

    /**
     * Appends an event with the story's next sequence number. If {@code dedupeKey} is not null and an
     * event of this story already has it, returns that event and appends nothing, so a job that runs
     * again does not repeat its events.
     *
     * @throws IllegalArgumentException if there is no such story
     */
    public StoryEvent append(String storyId, String name, String dataJson, String dedupeKey) {
        long now = clock.millis();
        boolean joinsTransaction = jdbi.getHandleScope().get() != null;
        if (!joinsTransaction && standaloneAppends.isPresent()) {
            return standaloneAppends.get().append(storyId, name, dataJson, dedupeKey, now);
        }
        return Writes.inTransaction(jdbi, handle -> {
            if (dedupeKey != null) {
                if (!Writes.lockStory(handle, storyId)) {
                    throw noStory(storyId, name);
                }
                Optional<StoryEvent> earlier = byDedupeKey(handle, storyId, dedupeKey);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            long seq = handle.createQuery(RAISE_COUNTER)
                    .bind(0, storyId)
                    .mapTo(Long.class)
                    .findOne()
                    .orElseThrow(() -> noStory(storyId, name));
            handle.createUpdate(INSERT)
                    .bind(0, storyId)
                    .bind(1, seq)
                    .bind(2, name)
                    .bind(3, dataJson)
                    .bind(4, dedupeKey)
                    .bind(5, now)
                    .execute();
            return new StoryEvent(storyId, seq, name, dataJson, Instant.ofEpochMilli(now));
        });
    }

    static IllegalArgumentException noStory(String storyId, String name) {
        return new IllegalArgumentException("no story " + storyId + " to log event '" + name + "' for");
    }

    /** The story's events with a sequence number above {@code afterSeq}, in order; empty for an unknown story. */
    public List<StoryEvent> after(String storyId, long afterSeq) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT story_id, seq, name, data_json, created_at FROM story_event
                        WHERE story_id = :storyId AND seq > :afterSeq
                        ORDER BY seq""")
                .bind("storyId", storyId)
                .bind("afterSeq", afterSeq)
                .map((row, context) -> event(row))
                .list());
    }

    /** The sequence number of the story's last event; 0 if it has none or does not exist. */
    public long lastSeq(String storyId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT last_event_seq FROM story WHERE story_id = :storyId")
                .bind("storyId", storyId)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
    }

    private static Optional<StoryEvent> byDedupeKey(Handle handle, String storyId, String dedupeKey) {
        return handle.createQuery(BY_DEDUPE_KEY)
                .bind(0, storyId)
                .bind(1, dedupeKey)
                .map((row, context) -> event(row))
                .findOne();
    }

    /** The event a row of {@code story_event} holds (its five columns of {@link #BY_DEDUPE_KEY}). */
    static StoryEvent event(ResultSet row) throws SQLException {
        return new StoryEvent(
                row.getString("story_id"),
                row.getLong("seq"),
                row.getString("name"),
                row.getString("data_json"),
                Columns.instant(row, "created_at"));
    }
}
