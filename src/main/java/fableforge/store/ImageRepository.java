package fableforge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * Every image attempt of every scene, kept for good.
 *
 * <p>Life of an attempt: {@code queued → running → pending_approval | failed}, then the user's
 * {@code pending_approval → approved | rejected} (an approved image can still be rejected). Each change
 * happens only from the states listed on its method; the methods return whether this call changed the
 * attempt, so a job that runs twice finds its work already done and changes nothing.
 *
 * <p>Approval: a scene has at most one approved attempt and it is always its latest. Only the latest
 * attempt can be approved, and queueing a new attempt withdraws the approval of the earlier ones
 * (they go back to {@code pending_approval}: regenerating means the user wants a different image).
 */
public final class ImageRepository {

    /** "Row a is its scene's latest attempt", appended to a query's WHERE clause. */
    private static final String LATEST = " a.attempt = (SELECT MAX(b.attempt) FROM image_attempt b"
            + " WHERE b.story_id = a.story_id AND b.scene_number = a.scene_number)";

    private final Jdbi jdbi;
    private final Clock clock;

    public ImageRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Queues the scene's next attempt (1, 2, …) with the prompt to draw.
     *
     * @throws IllegalArgumentException if the story has no such scene
     */
    public ImageAttempt createAttempt(String storyId, int scene, String prompt) {
        long now = clock.millis();
        return Writes.inTransaction(jdbi, handle -> {
            boolean sceneExists = handle.createQuery(
                            "SELECT COUNT(*) FROM scene WHERE story_id = :storyId AND scene_number = :scene")
                    .bind("storyId", storyId)
                    .bind("scene", scene)
                    .mapTo(Integer.class)
                    .one() == 1;
            if (!sceneExists) {
                throw new IllegalArgumentException("story " + storyId + " has no scene " + scene);
            }
            handle.createUpdate("""
                    UPDATE image_attempt SET status = 'pending_approval', decided_at = NULL
                    WHERE story_id = :storyId AND scene_number = :scene AND status = 'approved'""")
                    .bind("storyId", storyId)
                    .bind("scene", scene)
                    .execute();
            handle.createUpdate("""
                    INSERT INTO image_attempt (story_id, scene_number, attempt, status, prompt, tries, queued_at)
                    SELECT :storyId, :scene, COALESCE(MAX(attempt), 0) + 1, 'queued', :prompt, 0, :now
                    FROM image_attempt WHERE story_id = :storyId AND scene_number = :scene""")
                    .bind("storyId", storyId)
                    .bind("scene", scene)
                    .bind("prompt", prompt)
                    .bind("now", now)
                    .execute();
            return handle.createQuery("""
                            SELECT * FROM image_attempt a
                            WHERE a.story_id = :storyId AND a.scene_number = :scene AND """ + LATEST)
                    .bind("storyId", storyId)
                    .bind("scene", scene)
                    .map(ImageRepository::attempt)
                    .one();
        });
    }

    public Optional<ImageAttempt> find(String storyId, int scene, int attempt) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM image_attempt
                        WHERE story_id = :storyId AND scene_number = :scene AND attempt = :attempt""")
                .bind("storyId", storyId)
                .bind("scene", scene)
                .bind("attempt", attempt)
                .map(ImageRepository::attempt)
                .findOne());
    }

    /** {@code queued | running → pending_approval}, with the stored image and the prompt that made it. */
    public boolean markProduced(String storyId, int scene, int attempt, String url, String mediaKey,
                                int width, int height, int tries, String finalPrompt) {
        return update(storyId, scene, attempt, """
                UPDATE image_attempt
                SET status = 'pending_approval', url = :url, media_key = :mediaKey, width = :width,
                    height = :height, tries = :tries, final_prompt = :finalPrompt,
                    started_at = COALESCE(started_at, :now), finished_at = :now, error = NULL
                WHERE story_id = :storyId AND scene_number = :scene AND attempt = :attempt
                  AND status IN ('queued', 'running')""",
                update -> update.bind("url", url).bind("mediaKey", mediaKey).bind("width", width)
                        .bind("height", height).bind("tries", tries).bind("finalPrompt", finalPrompt));
    }

    /**
     * Records where the hero is in a produced attempt's image (image pixels), for the video camera.
     * Only on an attempt that has an image; false if there is none.
     */
    public boolean recordSubject(String storyId, int scene, int attempt, java.awt.Rectangle subject) {
        if (subject.width <= 0 || subject.height <= 0) {
            throw new IllegalArgumentException("an empty subject box: " + subject);
        }
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE image_attempt
                        SET subject_x = :x, subject_y = :y, subject_width = :width, subject_height = :height
                        WHERE story_id = :storyId AND scene_number = :scene AND attempt = :attempt AND url IS NOT NULL""")
                .bind("x", subject.x).bind("y", subject.y).bind("width", subject.width).bind("height", subject.height)
                .bind("storyId", storyId).bind("scene", scene).bind("attempt", attempt)
                .execute()) == 1;
    }

    /** {@code queued | running → failed}, with the reason the user will see. */
    public boolean markFailed(String storyId, int scene, int attempt, String error, int tries) {
        return update(storyId, scene, attempt, """
                UPDATE image_attempt
                SET status = 'failed', error = :error, tries = :tries,
                    started_at = COALESCE(started_at, :now), finished_at = :now
                WHERE story_id = :storyId AND scene_number = :scene AND attempt = :attempt
                  AND status IN ('queued', 'running')""",
                update -> update.bind("error", error).bind("tries", tries));
    }

    /**
     * Approves one version of a scene's image: any attempt that produced an image (waiting, approved
     * or rejected before), so the user can go back to an earlier version. The scene's previously
     * approved attempt, if another, goes back to waiting, keeping at most one approved per scene.
     */
    public boolean approve(String storyId, int scene, int attempt) {
        long now = clock.millis();
        return Writes.inTransaction(jdbi, handle -> {
            boolean approvable = handle.createQuery("""
                            SELECT COUNT(*) FROM image_attempt
                            WHERE story_id = :storyId AND scene_number = :scene AND attempt = :attempt
                              AND status IN ('pending_approval', 'approved', 'rejected') AND url IS NOT NULL""")
                    .bind("storyId", storyId).bind("scene", scene).bind("attempt", attempt)
                    .mapTo(Integer.class).one() == 1;
            if (!approvable) {
                return false;
            }
            handle.createUpdate("""
                            UPDATE image_attempt SET status = 'pending_approval', decided_at = NULL
                            WHERE story_id = :storyId AND scene_number = :scene AND attempt <> :attempt AND status = 'approved'""")
                    .bind("storyId", storyId).bind("scene", scene).bind("attempt", attempt).execute();
            return handle.createUpdate("""
                            UPDATE image_attempt SET status = 'approved', reject_reason = NULL, decided_at = :now
                            WHERE story_id = :storyId AND scene_number = :scene AND attempt = :attempt""")
                    .bind("storyId", storyId).bind("scene", scene).bind("attempt", attempt).bind("now", now)
                    .execute() == 1;
        });
    }

    /**
     * Rewrites the prompt of an attempt that has not started yet (a fix the user asked to apply to
     * scenes not yet generated); false once it is running or finished.
     */
    public boolean updateQueuedPrompt(String storyId, int scene, int attempt, String prompt) {
        return update(storyId, scene, attempt, """
                UPDATE image_attempt SET prompt = :prompt
                WHERE story_id = :storyId AND scene_number = :scene AND attempt = :attempt AND status = 'queued'""",
                update -> update.bind("prompt", prompt));
    }

    /** {@code pending_approval | approved → rejected}, with the user's reason (may be null). */
    public boolean reject(String storyId, int scene, int attempt, String reason) {
        return update(storyId, scene, attempt, """
                UPDATE image_attempt SET status = 'rejected', reject_reason = :reason, decided_at = :now
                WHERE story_id = :storyId AND scene_number = :scene AND attempt = :attempt
                  AND status IN ('pending_approval', 'approved')""", update -> update.bind("reason", reason));
    }

    /** The attempts as jobs that any node claims, runs under a lease and takes over when a node dies. */
    public fableforge.job.ClaimableJobs<JobKey> jobs() {
        return LeasedJobTable.imageAttempts(jdbi);
    }

    /** Every attempt of the story, by scene then attempt; empty for an unknown story. */
    public List<ImageAttempt> attempts(String storyId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM image_attempt WHERE story_id = :storyId ORDER BY scene_number, attempt""")
                .bind("storyId", storyId)
                .map(ImageRepository::attempt)
                .list());
    }

    /** Each scene's latest attempt, keyed and ordered by scene number; scenes without one are absent. */
    public Map<Integer, ImageAttempt> latest(String storyId) {
        Map<Integer, ImageAttempt> latest = new LinkedHashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT * FROM image_attempt a WHERE a.story_id = :storyId AND """ + LATEST
                        + " ORDER BY a.scene_number")
                .bind("storyId", storyId)
                .map(ImageRepository::attempt)
                .forEach(attempt -> latest.put(attempt.scene(), attempt)));
        return latest;
    }

    /** Scenes whose latest attempt has an image: pending approval or approved. */
    public int countProduced(String storyId) {
        return count(storyId, """
                SELECT COUNT(*) FROM image_attempt a
                WHERE a.story_id = :storyId AND a.status IN ('pending_approval', 'approved') AND """ + LATEST);
    }

    /** Scenes with an approved image. */
    public int countApproved(String storyId) {
        return count(storyId, "SELECT COUNT(*) FROM image_attempt WHERE story_id = :storyId AND status = 'approved'");
    }

    private int count(String storyId, String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                .bind("storyId", storyId)
                .mapTo(Integer.class)
                .one());
    }

    private boolean update(String storyId, int scene, int attempt, String sql, Consumer<Update> values) {
        long now = clock.millis();
        return jdbi.withHandle(handle -> {
            Update update = handle.createUpdate(sql)
                    .bind("storyId", storyId)
                    .bind("scene", scene)
                    .bind("attempt", attempt)
                    .bind("now", now);
            values.accept(update);
            return update.execute() == 1;
        });
    }

    private static ImageAttempt attempt(ResultSet row, StatementContext context)
            throws SQLException {
        return new ImageAttempt(
                row.getString("story_id"),
                row.getInt("scene_number"),
                row.getInt("attempt"),
                ImageStatus.fromWire(row.getString("status")),
                row.getString("prompt"),
                row.getString("final_prompt"),
                row.getString("url"),
                row.getString("media_key"),
                Columns.integer(row, "width"),
                Columns.integer(row, "height"),
                row.getInt("tries"),
                row.getString("error"),
                row.getString("reject_reason"),
                Columns.instant(row, "queued_at"),
                Columns.instant(row, "started_at"),
                Columns.instant(row, "finished_at"),
                Columns.instant(row, "decided_at"),
                subject(row));
    }

    private static java.awt.Rectangle subject(ResultSet row) throws SQLException {
        Integer x = Columns.integer(row, "subject_x");
        Integer y = Columns.integer(row, "subject_y");
        Integer width = Columns.integer(row, "subject_width");
        Integer height = Columns.integer(row, "subject_height");
        return x == null || y == null || width == null || height == null ? null : new java.awt.Rectangle(x, y, width, height);
    }
}
