package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import fableforge.testing.SlowTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real client that stops reading, on a real socket: its stream's queue fills while the writer is stuck on
 * the full socket, the server drops the connection (the stuck write fails), and the client, reconnecting
 * with Last-Event-ID as EventSource does, gets every event once and in order.
 */
@SlowTest
class SlowReaderWebTest {

    /** Big events fill the socket buffers quickly: the writer blocks after a few megabytes, then 256 more wait. */
    private static final int EVENT_BYTES = 32 * 1024;
    private static final int EVENTS = EventStream.QUEUE_CAPACITY + 300;

    @TempDir
    Path data;

    @Test
    void aReaderThatStopsIsDroppedAndCatchesUpThroughLastEventIdWithEveryEventOnceInOrder() throws Exception {
        try (TestApp app = TestApp.start(Map.of(), data)) {
            String storyId = app.submit(TestApp.redFoxQuiz()).get("story_id").asText();
            List<Long> ids = new ArrayList<>();
            long last;
            try (Socket stalled = open(app, storyId, 0)) {
                BufferedReader stream = new BufferedReader(new InputStreamReader(stalled.getInputStream(), StandardCharsets.UTF_8));
                readUntil(stream, ids, 1);
                String big = "x".repeat(EVENT_BYTES);
                for (int n = 0; n < EVENTS; n++) {
                    app.server().events().emitUntyped(storyId, "probe", JsonNodeFactory.instance.objectNode().put("n", n).put("pad", big), null);
                }
                last = ids.get(0) + EVENTS;
                // The client reads again: what the socket held, then the end of the stream, not every event.
                readUntil(stream, ids, last);
            }
            assertThat(ids.getLast()).as("the server dropped the stalled stream before the last event").isLessThan(last);

            try (Socket again = open(app, storyId, ids.getLast())) {
                readUntil(new BufferedReader(new InputStreamReader(again.getInputStream(), StandardCharsets.UTF_8)), ids, last);
            }
            List<Long> expected = new ArrayList<>();
            for (long id = 1; id <= last; id++) {
                expected.add(id);
            }
            assertThat(ids).as("every event once, in order, over both connections").isEqualTo(expected);
        }
    }

    private static Socket open(TestApp app, String storyId, long lastEventId) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress("127.0.0.1", app.uri("/").getPort()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /stream?channel=" + storyId + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + (lastEventId > 0 ? "Last-Event-ID: " + lastEventId + "\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Reads {@code id:} lines (chunk sizes and other lines pass by) until {@code last} or the end of the stream. */
    private static void readUntil(BufferedReader stream, List<Long> ids, long last) throws IOException {
        for (String line = stream.readLine(); line != null; line = stream.readLine()) {
            if (line.startsWith("id: ")) {
                ids.add(Long.parseLong(line.substring(4).strip()));
                if (ids.getLast() >= last) {
                    return;
                }
            }
        }
    }
}
