package fableforge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One benchmark client of {@code GET /stream}: a raw socket read line by line on its own (virtual)
 * thread, so the time a {@code data:} line is read is taken with nothing between the socket and the clock.
 * It keeps, per benchmark event, the delay from the emitter's {@code System.nanoTime()} (carried in the
 * event) to that read, and counts every event that came twice, out of order or not at all.
 */
final class StreamClient implements AutoCloseable {

    static final String TICK = "bench_tick";
    static final String WARMUP = "bench_warmup";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Socket socket;
    private final InputStream body;
    private final String run;
    private final SseRun.Progress progress;
    private final long[] latencyNanos;
    private int received;
    private int duplicates;
    private int outOfOrder;
    private int lastTick = -1;
    private long lastId;
    private boolean ready;
    private boolean warmed;
    private String failure;

    private StreamClient(Socket socket, InputStream body, String run, int events, SseRun.Progress progress) {
        this.socket = socket;
        this.body = body;
        this.run = run;
        this.progress = progress;
        this.latencyNanos = new long[events];
        Arrays.fill(latencyNanos, -1);
    }

    /**
     * Opens the story's stream and reads the response head.
     *
     * @throws IOException when the connection fails or the answer is not a 200 event stream
     */
    static StreamClient open(InetSocketAddress server, String storyId, String run, int events, SseRun.Progress progress)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /stream?channel=" + storyId + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                    + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            String status = HttpLines.read(in, StandardCharsets.ISO_8859_1);
            if (status == null || !status.matches("HTTP/1\\.[01] 200.*")) {
                throw new IOException("the stream answered " + status);
            }
            boolean chunked = false;
            for (String header = HttpLines.read(in, StandardCharsets.ISO_8859_1); header != null && !header.isEmpty();
                 header = HttpLines.read(in, StandardCharsets.ISO_8859_1)) {
                String lower = header.toLowerCase(Locale.ROOT);
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            }
            return new StreamClient(socket, chunked ? new ChunkedBody(in) : in, run, events, progress);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Reads events until the connection closes; meant to run on its own thread. */
    void readAll() {
        String id = null;
        String name = null;
        String data = null;
        long dataReadAt = 0;
        try {
            for (String line = HttpLines.read(body, StandardCharsets.UTF_8); line != null; line = HttpLines.read(body, StandardCharsets.UTF_8)) {
                if (line.startsWith("data:")) {
                    dataReadAt = System.nanoTime();
                    data = field(line);
                } else if (line.startsWith("id:")) {
                    id = field(line);
                } else if (line.startsWith("event:")) {
                    name = field(line);
                } else if (line.isEmpty()) {
                    if (data != null) {
                        dispatch(id, name, data, dataReadAt);
                    }
                    id = null;
                    name = null;
                    data = null;
                }
            }
        } catch (SocketException e) {
            // closed by close() at the end of the run, or by the server
        } catch (IOException | RuntimeException e) {
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

    private static String field(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    /** Read only after the reading thread has ended. */
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
        socket.close();
    }
}
