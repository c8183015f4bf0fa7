package fableforge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The benchmark's clients read by a few event loops (one selector thread per core), the way load
 * generators such as wrk do, rather than a thread each. The clients stand in for browsers on other
 * machines: with a thread per client, the 1,000 reader threads' wake-ups took as much of this machine's
 * two cores as the server's whole fan-out (perf, one {@code bench sse} run: 31% against 34%), so the
 * figure measured the clients as much as the server.
 */
final class ClientLoops implements AutoCloseable {

    private final List<Loop> loops = new ArrayList<>();
    private int next;

    ClientLoops(int threads) {
        for (int i = 0; i < threads; i++) {
            loops.add(new Loop(i));
        }
    }

    /** Hands an open client (its socket non-blocking) to a loop, which reads it until it ends or this closes. */
    synchronized void add(StreamClient client) {
        loops.get(next++ % loops.size()).add(client);
    }

    /** Stops the loops and waits for them; the clients' figures may be read afterwards. */
    @Override
    public void close() throws InterruptedException {
        for (Loop loop : loops) {
            loop.stop();
        }
        for (Loop loop : loops) {
            loop.thread.join();
        }
    }

    private static final class Loop implements Runnable {
        private final Selector selector;
        private final Queue<StreamClient> joining = new ConcurrentLinkedQueue<>();
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        private final Thread thread;
        private volatile boolean stopped;

        Loop(int index) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a selector for the benchmark's clients", e);
            }
            thread = Thread.ofPlatform().daemon().name("bench-sse-clients-" + index).start(this);
        }

        void add(StreamClient client) {
            joining.add(client);
            selector.wakeup();
        }

        void stop() {
            stopped = true;
            selector.wakeup();
        }

        @Override
        public void run() {
            try (selector) {
                while (!stopped) {
                    selector.select();
                    for (StreamClient client; (client = joining.poll()) != null; ) {
                        register(client);
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        StreamClient client = (StreamClient) key.attachment();
                        if (!client.readAvailable(buffer)) {
                            key.cancel();
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the benchmark's client loop failed", e);
            }
        }

        private void register(StreamClient client) {
            try {
                // Level-triggered: bytes that arrived before this are seen at the next select.
                client.channel().register(selector, SelectionKey.OP_READ, client);
            } catch (IOException e) {
                client.failed(e);
            }
        }
    }
}
