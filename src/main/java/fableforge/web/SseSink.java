package fableforge.web;

import java.io.IOException;

/**
 * Where one event stream's frames go: the connection's writer thread is its only caller, so an
 * implementation needs no lock of its own (a lock held across a blocking write would pin a virtual
 * thread on JDK 21). {@link #abort} alone may come from another thread.
 */
interface SseSink {

    /** Writes one event's frame into the buffer; {@link #flush} sends it. */
    void event(SseFrame frame) throws IOException;

    /** A comment line ({@code : text}), which clients ignore and proxies see as traffic. */
    void comment(String text) throws IOException;

    void flush() throws IOException;

    /**
     * Drops the connection at once, failing a write that is blocked on a client that stopped reading.
     * Called from whichever thread found the client's queue full; never blocks.
     */
    void abort();

    /** Ends the stream; the client may reconnect with {@code Last-Event-ID}. Runs the stream's close callbacks. */
    void close();
}
