package fableforge.tracking;

import fableforge.job.Sleeper;
import fableforge.provider.ProviderException;
import fableforge.provider.call.RetryRule;
import fableforge.store.OutboxEvent;
import fableforge.store.TrackingOutbox;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the story event log to tracking in the background: each round takes the events after
 * every story's cursor, appends the ones worth tracking as one batch, then moves the cursors. A
 * failing sink never touches a story: the events wait in the log and go out, in order, once it
 * answers again. An outage is logged when it starts and when it ends, and rounds back off
 * exponentially in between.
 *
 * <p>Delivery is at least once: if the process dies (or an answer is lost) after the sheet took a
 * batch but before the cursors moved, that batch is sent again. Each row carries its event key so
 * such copies can be told apart (see {@link TrackingRow}).
 */
public final class TrackingRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrackingRelay.class);
    /** Events per round: one append request, well under the Sheets request size limits. */
    static final int BATCH_LIMIT = 500;

    private final TrackingOutbox outbox;
    private final TrackingRows rows;
    private final TrackingSink sink;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final BooleanSupplier leading;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Outage outage;
    private volatile Instant lastDelivery;
    private volatile long deliveredRows;

    public TrackingRelay(TrackingOutbox outbox, TrackingRows rows, TrackingSink sink, Duration pollInterval,
                         Duration maxBackoff, Sleeper sleeper, Clock clock) {
        this(outbox, rows, sink, pollInterval, maxBackoff, sleeper, clock, () -> true);
    }

    /**
     * @param leading asked before each round: false while another node is the one relaying (several
     *                nodes share one outbox, and one relay keeps the rows in order and single)
     */
    public TrackingRelay(TrackingOutbox outbox, TrackingRows rows, TrackingSink sink, Duration pollInterval,
                         Duration maxBackoff, Sleeper sleeper, Clock clock, BooleanSupplier leading) {
        this.leading = leading;
        this.outbox = outbox;
        this.rows = rows;
        this.sink = sink;
        this.pollInterval = pollInterval;
        this.maxBackoff = maxBackoff;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** What {@code GET /health} shows about tracking. */
    public record Status(String adapter, long backlog, long deliveredRows, Optional<Instant> lastDelivery,
                         Optional<String> lastError, Optional<Instant> failingSince) {
    }

    public synchronized void start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().daemon().name("tracking-relay").start(this::run);
        }
    }

    /**
     * One round: delivers up to {@link #BATCH_LIMIT} events and moves their stories' cursors.
     *
     * @return how many events it took, tracked or not (0 when there was nothing to deliver)
     * @throws ProviderException if the sink refused the batch; nothing moved
     */
    public int deliverOnce() throws ProviderException {
        List<OutboxEvent> pending = outbox.pending(BATCH_LIMIT);
        if (pending.isEmpty()) {
            return 0;
        }
        List<TrackingRow> batch = pending.stream().map(rows::row).flatMap(Optional::stream).toList();
        sink.append(batch);
        Map<String, Long> taken = new HashMap<>();
        pending.forEach(event -> taken.merge(event.event().storyId(), event.event().seq(), Math::max));
        outbox.advance(taken);
        deliveredRows += batch.size();
        lastDelivery = clock.instant();
        return pending.size();
    }

    public Status status() {
        Outage current = outage;
        return new Status(sink.name(), outbox.backlog(), deliveredRows, Optional.ofNullable(lastDelivery),
                Optional.ofNullable(current).map(Outage::lastError), Optional.ofNullable(current).map(Outage::since));
    }

    /**
     * Rounds until closed (see {@link RelayRounds}): a failed round is retried after a backoff doubling from
     * two poll intervals up to the cap, a provider's Retry-After honoured up to the cap too.
     */
    private void run() {
        new RelayRounds("tracking relay", this::deliverOnce, BATCH_LIMIT, pollInterval,
                RetryRule.forever(pollInterval.multipliedBy(2), maxBackoff), sleeper, leading, () -> running,
                new RelayRounds.Health() {
                    @Override
                    public void failed(String message, RuntimeException cause) {
                        TrackingRelay.this.failed(message, cause);
                    }

                    @Override
                    public void recovered() {
                        TrackingRelay.this.recovered();
                    }
                }).run();
    }

    private void failed(String message, RuntimeException cause) {
        Outage current = outage;
        if (current == null) {
            outage = new Outage(clock.instant(), message, 1);
            if (cause == null) {
                LOG.warn("[TRACKING] {} is failing: {}. Stories go on; their rows wait in the event log and are sent when it answers.",
                        sink.name(), message);
            } else {
                LOG.error("[TRACKING] {} delivery is failing; stories go on, rows wait in the event log", sink.name(), cause);
            }
        } else {
            outage = new Outage(current.since(), message, current.failures() + 1);
            LOG.debug("[TRACKING] {} still failing ({} tries): {}", sink.name(), current.failures() + 1, message);
        }
    }

    private void recovered() {
        Outage current = outage;
        if (current != null) {
            outage = null;
            LOG.info("[TRACKING] {} answers again after {} failed tries since {}; sending the rows that waited",
                    sink.name(), current.failures(), current.since());
        }
    }

    private record Outage(Instant since, String lastError, int failures) {
    }

    /** Stops the relay; an append in progress may finish (its cursor then moves on the next start). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            current.join(Duration.ofSeconds(10));
        }
    }
}
