package fableforge.store;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * A story's version for its cached view (issue 14): one query, on any node, that changes whenever
 * {@code GET /story} would answer something else. Its backbone is the event log's sequence number,
 * raised in the same transaction as every evented change; beside it, what changes with no event of
 * this story: an image or video job claimed ({@code running}), prompts of queued images given a
 * rejection's fix, a video queued, and the day-wide spend and reservations the cost shows.
 */
public final class StoryVersions {

    private final Jdbi jdbi;
    private final Clock clock;

    public StoryVersions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * @param ownerId     who may read the story (null: made without accounts)
     * @param seq         the story's last event sequence number
     * @param unevented   the rest of the version, compared as a whole
     */
    public record StoryVersion(String ownerId, long seq, String unevented) {
    }

    /** The story's version and owner, or empty when there is no such story. */
    public Optional<StoryVersion> find(String storyId) {
        long now = clock.millis();
        long dayStart = LocalDate.now(clock.withZone(ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT s.owner_id, s.last_event_seq, s.updated_at,
                          (SELECT COUNT(*) FROM image_attempt i WHERE i.story_id = s.story_id AND i.status = 'running') AS drawing,
                          (SELECT COALESCE(SUM(LENGTH(i.prompt)), 0) FROM image_attempt i WHERE i.story_id = s.story_id) AS prompt_chars,
                          (SELECT COUNT(*) FROM video v WHERE v.story_id = s.story_id) AS videos,
                          (SELECT COUNT(*) FROM video v WHERE v.story_id = s.story_id AND v.status = 'running') AS rendering,
                          (SELECT COALESCE(SUM(usd_micros), 0) FROM spend WHERE created_at >= :dayStart) AS spent_today,
                          (SELECT COALESCE(SUM(usd_micros), 0) FROM spend_reservation WHERE expires_at > :now) AS reserved
                        FROM story s WHERE s.story_id = :storyId""")
                .bind("storyId", storyId)
                .bind("dayStart", dayStart)
                .bind("now", now)
                .map((row, context) -> new StoryVersion(row.getString("owner_id"), row.getLong("last_event_seq"),
                        row.getLong("updated_at") + "/" + row.getLong("drawing") + "/" + row.getLong("prompt_chars") + "/"
                                + row.getLong("videos") + "/" + row.getLong("rendering") + "/" + row.getLong("spent_today") + "/"
                                + row.getLong("reserved")))
                .findOne());
    }
}
