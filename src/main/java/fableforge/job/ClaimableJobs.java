package fableforge.job;

import java.time.Instant;
import java.util.List;

/**
 * Jobs kept as rows in the shared database that any node may claim for a while (a lease). A node
 * that dies stops renewing its leases; once they run out, another node claims the jobs again.
 *
 * @param <K> what names one job
 */
public interface ClaimableJobs<K> {

    /** Up to {@code limit} jobs no live node holds: queued, or running on a lease that ran out; oldest first. */
    List<K> claimable(Instant now, int limit);

    /** How many jobs wait for a node and how many run, and since when the oldest waits: for {@code /health}. */
    Backlog backlog(Instant now);

    record Backlog(long queued, long running, long oldestQueuedSeconds) {
    }

    /** Takes the job for {@code node} until {@code leaseUntil}; false if it is done or another node holds it. */
    boolean claim(K job, String node, Instant now, Instant leaseUntil);

    /**
     * Whether {@code node} still holds the job: checked in the transaction that stores its outcome, so a
     * node whose lease was taken over (after a long stall) does not overwrite the new holder's work.
     */
    boolean holds(K job, String node);

    /** Extends the lease of a job {@code node} is running; false if it no longer holds it. */
    boolean renew(K job, String node, Instant leaseUntil);

    /**
     * Lets the running jobs of {@code node} (or of every node, when null) be claimed at once: for a
     * node that restarts under the same id, or for the embedded database that only one process opens.
     */
    void release(String node);
}
