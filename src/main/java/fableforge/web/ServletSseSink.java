package fableforge.web;

import io.javalin.http.sse.SseClient;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.Connection;

/**
 * An {@link SseSink} on Javalin's SSE response. It writes the frames itself rather than through
 * {@code SseClient.sendEvent}: Javalin's emitter writes inside a {@code synchronized} block, and a
 * virtual thread blocked in a write there would pin its carrier on JDK 21 (two cores: two carriers).
 * The frames come encoded ({@link SseFrame}), once per event for all the story's streams.
 */
final class ServletSseSink implements SseSink {

    private final SseClient client;
    private final ServletOutputStream out;

    ServletSseSink(SseClient client) throws IOException {
        this.client = client;
        this.out = client.ctx().res().getOutputStream();
    }

    @Override
    public void event(SseFrame frame) throws IOException {
        out.write(frame.bytes());
    }

    @Override
    public void comment(String text) throws IOException {
        out.write(SseFrame.comment(text));
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
}
