package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import fableforge.testing.SlowTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Browsers that leave (a tab closed, a phone that lost its network) end their streams without a word of
 * warning in the log: when Jetty noticed the closed connection first and recycled the request, closing the
 * stream used to run Javalin's handlers on the recycled request, some forty stack traces per stream.
 */
@SlowTest
class ClientsThatLeaveWebTest {

    private static final int CLIENTS = 100;
    private static final Pattern OPEN = Pattern.compile("(?m)^fableforge_sse_connections_open(?:\\{[^}]*})? ([0-9.]+)$");

    @TempDir
    Path data;

    @Test
    void streamsOfClientsThatResetTheirConnectionEndQuietlyAndAreAllReleased() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try (TestApp app = TestApp.start(Map.of("SSE_MAX_PER_USER", String.valueOf(CLIENTS)), data)) {
            String storyId = app.submit(TestApp.redFoxQuiz()).get("story_id").asText();
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                sockets.add(openAndReadFirstEvent(app, storyId));
            }
            for (int i = 0; i < sockets.size(); i++) {
                if (i % 2 == 1) {
                    sockets.get(i).setSoLinger(true, 0); // a reset, as from a client whose network vanished
                }
                sockets.get(i).close(); // the others close as a closed tab does
            }
            Thread.sleep(1_000); // Jetty sees the ends first, while the streams' writers wait for an event
            for (int n = 0; n < 20 && openStreams(app) > 0; n++) {
                app.server().events().emitUntyped(storyId, "probe", JsonNodeFactory.instance.objectNode().put("n", n), null);
                Thread.sleep(250);
            }
            for (int n = 0; n < 100 && openStreams(app) > 0; n++) {
                Thread.sleep(100);
            }
            assertThat(openStreams(app)).as("every stream of a client that left is released").isZero();
        } finally {
            root.detachAppender(log);
        }
        // Test classes run side by side in this JVM: only what an event stream's end can log counts here.
        assertThat(log.list).as("warnings and errors of streams ending")
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .filteredOn(event -> event.getThreadName().startsWith("sse-writer") || event.getFormattedMessage().contains("/stream"))
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
    }

    private static Socket openAndReadFirstEvent(TestApp app, String storyId) throws Exception {
        Socket socket = new Socket();
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress("127.0.0.1", app.uri("/").getPort()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /stream?channel=" + storyId + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).as("the stream is open").startsWith("HTTP/1.1 200");
        for (String line = in.readLine(); line != null && !line.startsWith("id: "); line = in.readLine()) {
            // headers and chunk sizes pass by
        }
        return socket;
    }

    private static int openStreams(TestApp app) throws Exception {
        HttpResponse<String> metrics = app.send("GET", "/metrics", null);
        Matcher open = OPEN.matcher(metrics.body());
        assertThat(open.find()).as("the open-streams gauge in /metrics").isTrue();
        return (int) Double.parseDouble(open.group(1));
    }
}
