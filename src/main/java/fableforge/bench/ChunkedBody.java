package fableforge.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 chunked body as a plain stream. The SSE response has no length, so the server chunks it;
 * a benchmark client on a raw socket must strip the chunk framing before it can read lines. Read it
 * over a buffered stream: the framing is read a byte at a time.
 */
final class ChunkedBody extends InputStream {

    private final InputStream in;
    private long leftInChunk;
    private boolean ended;

    ChunkedBody(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (leftInChunk == 0 && !nextChunk()) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream closed inside a chunk");
        }
        if (--leftInChunk == 0) {
            HttpLines.read(in, StandardCharsets.ISO_8859_1); // the CRLF that closes every chunk
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (leftInChunk == 0 && !nextChunk()) {
            return -1;
        }
        int read = in.read(buffer, offset, (int) Math.min(length, leftInChunk));
        if (read < 0) {
            throw new EOFException("stream closed inside a chunk");
        }
        leftInChunk -= read;
        if (leftInChunk == 0) {
            HttpLines.read(in, StandardCharsets.ISO_8859_1);
        }
        return read;
    }

    /** Reads the next chunk's size line; false at the last (empty) chunk or the end of the connection. */
    private boolean nextChunk() throws IOException {
        if (ended) {
            return false;
        }
        String sizeLine = HttpLines.read(in, StandardCharsets.ISO_8859_1);
        if (sizeLine == null) {
            ended = true;
            return false;
        }
        int extension = sizeLine.indexOf(';');
        String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
        leftInChunk = Long.parseLong(hex, 16);
        if (leftInChunk == 0) {
            ended = true;
            return false;
        }
        return true;
    }
}
