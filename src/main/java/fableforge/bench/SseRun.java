package fableforge.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.studio.StoryEvents;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One measurement: N clients on one node's event stream of a story, warm-up events not counted, then the
 * benchmark events emitted at a steady rate through another (or the same) node's {@link StoryEvents},
 * each carrying the {@code System.nanoTime()} taken just before its emit call.
 */
final class SseRun {

    /** Connections opened at once, so 1,000 clients do not overflow the server's accept queue. */
    private static final int CONNECTING_AT_ONCE = 64;
    /** Threads reading the clients: one per core of this machine (see {@link ClientLoops}). */
    static final int CLIENT_LOOPS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(60);
    private static final Duration WARMUP_WAIT = Duration.ofSeconds(15);

    /** Counters the client threads raise and the run polls. */
    record Progress(AtomicInteger ready, AtomicInteger warmed, AtomicLong delivered) {
        Progress() {
            this(new AtomicInteger(), new AtomicInteger(), new AtomicLong());
        }
    }

    private final SseBenchmark.Settings settings;
    private final String run;

    SseRun(SseBenchmark.Settings settings, String run) {
        this.settings = settings;
        this.run = run;
    }

    SseResult measure(String mode, InetSocketAddress clientsTo, String storyId, StoryEvents emitOn) throws InterruptedException {
        Progress progress = new Progress();
        List<StreamClient> clients = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        AtomicReference<String> firstRefusal = new AtomicReference<>();
        List<Long> emitNanos = new ArrayList<>();
        long emitSpan;
        List<String> problems = new ArrayList<>();
        ClientLoops loops = new ClientLoops(CLIENT_LOOPS);
        try {
            // Opening is blocking (connect, request, response head), a few at a time so 1,000 clients do not overflow
            // the server's accept queue; reading is the loops'.
            try (ExecutorService connecting = Executors.newFixedThreadPool(CONNECTING_AT_ONCE,
                    Thread.ofPlatform().daemon().name("bench-sse-connect-", 0).factory())) {
                for (int i = 0; i < settings.clients(); i++) {
                    connecting.submit(() -> {
                        try {
                            StreamClient client = StreamClient.open(clientsTo, storyId, run, settings.events(), progress);
                            clients.add(client);
                            loops.add(client);
                        } catch (IOException e) {
                            refused.incrementAndGet();
                            firstRefusal.compareAndSet(null, FileDescriptors.explain(e));
                        }
                    });
                }
            }
            awaitCount(() -> progress.ready().get() + refused.get(), settings.clients(), CONNECT_WAIT);
            if (firstRefusal.get() != null) {
                problems.add(refused.get() + " connections failed: " + firstRefusal.get());
            }
            emit(emitOn, storyId, StreamClient.WARMUP, -1);
            awaitCount(() -> progress.warmed().get(), progress.ready().get(), WARMUP_WAIT);
            if (progress.warmed().get() == 0) {
                problems.add("no client received an event emitted on the emitting node within " + WARMUP_WAIT.toSeconds() + " s");
                emitSpan = 0;
            } else {
                long period = (long) (1e9 / settings.ratePerSecond());
                long warmupStarted = System.nanoTime();
                for (int n = 0; n < settings.warmupEvents(); n++) {
                    LockSupport.parkNanos(warmupStarted + (n + 1) * period - System.nanoTime());
                    emit(emitOn, storyId, StreamClient.WARMUP, n);
                }
                long started = warmupStarted + (settings.warmupEvents() + 1) * period;
                for (int n = 0; n < settings.events(); n++) {
                    LockSupport.parkNanos(started + n * period - System.nanoTime());
                    emitNanos.add(emit(emitOn, storyId, StreamClient.TICK, n));
                }
                emitSpan = System.nanoTime() - started;
                awaitCount(() -> progress.delivered().get(), (long) clients.size() * settings.events(), settings.drainTimeout());
            }
        } finally {
            synchronized (clients) {
                for (StreamClient client : clients) {
                    closeQuietly(client);
                }
            }
            loops.close();
        }
        return SseResult.of(mode, settings, clients, emitNanos, emitSpan, problems);
    }

    /** Emits one event and returns how long the emit call blocked its caller. */
    private long emit(StoryEvents events, String storyId, String name, int n) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("run", run).put("n", n);
        long emitted = System.nanoTime();
        data.put("emitted_nanos", emitted);
        events.emitUntyped(storyId, name, data, null);
        return System.nanoTime() - emitted;
    }

    private static void awaitCount(LongSupplier count, long target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.getAsLong() < target && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static void closeQuietly(StreamClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // the run is over; a socket that will not close changes no figure
        }
    }
}
