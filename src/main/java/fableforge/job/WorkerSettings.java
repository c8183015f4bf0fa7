package fableforge.job;

import java.time.Clock;
import java.time.Duration;

/**
 * How this node takes part in running jobs.
 *
 * @param node      this node's id, written on the jobs it claims
 * @param runsJobs  false for a web-only node: it queues jobs and other nodes run them
 * @param soleNode  true on the embedded database, which only this process opens: at start-up every
 *                  unfinished job is this node's to take over at once, without waiting out leases
 * @param lease     how long a claim lasts without renewal; a dead node's jobs wait this long
 * @param poll      how often the worker looks for jobs queued elsewhere or left by a dead node
 */
public record WorkerSettings(String node, boolean runsJobs, boolean soleNode, Duration lease, Duration poll, Clock clock) {

    public WorkerSettings {
        if (lease.toMillis() < 300) {
            throw new IllegalArgumentException("a job lease must last at least 300 ms, was " + lease);
        }
    }

    /** A worker for these jobs, or none on a web-only node. */
    public <K> java.util.Optional<JobWorker<K>> worker(String kind, ClaimableJobs<K> jobs, java.util.function.Consumer<K> runner,
                                                       int slots) {
        if (!runsJobs) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new JobWorker<>(kind, jobs, runner, slots, node, lease, poll, clock, soleNode));
    }
}
