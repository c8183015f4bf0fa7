package fableforge.store;

import fableforge.job.ClaimableJobs;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * A table of job rows ({@code image_attempt} or {@code video}) seen as a queue that any node claims
 * from. A row is free when it is queued, or running on a lease that ran out (or that it never had:
 * rows written before leases existed). The claim is one conditional UPDATE, so of two nodes claiming
 * the same row at once exactly one changes it: PostgreSQL re-checks the condition on the row the
 * winner committed, SQLite runs one writer at a time.
 */
final class LeasedJobTable implements ClaimableJobs<JobKey> {

    private static final String FREE = "(status = 'queued' OR (status = 'running' AND (lease_until IS NULL OR lease_until < :now)))";

    private final Jdbi jdbi;
    private final String table;
    private final String keyWhere;
    private final String keyColumns;
    private final String claimSet;

    /**
     * @param keyColumns the key as {@code story_id, scene, number} columns of a SELECT
     * @param keyWhere   a WHERE condition on {@code :storyId}, {@code :scene}, {@code :number}
     * @param claimSet   further {@code SET} assignments made when a run starts
     */
    LeasedJobTable(Jdbi jdbi, String table, String keyColumns, String keyWhere, String claimSet) {
        this.jdbi = jdbi;
        this.table = table;
        this.keyColumns = keyColumns;
        this.keyWhere = keyWhere;
        this.claimSet = claimSet;
    }

    @Override
    public List<JobKey> claimable(Instant now, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + keyColumns + " FROM " + table
                        + " WHERE status IN ('queued', 'running') AND " + FREE + " ORDER BY queued_at, story_id LIMIT :limit")
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .map((row, context) -> new JobKey(row.getString(1), row.getInt(2), row.getInt(3)))
                .list());
    }

    @Override
    public Backlog backlog(Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT"
                        + " SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END) AS queued,"
                        + " SUM(CASE WHEN status = 'running' THEN 1 ELSE 0 END) AS running,"
                        + " MIN(CASE WHEN status = 'queued' THEN queued_at END) AS oldest"
                        + " FROM " + table + " WHERE status IN ('queued', 'running')")
                .map((row, context) -> {
                    long oldest = row.getLong("oldest");
                    boolean none = row.wasNull();
                    return new Backlog(row.getLong("queued"), row.getLong("running"),
                            none ? 0 : Math.max(0, (now.toEpochMilli() - oldest) / 1000));
                })
                .one());
    }

    @Override
    public boolean claim(JobKey job, String node, Instant now, Instant leaseUntil) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE " + table
                        + " SET status = 'running', claimed_by = :node, lease_until = :leaseUntil, started_at = :now" + claimSet
                        + " WHERE " + keyWhere + " AND " + FREE)
                .bind("node", node)
                .bind("leaseUntil", leaseUntil.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .bindMap(key(job))
                // The video table has no scene column: its key leaves :scene unused.
                .configure(SqlStatements.class, statements -> statements.setUnusedBindingAllowed(true))
                .execute() == 1);
    }

    @Override
    public boolean holds(JobKey job, String node) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table
                        + " WHERE " + keyWhere + " AND claimed_by = :node AND status = 'running'")
                .bind("node", node)
                .bindMap(key(job))
                .configure(SqlStatements.class, statements -> statements.setUnusedBindingAllowed(true))
                .mapTo(Integer.class)
                .one() == 1);
    }

    @Override
    public boolean renew(JobKey job, String node, Instant leaseUntil) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE " + table
                        + " SET lease_until = :leaseUntil WHERE " + keyWhere + " AND claimed_by = :node AND status = 'running'")
                .bind("leaseUntil", leaseUntil.toEpochMilli())
                .bind("node", node)
                .bindMap(key(job))
                .configure(SqlStatements.class, statements -> statements.setUnusedBindingAllowed(true))
                .execute() == 1);
    }

    @Override
    public void release(String node) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE " + table + " SET lease_until = 0 WHERE status = 'running'"
                        + (node == null ? "" : " AND claimed_by = :node"))
                .bindBySqlType("node", node, Types.VARCHAR)
                .configure(SqlStatements.class, statements -> statements.setUnusedBindingAllowed(true))
                .execute());
    }

    private static Map<String, Object> key(JobKey job) {
        return Map.of("storyId", job.storyId(), "scene", job.scene(), "number", job.number());
    }

    /** The {@code image_attempt} table: one job per attempt. */
    static LeasedJobTable imageAttempts(Jdbi jdbi) {
        return new LeasedJobTable(jdbi, "image_attempt", "story_id, scene_number, attempt",
                "story_id = :storyId AND scene_number = :scene AND attempt = :number", "");
    }

    /** The {@code video} table: one job per version; a claim starts a new run of it. */
    static LeasedJobTable videos(Jdbi jdbi) {
        return new LeasedJobTable(jdbi, "video", "story_id, 0, version",
                "story_id = :storyId AND version = :number",
                ", runs = runs + 1, fallbacks_json = '[]', progress_json = NULL, error = NULL");
    }
}
