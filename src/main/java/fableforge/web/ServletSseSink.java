package fableforge.web;

import io.javalin.http.sse.SseClient;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.Connection;

/**
 * An {@link SseSink} on Javalin's SSE response. It writes the frames itself rather than through
 * {@code SseClient.sendEvent}: Javalin's emitter writes inside a {@code synchronized} block, and a
 * virtual thread blocked in a write there would pin its carrier on JDK 21 (two cores: two carriers).
 * Frames follow the HTML standard's event-stream format
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream): one
 * {@code data:} line per line of data, a blank line ends the event.
 */
final class ServletSseSink implements SseSink {

    private final SseClient client;
    private final ServletOutputStream out;
    private final StringBuilder frame = new StringBuilder(256);

    ServletSseSink(SseClient client) throws IOException {
        this.client = client;
        this.out = client.ctx().res().getOutputStream();
    }

    @Override
    public void event(long id, String name, String data) throws IOException {
        frame.setLength(0);
        frame.append("id: ").append(id).append('\n').append("event: ").append(oneLine(name)).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        frame.append('\n');
        out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void comment(String text) throws IOException {
        out.write((": " + oneLine(text) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Closes the socket under the response (Jetty's endpoint), so a write waiting on the client fails now. */
    @Override
    public void abort() {
        try {
            Connection connection = ServletContextRequest.getServletContextRequest(client.ctx().req())
                    .getConnectionMetaData().getConnection();
            connection.getEndPoint().close();
        } catch (RuntimeException e) {
            // The request is already recycled: the connection is gone anyway.
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
