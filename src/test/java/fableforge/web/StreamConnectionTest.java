package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.event.EventBus;
import fableforge.event.StoryEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The per-connection queue of an event stream: handing an event over never waits on the client, a client
 * that stops reading is dropped when its queue is full, and coming back with Last-Event-ID it gets every
 * event once and in order from the log.
 */
class StreamConnectionTest {

    private static final String STORY = "a".repeat(32);
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The durable log: what the stream reads after a sequence number. */
    private final List<StoryEvent> log = new CopyOnWriteArrayList<>();

    @Test
    void aReaderThatStopsReadingIsDroppedAndCatchesUpWithLastEventIdEveryEventOnceInOrder() throws Exception {
        AtomicInteger overflows = new AtomicInteger();
        StallingSink slow = new StallingSink(2);
        StreamConnection first = new StreamConnection(slow, STORY, this::after, 0, 4, meterCounting(overflows));
        Thread writer = Thread.ofVirtual().start(first);
        for (int seq = 1; seq <= 3; seq++) {
            first.offer(append(seq));
        }
        assertThat(slow.stalled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the writer is stuck writing event 3").isTrue();

        long handOverNanos = 0;
        for (int seq = 4; seq <= 40; seq++) {
            StoryEvent event = append(seq);
            long started = System.nanoTime();
            first.offer(event);
            handOverNanos = Math.max(handOverNanos, System.nanoTime() - started);
        }
        writer.join(WAIT.toMillis());

        assertThat(writer.isAlive()).as("the writer of a dropped client ends").isFalse();
        assertThat(first.ended()).isTrue();
        assertThat(overflows.get()).as("dropped once, when its queue of 4 was full").isEqualTo(1);
        assertThat(slow.closed).isTrue();
        assertThat(slow.ids).containsExactly(1L, 2L);
        assertThat(handOverNanos).as("no offer waited on the stalled client").isLessThan(TimeUnit.SECONDS.toNanos(5));

        // EventSource reconnects with the last id it got.
        RecordingSink again = new RecordingSink();
        StreamConnection second = new StreamConnection(again, STORY, this::after, slow.ids.getLast(), 4, StreamConnection.Meter.NONE);
        Thread rewriter = Thread.ofVirtual().start(second);
        again.awaitId(40);
        second.stop();
        rewriter.join(WAIT.toMillis());

        List<Long> seen = new ArrayList<>(slow.ids);
        seen.addAll(again.ids);
        assertThat(seen).as("every event once, in order, across both connections").isEqualTo(range(1, 40));
    }

    @Test
    void liveEventsGoOutInOrderAndAGapIsFilledFromTheLog() throws Exception {
        RecordingSink sink = new RecordingSink();
        StreamConnection connection = new StreamConnection(sink, STORY, this::after, 0, 16, StreamConnection.Meter.NONE);
        Thread writer = Thread.ofVirtual().start(connection);
        connection.offer(append(1));
        sink.awaitId(1);
        append(2);
        // Event 3 arrives first (two nodes' events crossing on the bus): 2 comes from the log before it.
        connection.offer(append(3));
        connection.offer(log.get(1));
        sink.awaitId(3);
        connection.stop();
        writer.join(WAIT.toMillis());

        assertThat(sink.ids).containsExactly(1L, 2L, 3L);
        assertThat(sink.closed).isTrue();
    }

    @Test
    void aResyncFromTheBusReadsTheLogAndAHeartbeatIsAComment() throws Exception {
        RecordingSink sink = new RecordingSink();
        StreamConnection connection = new StreamConnection(sink, STORY, this::after, 0, 16, StreamConnection.Meter.NONE);
        Thread writer = Thread.ofVirtual().start(connection);
        append(1);
        append(2);
        connection.offer(EventBus.resync(STORY, Instant.EPOCH));
        sink.awaitId(2);
        connection.heartbeat();
        sink.awaitComment();
        connection.stop();
        writer.join(WAIT.toMillis());

        assertThat(sink.ids).containsExactly(1L, 2L);
        assertThat(sink.comments).contains("heartbeat");
    }

    @Test
    void fanOutLagIsMeasuredForEachLiveEvent() throws Exception {
        List<Long> lags = new CopyOnWriteArrayList<>();
        RecordingSink sink = new RecordingSink();
        StreamConnection connection = new StreamConnection(sink, STORY, this::after, 0, 16, new StreamConnection.Meter() {
            @Override
            public void delivered(long lagNanos) {
                lags.add(lagNanos);
            }

            @Override
            public void overflowed() {
            }
        });
        Thread writer = Thread.ofVirtual().start(connection);
        sink.awaitFlush();
        connection.offer(append(1));
        connection.offer(append(2));
        sink.awaitId(2);
        connection.stop();
        writer.join(WAIT.toMillis());

        assertThat(lags).hasSize(2).allSatisfy(lag -> assertThat(lag).isNotNegative());
    }

    private List<StoryEvent> after(long seq) {
        return log.stream().filter(event -> event.seq() > seq).toList();
    }

    private StoryEvent append(long seq) {
        StoryEvent event = new StoryEvent(STORY, seq, "tick", "{\"n\":" + seq + "}", Instant.EPOCH);
        log.add(event);
        return event;
    }

    private static List<Long> range(long from, long to) {
        List<Long> all = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            all.add(n);
        }
        return all;
    }

    private static StreamConnection.Meter meterCounting(AtomicInteger overflows) {
        return new StreamConnection.Meter() {
            @Override
            public void delivered(long lagNanos) {
            }

            @Override
            public void overflowed() {
                overflows.incrementAndGet();
            }
        };
    }

    /** A client that reads everything at once. */
    private static class RecordingSink implements SseSink {
        final List<Long> ids = new CopyOnWriteArrayList<>();
        final List<String> comments = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        private int flushes;

        @Override
        public void event(SseFrame frame) throws IOException {
            synchronized (this) {
                ids.add(frame.seq());
                notifyAll();
            }
        }

        @Override
        public void comment(String text) {
            synchronized (this) {
                comments.add(text);
                notifyAll();
            }
        }

        @Override
        public void flush() {
            synchronized (this) {
                flushes++;
                notifyAll();
            }
        }

        @Override
        public void abort() {
        }

        /** Waits for the writer's first flush: the replay from the log is done, the writer waits on its queue. */
        synchronized void awaitFlush() throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (flushes == 0 && System.nanoTime() < deadline) {
                wait(100);
            }
        }

        @Override
        public void close() {
            closed = true;
        }

        synchronized void awaitId(long id) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while ((ids.isEmpty() || ids.getLast() < id) && System.nanoTime() < deadline) {
                wait(100);
            }
            assertThat(ids).as("events received").isNotEmpty().last().isEqualTo(id);
        }

        synchronized void awaitComment() throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (comments.isEmpty() && System.nanoTime() < deadline) {
                wait(100);
            }
        }
    }

    /** A client that reads {@code readable} events, then stops reading: the next write blocks until the connection is aborted. */
    private static final class StallingSink extends RecordingSink {
        private final int readable;
        private final CountDownLatch aborted = new CountDownLatch(1);
        final CountDownLatch stalled = new CountDownLatch(1);

        StallingSink(int readable) {
            this.readable = readable;
        }

        @Override
        public void event(SseFrame frame) throws IOException {
            if (ids.size() >= readable) {
                stalled.countDown();
                try {
                    aborted.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("connection aborted");
            }
            super.event(frame);
        }

        @Override
        public void abort() {
            aborted.countDown();
        }
    }
}
