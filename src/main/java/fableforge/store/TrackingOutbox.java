package fableforge.store;

import fableforge.event.StoryEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The story event log read as an outbox for tracking: each story has a cursor (the last seq taken)
 * and everything after it is still to deliver. A cursor only moves forward, and only after the
 * caller has delivered, so an event is delivered at least once.
 *
 * <p>Gaps cannot appear behind a cursor: seq numbers are given under the story row's lock and
 * committed in order (see {@link EventLog}), so a reader never sees seq n+1 without seq n.
 */
public final class TrackingOutbox {

    /** The cursor tables an outbox may keep (each created by a migration): tracking's and the Telegram relay's. */
    public static final String TRACKING = "tracking_cursor";
    public static final String TELEGRAM = "telegram_cursor";

    private final Jdbi jdbi;
    private final Clock clock;
    private final String cursors;

    public TrackingOutbox(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, TRACKING);
    }

    /** The same event log read by another relay, with its own cursors in {@code cursorTable} ({@link #TRACKING} or {@link #TELEGRAM}). */
    public TrackingOutbox(Jdbi jdbi, Clock clock, String cursorTable) {
        if (!cursorTable.equals(TRACKING) && !cursorTable.equals(TELEGRAM)) {
            throw new IllegalArgumentException("no cursor table " + cursorTable);
        }
        this.jdbi = jdbi;
        this.clock = clock;
        this.cursors = cursorTable;
    }

    /**
     * Up to {@code limit} undelivered events: each story's in seq order with no gaps after its
     * cursor, stories interleaved by the time of their events.
     */
    public List<OutboxEvent> pending(int limit) {
        // Driven by the story table (one row per story, last_event_seq kept on it), so stories that are
        // fully delivered cost an index lookup, not a scan of their events.
        List<Pending> rows = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT e.story_id, e.seq, e.name, e.data_json, e.created_at, s.hero_name, s.animal,
                               COALESCE(c.last_seq, 0) AS delivered
                        FROM story s
                        LEFT JOIN %s c ON c.story_id = s.story_id
                        JOIN story_event e ON e.story_id = s.story_id AND e.seq > COALESCE(c.last_seq, 0)
                        WHERE s.last_event_seq > COALESCE(c.last_seq, 0)
                        ORDER BY e.created_at, e.story_id, e.seq
                        LIMIT :limit""".formatted(cursors))
                .bind("limit", limit)
                .map(TrackingOutbox::pendingRow)
                .list());
        return inOrder(rows);
    }

    /** Moves each story's cursor up to the given seq (never back). */
    public void advance(Map<String, Long> lastSeqByStory) {
        if (lastSeqByStory.isEmpty()) {
            return;
        }
        long now = clock.millis();
        jdbi.useTransaction(handle -> {
            // ON CONFLICT … DO UPDATE … WHERE: the same upsert on SQLite (3.24+) and PostgreSQL.
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO %1$s (story_id, last_seq, updated_at) VALUES (:storyId, :seq, :now)
                    ON CONFLICT (story_id) DO UPDATE SET last_seq = excluded.last_seq, updated_at = excluded.updated_at
                    WHERE %1$s.last_seq < excluded.last_seq""".formatted(cursors));
            lastSeqByStory.forEach((storyId, seq) -> batch.bind("storyId", storyId).bind("seq", seq).bind("now", now).add());
            batch.execute();
        });
    }

    /** How many events of all stories are still to deliver. */
    public long backlog() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT COALESCE(SUM(s.last_event_seq - COALESCE(c.last_seq, 0)), 0)
                        FROM story s LEFT JOIN %s c ON c.story_id = s.story_id
                        WHERE s.last_event_seq > COALESCE(c.last_seq, 0)""".formatted(cursors))
                .mapTo(Long.class)
                .one());
    }

    /**
     * Keeps of each story only the run of seqs that follows its cursor (the time order of the query
     * can put seq n+1 before n when two events were stamped in the same instant, and the limit can
     * then cut between them), and merges the stories by time while keeping each one in seq order.
     */
    private static List<OutboxEvent> inOrder(List<Pending> rows) {
        Map<String, List<Pending>> byStory = new LinkedHashMap<>();
        rows.forEach(row -> byStory.computeIfAbsent(row.event().event().storyId(), id -> new ArrayList<>()).add(row));
        PriorityQueue<List<Pending>> heads = new PriorityQueue<>(Comparator
                .comparing((List<Pending> run) -> run.get(0).event().event().createdAt())
                .thenComparing(run -> run.get(0).event().event().storyId()));
        for (List<Pending> story : byStory.values()) {
            story.sort(Comparator.comparingLong(row -> row.event().event().seq()));
            List<Pending> run = new ArrayList<>();
            long expected = story.get(0).delivered() + 1;
            for (Pending row : story) {
                if (row.event().event().seq() != expected) {
                    break;
                }
                run.add(row);
                expected++;
            }
            if (!run.isEmpty()) {
                heads.add(run);
            }
        }
        List<OutboxEvent> ordered = new ArrayList<>(rows.size());
        while (!heads.isEmpty()) {
            List<Pending> run = heads.poll();
            ordered.add(run.remove(0).event());
            if (!run.isEmpty()) {
                heads.add(run);
            }
        }
        return ordered;
    }

    private record Pending(OutboxEvent event, long delivered) {
    }

    private static Pending pendingRow(ResultSet row, StatementContext context) throws SQLException {
        StoryEvent event = new StoryEvent(row.getString("story_id"), row.getLong("seq"), row.getString("name"),
                row.getString("data_json"), Columns.instant(row, "created_at"));
        return new Pending(new OutboxEvent(event, row.getString("hero_name"), row.getString("animal")), row.getLong("delivered"));
    }
}
