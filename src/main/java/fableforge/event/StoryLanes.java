package fableforge.event;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs deliveries off the thread that has the event (the emitter's, Redis's I/O thread), in order per story: a story always maps to the same lane,
 * and a lane runs its tasks one at a time. A slow listener holds up only the stories that share its
 * lane, never the thread that reads from Redis. Lanes borrow a thread only while they have work, so
 * at most {@code laneCount} threads exist.
 */
public final class StoryLanes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoryLanes.class);

    private final Lane[] lanes;
    // Platform threads, at most one per lane: listeners only queue the event for each stream's own
    // writer, so a lane's work is short and these threads are seldom more than one or two.
    private final ExecutorService threads = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("redis-event-delivery-", 0).factory());

    public StoryLanes(int laneCount) {
        lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new Lane();
        }
    }

    public void submit(String storyId, Runnable delivery) {
        lanes[Math.floorMod(storyId.hashCode(), lanes.length)].submit(delivery);
    }

    /** Lets queued deliveries finish for a short while, then stops. */
    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(2, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private final class Lane {
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();

        void submit(Runnable task) {
            tasks.add(task);
            startDraining();
        }

        private void startDraining() {
            if (draining.compareAndSet(false, true)) {
                try {
                    threads.execute(this::drain);
                } catch (RejectedExecutionException closed) {
                    draining.set(false);
                    tasks.clear();
                }
            }
        }

        private void drain() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("event delivery failed: {}", e.toString());
                }
            }
            draining.set(false);
            // A task added after the last poll but before the flag was cleared found the lane busy.
            if (!tasks.isEmpty()) {
                startDraining();
            }
        }
    }
}
