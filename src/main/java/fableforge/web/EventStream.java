package fableforge.web;

import fableforge.auth.Caller;
import fableforge.event.EventBus;
import fableforge.store.EventLog;
import fableforge.event.StoryEvent;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/**
 * {@code GET /stream?channel=<story_id>}: Server-Sent Events with {@code id:} = the event's sequence
 * number. A live event that directly follows the last one sent goes straight out; any other (a gap,
 * as when events of two nodes cross on the bus) triggers a catch-up read of the durable log after the
 * last id sent, so a connection never skips or reorders an event, and a reconnect with Last-Event-ID
 * gets exactly what it missed. A heartbeat comment (every 15 s by default) keeps proxies from closing
 * an idle stream; each heartbeat also catches up from the log, which covers events a bus outage lost.
 */
final class EventStream implements AutoCloseable {

    private final EventLog log;
    private final EventBus bus;
    private final BiPredicate<Caller, String> storyVisible;
    private final Map<SseClient, Connection> clients = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sse-heartbeat").factory());

    EventStream(EventLog log, EventBus bus, BiPredicate<Caller, String> storyVisible, Duration heartbeatEvery) {
        this.log = log;
        this.bus = bus;
        this.storyVisible = storyVisible;
        heartbeat.scheduleAtFixedRate(this::beat, heartbeatEvery.toMillis(), heartbeatEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param ended run once when this stream closes, however it closes (SseClient keeps one close callback) */
    void open(SseClient client, Runnable ended) {
        // Javalin has already sent the headers by now, among them Cache-Control: no-cache and
        // X-Accel-Buffering: no, which keep reverse proxies from buffering the stream (the seed lost SSE to that).
        client.onClose(ended);
        var ctx = client.ctx();
        String storyId = ctx.queryParam("channel");
        if (storyId == null || !storyVisible.test(RequestCaller.of(ctx), storyId)) {
            client.sendEvent("story_error", "{\"message\":\"no story with this id; open the stream as stream?channel=<story_id>\"}");
            client.close();
            return;
        }
        Connection connection = new Connection(client, storyId, lastEventId(ctx));
        client.keepAlive();
        clients.put(client, connection);
        EventBus.Subscription subscription = bus.subscribe(storyId, connection::deliver);
        client.onClose(() -> {
            subscription.close();
            clients.remove(client);
            ended.run();
        });
        connection.catchUp();
    }

    private static long lastEventId(io.javalin.http.Context ctx) {
        String header = ctx.header("Last-Event-ID");
        String value = header != null ? header : ctx.queryParam("last_event_id");
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Heartbeats first, so a slow database never delays them; then each stream catches up from the log. */
    private void beat() {
        for (Connection connection : clients.values()) {
            if (connection.client.terminated()) {
                clients.remove(connection.client);
                continue;
            }
            synchronized (connection.client) {
                connection.client.sendComment("heartbeat");
            }
        }
        for (Connection connection : clients.values()) {
            try {
                connection.catchUp();
            } catch (RuntimeException e) {
                // The database is unreachable for now: the next heartbeat or event tries again.
                return;
            }
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        clients.keySet().forEach(SseClient::close);
    }

    private final class Connection {
        private final SseClient client;
        private final String storyId;
        private long lastSent;

        Connection(SseClient client, String storyId, long lastSent) {
            this.client = client;
            this.storyId = storyId;
            this.lastSent = lastSent;
        }

        /** A live event: sent at once if it is the next one, else read with any missed ones from the log. */
        void deliver(StoryEvent event) {
            if (EventBus.RESYNC.equals(event.name())) {
                catchUp();
                return;
            }
            synchronized (client) {
                if (client.terminated() || event.seq() <= lastSent || sendIfNext(event)) {
                    return;
                }
            }
            catchUp();
        }

        /**
         * Sends what the log has after the last event sent. The log is read outside the connection's
         * lock, so a slow database never holds up a live event or a heartbeat of this connection;
         * events another caller sent meanwhile are skipped by their sequence number.
         */
        void catchUp() {
            long from;
            synchronized (client) {
                if (client.terminated()) {
                    return;
                }
                from = lastSent;
            }
            List<StoryEvent> missed = log.after(storyId, from);
            synchronized (client) {
                for (StoryEvent event : missed) {
                    if (client.terminated()) {
                        return;
                    }
                    sendIfNext(event);
                }
            }
        }

        /** Under the client's lock: sends the event if it directly follows the last one sent. */
        private boolean sendIfNext(StoryEvent event) {
            if (event.seq() != lastSent + 1) {
                return false;
            }
            client.sendEvent(event.name(), event.dataJson(), String.valueOf(event.seq()));
            lastSent = event.seq();
            return true;
        }
    }
}
