package fableforge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * Every video version of every story. Life of a version: {@code queued → running → done | failed};
 * a restart finds it queued or running and runs it again ({@code running → running}). Each change
 * happens only from the states its method lists and reports whether it changed the row, so a job run
 * twice changes nothing the second time. A story has at most one unfinished version (a partial unique
 * index), so a request while one renders gets that one back.
 */
public final class VideoRepository {

    private final Jdbi jdbi;
    private final Clock clock;

    public VideoRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A version as asked for, and whether this call queued it (false: it was already in progress). */
    public record Requested(VideoRecord video, boolean created) {
    }

    /**
     * Queues the story's next version with these options, unless a version is still queued or
     * running: then that one is returned, whatever its options, for the caller to compare.
     */
    public Requested request(String storyId, String clips, String narration, boolean draft, Optional<String> musicKey) {
        return request(storyId, clips, narration, draft, musicKey, null, null);
    }

    /** As above, with the length in seconds and the caption style asked for (null: not chosen). */
    public Requested request(String storyId, String clips, String narration, boolean draft, Optional<String> musicKey,
                             Integer lengthSeconds, String captionStyle) {
        long now = clock.millis();
        return Writes.inTransaction(jdbi, handle -> {
            Optional<VideoRecord> unfinished = handle.createQuery(
                            "SELECT * FROM video WHERE story_id = :storyId AND status IN ('queued', 'running')")
                    .bind("storyId", storyId).map(VideoRepository::video).findOne();
            if (unfinished.isPresent()) {
                return new Requested(unfinished.get(), false);
            }
            handle.createUpdate("""
                            INSERT INTO video (story_id, version, status, clips, narration, draft, music_key, queued_at,
                                               length_seconds, caption_style)
                            SELECT :storyId, COALESCE(MAX(version), 0) + 1, 'queued', :clips, :narration, :draft, :music, :now,
                                   :length, :captions
                            FROM video WHERE story_id = :storyId""")
                    .bind("storyId", storyId).bind("clips", clips).bind("narration", narration).bind("draft", draft ? 1 : 0)
                    .bind("music", musicKey.orElse(null)).bind("now", now)
                    .bindByType("length", lengthSeconds, Integer.class).bind("captions", captionStyle)
                    .execute();
            return new Requested(latest(handle, storyId).orElseThrow(), true);
        });
    }

    public Optional<VideoRecord> find(String storyId, int version) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM video WHERE story_id = :storyId AND version = :version")
                .bind("storyId", storyId).bind("version", version).map(VideoRepository::video).findOne());
    }

    /** The story's newest version, whatever its status. */
    public Optional<VideoRecord> latest(String storyId) {
        return jdbi.withHandle(handle -> latest(handle, storyId));
    }

    /** The story's newest finished-and-done version, if any. */
    public Optional<VideoRecord> latestDone(String storyId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM video WHERE story_id = :storyId AND status = 'done' ORDER BY version DESC LIMIT 1")
                .bind("storyId", storyId).map(VideoRepository::video).findOne());
    }

    /** The renders as jobs that any node claims, runs under a lease and takes over when a node dies. */
    public fableforge.job.ClaimableJobs<JobKey> jobs() {
        return LeasedJobTable.videos(jdbi);
    }

    /** Records the last progress a running render announced (JSON), for every node's view of it. */
    public boolean setProgress(String storyId, int version, String progressJson) {
        return update(storyId, version, """
                UPDATE video SET progress_json = :progress
                WHERE story_id = :storyId AND version = :version AND status = 'running'""",
                update -> update.bind("progress", progressJson));
    }

    /** Records the scenes that fell back to local camera motion so far in this run (a JSON array). */
    public boolean setFallbacks(String storyId, int version, String fallbacksJson) {
        return update(storyId, version, """
                UPDATE video SET fallbacks_json = :fallbacks
                WHERE story_id = :storyId AND version = :version AND status = 'running'""",
                update -> update.bind("fallbacks", fallbacksJson));
    }

    /** {@code running → done}, with where the files went. */
    public boolean markDone(String storyId, int version, VideoRecord.Files files) {
        return update(storyId, version, """
                UPDATE video SET status = 'done', video_key = :videoKey, video_url = :videoUrl, srt_url = :srtUrl,
                    fcpxml_url = :fcpxmlUrl, zip_url = :zipUrl, duration_ms = :durationMs, width = :width, height = :height,
                    size_bytes = :sizeBytes, finished_at = :now, error = NULL
                WHERE story_id = :storyId AND version = :version AND status = 'running'""",
                update -> update.bind("videoKey", files.videoKey()).bind("videoUrl", files.videoUrl()).bind("srtUrl", files.srtUrl())
                        .bind("fcpxmlUrl", files.fcpxmlUrl()).bind("zipUrl", files.zipUrl()).bind("durationMs", files.durationMs())
                        .bind("width", files.width()).bind("height", files.height()).bind("sizeBytes", files.sizeBytes()));
    }

    /** {@code queued | running → failed}, with the reason the user will see. */
    public boolean markFailed(String storyId, int version, String error) {
        return update(storyId, version, """
                UPDATE video SET status = 'failed', error = :error, finished_at = :now
                WHERE story_id = :storyId AND version = :version AND status IN ('queued', 'running')""",
                update -> update.bind("error", error));
    }

    private static Optional<VideoRecord> latest(Handle handle, String storyId) {
        return handle.createQuery("SELECT * FROM video WHERE story_id = :storyId ORDER BY version DESC LIMIT 1")
                .bind("storyId", storyId).map(VideoRepository::video).findOne();
    }

    private boolean update(String storyId, int version, String sql, Consumer<Update> values) {
        long now = clock.millis();
        return jdbi.withHandle(handle -> {
            Update update = handle.createUpdate(sql).bind("storyId", storyId).bind("version", version).bind("now", now);
            values.accept(update);
            return update.execute() == 1;
        });
    }

    private static VideoRecord video(ResultSet row, org.jdbi.v3.core.statement.StatementContext context) throws SQLException {
        long duration = row.getLong("duration_ms");
        Long durationMs = row.wasNull() ? null : duration;
        long size = row.getLong("size_bytes");
        Long sizeBytes = row.wasNull() ? null : size;
        return new VideoRecord(
                row.getString("story_id"),
                row.getInt("version"),
                VideoStatus.fromWire(row.getString("status")),
                row.getString("clips"),
                row.getString("narration"),
                row.getInt("draft") == 1,
                Optional.ofNullable(row.getString("music_key")),
                row.getString("video_key"),
                row.getString("video_url"),
                row.getString("srt_url"),
                row.getString("fcpxml_url"),
                row.getString("zip_url"),
                durationMs,
                Columns.integer(row, "width"),
                Columns.integer(row, "height"),
                sizeBytes,
                row.getString("fallbacks_json"),
                row.getString("error"),
                row.getInt("runs"),
                row.getString("progress_json"),
                Columns.instant(row, "queued_at"),
                Columns.instant(row, "started_at"),
                Columns.instant(row, "finished_at"),
                Columns.integer(row, "length_seconds"),
                row.getString("caption_style"));
    }
}
