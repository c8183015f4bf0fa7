package fableforge.web;

import fableforge.event.EventBus;
import fableforge.event.StoryEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open event stream: a bounded queue filled by whoever delivers events (the bus, the heartbeat)
 * and emptied by the stream's own writer thread, the only one that writes to the client. Handing over
 * is {@link BlockingQueue#offer}, so {@code emit()} never waits on a client.
 *
 * <p>A client too slow to keep up fills its queue; it is then disconnected rather than buffered
 * without end, and comes back with {@code Last-Event-ID} (EventSource does so by itself), when the
 * log gives it everything after the last event it got. The writer sends an event only if it directly
 * follows the last one sent; a gap (events of two nodes crossing on the bus, a resync) is filled from
 * the durable log first, so a connection never skips, repeats or reorders an event.
 */
final class StreamConnection implements Runnable {

    /** What the metrics see of fan-out. */
    interface Meter {
        Meter NONE = new Meter() {
            @Override
            public void delivered(long lagNanos) {
            }

            @Override
            public void overflowed() {
            }
        };

        /** An event reached the client's socket {@code lagNanos} after it was handed to this connection. */
        void delivered(long lagNanos);

        /** A client's queue was full: it was disconnected to catch up through Last-Event-ID. */
        void overflowed();
    }

    private static final Logger LOG = LoggerFactory.getLogger(StreamConnection.class);

    /** An event's frame (or null for a marker) and when it was queued. */
    private record Item(SseFrame frame, long queuedAt) {
    }

    private static final Item HEARTBEAT = new Item(null, 0);
    private static final Item CATCH_UP = new Item(null, 0);

    private final SseSink sink;
    private final String storyId;
    private final LongFunction<List<StoryEvent>> logAfter;
    private final Meter meter;
    private final BlockingQueue<Item> queue;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final List<Item> batch = new ArrayList<>();
    private volatile long lastSent;
    private volatile Thread writer;

    /**
     * @param logAfter the story's logged events after a sequence number, in order
     * @param lastSent the client's {@code Last-Event-ID} (0: from the start)
     * @param capacity events (and markers) queued at most before the client counts as too slow
     */
    StreamConnection(SseSink sink, String storyId, LongFunction<List<StoryEvent>> logAfter, long lastSent, int capacity, Meter meter) {
        this.sink = sink;
        this.storyId = storyId;
        this.logAfter = logAfter;
        this.lastSent = lastSent;
        this.meter = meter;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    String storyId() {
        return storyId;
    }

    long lastSent() {
        return lastSent;
    }

    boolean ended() {
        return ended.get();
    }

    /** Nothing waits in the queue: a stream behind the log now will not catch up by itself. */
    boolean idle() {
        return queue.isEmpty();
    }

    /** A live event from the bus (or a resync), encoded for this stream alone; see {@link #offer(SseFrame)}. */
    void offer(StoryEvent event) {
        offer(SseFrame.of(event));
    }

    /**
     * A live event from the bus (or a resync) as the frame all the story's streams share; never blocks.
     * A full queue disconnects the client.
     */
    void offer(SseFrame frame) {
        if (ended.get()) {
            return;
        }
        if (!queue.offer(new Item(frame, System.nanoTime()))) {
            meter.overflowed();
            LOG.info("event stream of story {} dropped: the client read too slowly ({} events waiting); it catches up"
                    + " through Last-Event-ID after #{}", storyId, queue.size(), lastSent);
            sink.abort();
            stop();
        }
    }

    /** Asks the writer for a heartbeat comment; skipped when the queue is full (the writer is busy anyway). */
    void heartbeat() {
        queue.offer(HEARTBEAT);
    }

    /** Asks the writer to read the log after the last event sent (events a bus outage may have lost). */
    void catchUpLater() {
        queue.offer(CATCH_UP);
    }

    /** Ends the writer; the sink is closed on its way out. Safe from any thread, any number of times. */
    void stop() {
        if (ended.compareAndSet(false, true)) {
            Thread running = writer;
            if (running != null) {
                running.interrupt();
            }
        }
    }

    /** The writer: replays the log after Last-Event-ID, then writes what the queue brings until the stream ends. */
    @Override
    public void run() {
        writer = Thread.currentThread();
        try {
            if (!ended.get()) {
                catchUp();
                sink.flush();
            }
            while (!ended.get()) {
                Item item = queue.take();
                do {
                    write(item);
                } while (!ended.get() && (item = queue.poll()) != null);
                sink.flush();
                long flushed = System.nanoTime();
                batch.forEach(sent -> meter.delivered(flushed - sent.queuedAt()));
                batch.clear();
            }
        } catch (IOException e) {
            // The client went away, or was dropped for reading too slowly.
        } catch (InterruptedException e) {
            // stop(): the stream is over.
        } catch (RuntimeException e) {
            // The server is stopping and Jetty recycled the response under us (seen as an NPE from the
            // output stream): the stream is over; nothing above this virtual thread could answer it.
            LOG.debug("event stream of story {} ended: {}", storyId, e.toString());
        } finally {
            ended.set(true);
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.debug("event stream of story {} was already closed: {}", storyId, e.toString());
            }
        }
    }

    private void write(Item item) throws IOException {
        if (item == HEARTBEAT) {
            sink.comment("heartbeat");
        } else if (item == CATCH_UP || EventBus.RESYNC.equals(item.frame().event().name())) {
            catchUp();
        } else if (item.frame().seq() > lastSent) {
            if (sendIfNext(item.frame())) {
                batch.add(item);
            } else {
                catchUp();
            }
        }
    }

    /** Sends what the log has after the last event sent; a database that fails now is tried again at the next heartbeat. */
    private void catchUp() throws IOException {
        List<StoryEvent> missed;
        try {
            missed = logAfter.apply(lastSent);
        } catch (RuntimeException e) {
            LOG.warn("event stream of story {} could not read the log after #{}: {}", storyId, lastSent, e.toString());
            return;
        }
        for (StoryEvent event : missed) {
            if (ended.get()) {
                return;
            }
            if (event.seq() == lastSent + 1) {
                sendIfNext(SseFrame.of(event));
            }
        }
    }

    private boolean sendIfNext(SseFrame frame) throws IOException {
        if (frame.seq() != lastSent + 1) {
            return false;
        }
        sink.event(frame);
        lastSent = frame.seq();
        return true;
    }
}
