package fableforge.web;

import fableforge.auth.Caller;
import fableforge.event.EventBus;
import fableforge.store.EventLog;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;

/**
 * {@code GET /stream?channel=<story_id>}: Server-Sent Events with {@code id:} = the event's sequence
 * number. Each stream is a {@link StreamConnection}: the bus hands it events without waiting (a bounded
 * queue, through {@link StoryAudiences}, which encodes each event once for all the story's streams), and
 * its own virtual thread writes them, so one slow client never holds up {@code emit()} or
 * the other clients; a client whose queue overflows is disconnected and catches up with Last-Event-ID.
 * A heartbeat comment (every 15 s by default) keeps proxies from closing an idle stream; at each
 * heartbeat an idle stream behind the log (events a bus outage lost) is told to catch up from it.
 */
final class EventStream implements AutoCloseable {

    /** Events a client may have waiting before it counts as too slow: 12 s of the benchmark's 20 events/s. */
    static final int QUEUE_CAPACITY = 256;

    private final EventLog log;
    private final StoryAudiences audiences;
    private final BiPredicate<Caller, String> storyVisible;
    private final int queueCapacity;
    private final StreamConnection.Meter meter;
    private final ReplayedEvents replayed;
    private final Map<SseClient, StreamConnection> clients = new ConcurrentHashMap<>();
    private final ThreadFactory writers = Thread.ofVirtual().name("sse-writer-", 0).factory();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sse-heartbeat").factory());

    EventStream(EventLog log, EventBus bus, BiPredicate<Caller, String> storyVisible, Duration heartbeatEvery) {
        this(log, bus, storyVisible, heartbeatEvery, QUEUE_CAPACITY, StreamConnection.Meter.NONE,
                new ReplayedEvents(fableforge.media.MediaUrls.ROOT, new com.fasterxml.jackson.databind.ObjectMapper()));
    }

    EventStream(EventLog log, EventBus bus, BiPredicate<Caller, String> storyVisible, Duration heartbeatEvery, int queueCapacity,
                StreamConnection.Meter meter, ReplayedEvents replayed) {
        this.log = log;
        this.replayed = replayed;
        this.audiences = new StoryAudiences(bus);
        this.storyVisible = storyVisible;
        this.queueCapacity = queueCapacity;
        this.meter = meter;
        heartbeat.scheduleAtFixedRate(this::beat, heartbeatEvery.toMillis(), heartbeatEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param ended run once when this stream closes, however it closes (SseClient keeps one close callback) */
    void open(SseClient client, Runnable ended) {
        // Javalin has already sent the headers by now, among them Cache-Control: no-cache and
        // X-Accel-Buffering: no, which keep reverse proxies from buffering the stream (the seed lost SSE to that).
        client.onClose(ended);
        var ctx = client.ctx();
        String storyId = QueryParams.of(ctx, "channel");
        if (storyId == null || !storyVisible.test(RequestCaller.of(ctx), storyId)) {
            client.sendEvent("story_error", "{\"message\":\"no story with this id; open the stream as stream?channel=<story_id>\"}");
            client.close();
            return;
        }
        ServletSseSink sink;
        try {
            sink = new ServletSseSink(client);
        } catch (IOException e) {
            client.close();
            return;
        }
        StreamConnection connection = new StreamConnection(sink, storyId, after -> replayed.forClients(log.after(storyId, after)), lastEventId(ctx),
                queueCapacity, meter);
        client.keepAlive();
        clients.put(client, connection);
        // Subscribed before the writer replays the log, so an event emitted in between is queued, not missed.
        EventBus.Subscription subscription = audiences.join(connection);
        AtomicBoolean over = new AtomicBoolean();
        Runnable cleanup = () -> {
            if (!over.getAndSet(true)) {
                subscription.close();
                connection.stop();
                clients.remove(client);
                ended.run();
            }
        };
        client.onClose(cleanup);
        sink.whenRecycled(cleanup);
        writers.newThread(connection).start();
    }

    /** Streams open on this node right now. */
    int open() {
        return clients.size();
    }

    private static long lastEventId(io.javalin.http.Context ctx) {
        String header = ctx.header("Last-Event-ID");
        String value = header != null ? header : QueryParams.of(ctx, "last_event_id");
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Heartbeats are only queued here (this thread never writes to a socket); then one read of each
     * story's last sequence number tells which streams are behind the log.
     */
    private void beat() {
        for (StreamConnection connection : clients.values()) {
            connection.heartbeat();
        }
        Map<String, Long> lastLogged = new HashMap<>();
        try {
            for (StreamConnection connection : clients.values()) {
                long last = lastLogged.computeIfAbsent(connection.storyId(), log::lastSeq);
                // Only an idle stream: one with events waiting writes them (a gap among them reads the log
                // anyway), and a thousand streams reading the log at once would stall every one of them.
                if (connection.lastSent() < last && connection.idle()) {
                    connection.catchUpLater();
                }
            }
        } catch (RuntimeException e) {
            // The database is unreachable for now: the next heartbeat tries again.
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        clients.values().forEach(StreamConnection::stop);
        clients.keySet().forEach(SseClient::close);
    }
}
