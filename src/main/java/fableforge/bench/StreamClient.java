package fableforge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One benchmark client of {@code GET /stream}: a socket opened and answered in blocking mode, then read
 * without blocking by one of the {@link ClientLoops}, so the time a {@code data:} line is read is taken
 * as the read that brought it returns. It keeps, per benchmark event, the delay from the emitter's
 * {@code System.nanoTime()} (carried in the event) to that read, and counts every event that came
 * twice, out of order or not at all.
 */
final class StreamClient implements AutoCloseable {

    static final String TICK = "bench_tick";
    static final String WARMUP = "bench_warmup";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEAD = 16 * 1024;

    private final SocketChannel channel;
    private final String run;
    private final SseRun.Progress progress;
    private final long[] latencyNanos;
    private EventStreamDecoder decoder;
    private int received;
    private int duplicates;
    private int outOfOrder;
    private int lastTick = -1;
    private long lastId;
    private boolean ready;
    private boolean warmed;
    private volatile boolean closed;
    private String failure;

    private StreamClient(SocketChannel channel, String run, int events, SseRun.Progress progress) {
        this.channel = channel;
        this.run = run;
        this.progress = progress;
        this.latencyNanos = new long[events];
        Arrays.fill(latencyNanos, -1);
    }

    /**
     * Opens the story's stream and reads the response head; the socket is non-blocking when this returns.
     *
     * @throws IOException when the connection fails or the answer is not a 200 event stream
     */
    static StreamClient open(InetSocketAddress server, String storyId, String run, int events, SseRun.Progress progress)
            throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(server, 10_000);
            channel.write(ByteBuffer.wrap(("GET /stream?channel=" + storyId + " HTTP/1.1\r\nHost: " + server.getHostString() + ":"
                    + server.getPort() + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer head = ByteBuffer.allocate(MAX_HEAD);
            int headLength;
            while ((headLength = indexOf(head, HEAD_END)) < 0) {
                if (!head.hasRemaining()) {
                    throw new IOException("the stream's response head is longer than " + MAX_HEAD + " bytes");
                }
                if (channel.read(head) < 0) {
                    throw new IOException("the server closed the connection before answering");
                }
            }
            String[] lines = new String(head.array(), 0, headLength, StandardCharsets.ISO_8859_1).split("\r\n");
            if (!lines[0].matches("HTTP/1\\.[01] 200.*")) {
                throw new IOException("the stream answered " + lines[0]);
            }
            boolean chunked = Arrays.stream(lines).map(line -> line.toLowerCase(Locale.ROOT))
                    .anyMatch(line -> line.startsWith("transfer-encoding:") && line.contains("chunked"));
            StreamClient client = new StreamClient(channel, run, events, progress);
            client.decoder = new EventStreamDecoder(chunked, client::dispatch);
            head.flip().position(headLength + HEAD_END.length);
            client.decoder.feed(head, System.nanoTime());
            channel.configureBlocking(false);
            return client;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    SocketChannel channel() {
        return channel;
    }

    /**
     * Reads and decodes what the socket has now, with {@code buffer} as scratch; false once the stream
     * has ended (closed by either side, or broken), when the caller stops watching it.
     */
    boolean readAvailable(ByteBuffer buffer) {
        try {
            int read;
            while ((read = channel.read(buffer.clear())) > 0) {
                decoder.feed(buffer.flip(), System.nanoTime());
            }
            return read == 0;
        } catch (ClosedChannelException e) {
            return false; // closed by close() at the end of the run
        } catch (IOException | RuntimeException e) {
            failed(e);
            return false;
        }
    }

    /** The stream broke: kept for the report, unless the run itself closed it. */
    void failed(Exception e) {
        if (!closed && failure == null) {
            failure = e.toString();
        }
    }

    private void dispatch(String id, String name, String data, long readAt) throws IOException {
        if (id != null) {
            long seq = Long.parseLong(id.strip());
            if (seq <= lastId) {
                outOfOrder++;
            }
            lastId = Math.max(lastId, seq);
        }
        if (!ready) {
            // The server subscribes before it replays the log, so after the first event nothing is missed.
            ready = true;
            progress.ready().incrementAndGet();
        }
        if (WARMUP.equals(name)) {
            if (!warmed) {
                warmed = true;
                progress.warmed().incrementAndGet();
            }
        } else if (TICK.equals(name)) {
            tick(MAPPER.readTree(data), readAt);
        }
    }

    private void tick(JsonNode event, long readAt) {
        if (!run.equals(event.path("run").asText())) {
            return;
        }
        int n = event.path("n").asInt(-1);
        if (n < 0 || n >= latencyNanos.length) {
            return;
        }
        if (latencyNanos[n] >= 0) {
            duplicates++;
            return;
        }
        if (n < lastTick) {
            outOfOrder++;
        }
        lastTick = n;
        latencyNanos[n] = readAt - event.path("emitted_nanos").asLong();
        received++;
        progress.delivered().incrementAndGet();
    }

    private static int indexOf(ByteBuffer buffer, byte[] target) {
        byte[] bytes = buffer.array();
        for (int i = 0; i + target.length <= buffer.position(); i++) {
            if (Arrays.equals(bytes, i, i + target.length, target, 0, target.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Read only after the client loops have stopped. */
    long[] latencyNanos() {
        return latencyNanos;
    }

    int received() {
        return received;
    }

    int duplicates() {
        return duplicates;
    }

    int outOfOrder() {
        return outOfOrder;
    }

    String failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }
}
