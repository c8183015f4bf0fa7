package fableforge.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's worker for one kind of job: it claims jobs from the shared queue while it has free
 * slots, runs each on a virtual thread and renews its leases while they run.
 *
 * <p>It looks for work when told that a job was queued on this node ({@link #wake()}) and every poll
 * interval otherwise, which is how it finds jobs queued by other nodes and jobs whose node died.
 * Jobs are claimed oldest first across every story and node, so stories take turns fairly.
 *
 * @param <K> what names one job
 */
public final class JobWorker<K> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);

    private final String kind;
    private final ClaimableJobs<K> jobs;
    private final Consumer<K> runner;
    private final Semaphore slots;
    private final String node;
    private final Duration lease;
    private final Duration poll;
    private final Clock clock;
    private final boolean soleNode;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<K> running = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeUp;
    private volatile boolean closed;
    private Thread loop;

    /**
     * @param kind   what the jobs are, for the log ("image", "video")
     * @param runner does one claimed job; it must be idempotent (a job may run again after a takeover)
     * @param slots  how many jobs this node runs at once
     * @param soleNode whether this is the only node (the embedded database): see {@link WorkerSettings}
     */
    public JobWorker(String kind, ClaimableJobs<K> jobs, Consumer<K> runner, int slots, String node, Duration lease,
                     Duration poll, Clock clock, boolean soleNode) {
        if (slots < 1) {
            throw new IllegalArgumentException("a worker needs at least one slot, had " + slots);
        }
        this.kind = kind;
        this.jobs = jobs;
        this.runner = runner;
        this.slots = new Semaphore(slots);
        this.node = node;
        this.lease = lease;
        this.poll = poll;
        this.clock = clock;
        this.soleNode = soleNode;
    }

    /**
     * Takes back what this node held before a restart (everything, if it is the only node) and starts
     * looking for work and renewing leases.
     */
    public synchronized void start() {
        if (loop == null) {
            jobs.release(soleNode ? null : node);
            loop = Thread.ofPlatform().daemon().name(kind + "-worker").start(this::claimLoop);
        }
    }

    /** A job was queued: look for work now instead of at the next poll. */
    public void wake() {
        lock.lock();
        try {
            wakeUp = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void claimLoop() {
        Instant nextRenewal = clock.instant();
        while (!closed) {
            try {
                if (!clock.instant().isBefore(nextRenewal)) {
                    renewLeases();
                    nextRenewal = clock.instant().plus(lease.dividedBy(3));
                }
                claimWhatFits();
                awaitWake(Duration.between(clock.instant(), nextRenewal).compareTo(poll) < 0
                        ? Duration.between(clock.instant(), nextRenewal) : poll);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database may be restarting: keep the worker alive and try again after a poll.
                LOG.warn("[JOBS] {} worker on {} could not look for work: {}", kind, node, e.toString());
                try {
                    awaitWake(poll);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void renewLeases() {
        Instant until = clock.instant().plus(lease);
        for (K job : running) {
            if (!jobs.renew(job, node, until)) {
                // Finished meanwhile, or (after a long stall) taken over: whoever stores first wins.
                LOG.debug("[JOBS] {} job {} is no longer held by {}", kind, job, node);
            }
        }
    }

    private void claimWhatFits() {
        int free = slots.availablePermits();
        if (free == 0 || closed) {
            return;
        }
        Instant now = clock.instant();
        List<K> candidates = jobs.claimable(now, free);
        for (K job : candidates) {
            if (closed || !slots.tryAcquire()) {
                return;
            }
            boolean claimed = false;
            try {
                claimed = jobs.claim(job, node, now, now.plus(lease));
            } finally {
                if (!claimed) {
                    slots.release();
                }
            }
            if (claimed) {
                running.add(job);
                executor.submit(() -> runClaimed(job));
            }
        }
    }

    private void runClaimed(K job) {
        try {
            runner.accept(job);
        } catch (RuntimeException e) {
            LOG.error("[JOBS] {} job {} crashed on {}", kind, job, node, e);
        } finally {
            running.remove(job);
            slots.release();
            // A slot is free: the next job can start without waiting for the poll.
            wake();
        }
    }

    private void awaitWake(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = Math.max(1, timeout.toNanos());
            while (!wakeUp && nanos > 0 && !closed) {
                nanos = woken.awaitNanos(nanos);
            }
            wakeUp = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops claiming and interrupts the jobs in progress, then lets other nodes claim them at once
     * (a job is idempotent, so the one that takes it over starts it again).
     */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        wake();
        Thread running;
        synchronized (this) {
            running = loop;
        }
        if (running != null) {
            running.interrupt();
            running.join(TimeUnit.SECONDS.toMillis(5));
        }
        executor.shutdownNow();
        if (executor.awaitTermination(30, TimeUnit.SECONDS)) {
            try {
                jobs.release(node);
            } catch (RuntimeException e) {
                LOG.warn("[JOBS] {} leases of {} stay until they run out: {}", kind, node, e.toString());
            }
        }
    }
}
