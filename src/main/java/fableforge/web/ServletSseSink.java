package fableforge.web;

import io.javalin.http.sse.SseClient;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
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
    private volatile Runnable whenRecycled = () -> { };
    /** Set, under this object's lock, once Jetty has ended the request itself (it recycles it next). */
    private boolean endedByJetty;

    ServletSseSink(SseClient client) throws IOException {
        this.client = client;
        this.out = client.ctx().res().getOutputStream();
        try {
            client.ctx().req().getAsyncContext().addListener(new JettyEnds());
        } catch (RuntimeException e) {
            // Jetty already ended the request (the client left at once): close() finds it recycled.
        }
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

    /** What ends the stream on our side when Jetty has already ended its request (see {@link #close}). */
    void whenRecycled(Runnable cleanup) {
        this.whenRecycled = cleanup;
    }

    /**
     * Ends the stream. When the client went away and Jetty noticed first, Jetty ends the request itself and
     * recycles it: completing Javalin's future after that ({@code SseClient.close}) runs its after-handlers on
     * the recycled request, each of which throws, and so does the error handler, some forty warnings with
     * stack traces per closed stream (92 MB of log in one {@code bench sse}). Then only our side is ended.
     * The lock keeps Jetty's end (which it tells its listeners before recycling) from falling in the middle
     * of Javalin's handlers, which run on this thread inside {@code client.close()}.
     */
    @Override
    public synchronized void close() {
        if (endedByJetty || recycled()) {
            whenRecycled.run();
        } else {
            client.close();
        }
    }

    private synchronized void jettyEnded() {
        endedByJetty = true;
    }

    private final class JettyEnds implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            jettyEnded();
        }

        @Override
        public void onError(AsyncEvent event) {
            jettyEnded();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // Javalin answers its own timeouts; the request is not ended yet.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Not restarted.
        }
    }

    private boolean recycled() {
        try {
            // Jetty recycles the request and the response one after the other: either may be gone first.
            client.ctx().res().getStatus();
            return client.ctx().req().getRequestURI() == null;
        } catch (RuntimeException e) {
            return true;
        }
    }
}
