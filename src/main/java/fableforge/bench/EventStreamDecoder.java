package fableforge.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The body of an event stream as bytes arrive from a non-blocking socket, in any pieces: strips
 * HTTP/1.1 chunk framing when the response is chunked (an SSE response has no length), splits lines
 * (LF or CRLF) and gathers each event's {@code id:}, {@code event:} and {@code data:} fields until the
 * blank line that ends it, as the HTML standard's event-stream parsing does
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 */
final class EventStreamDecoder {

    /** What the decoder hands on: one whole event, and when the read that completed its data line returned. */
    interface Events {
        void event(String id, String name, String data, long dataReadAt) throws IOException;
    }

    private enum Framing { SIZE_LINE, DATA, DATA_END, DONE }

    private final boolean chunked;
    private final Events events;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder sizeLine = new StringBuilder();
    private Framing framing = Framing.SIZE_LINE;
    private long leftInChunk;
    private String id;
    private String name;
    private String data;
    private long dataReadAt;

    EventStreamDecoder(boolean chunked, Events events) {
        this.chunked = chunked;
        this.events = events;
    }

    /** Decodes every byte {@code bytes} has left; {@code readAt} is when the socket read that brought them returned. */
    void feed(ByteBuffer bytes, long readAt) throws IOException {
        while (bytes.hasRemaining()) {
            if (!chunked) {
                body(bytes.get(), readAt);
                continue;
            }
            switch (framing) {
                case SIZE_LINE -> sizeLine(bytes.get());
                case DATA -> {
                    body(bytes.get(), readAt);
                    if (--leftInChunk == 0) {
                        framing = Framing.DATA_END;
                    }
                }
                case DATA_END -> {
                    // The CRLF after a chunk's bytes.
                    if (bytes.get() == '\n') {
                        framing = Framing.SIZE_LINE;
                    }
                }
                case DONE -> bytes.position(bytes.limit());
            }
        }
    }

    private void sizeLine(byte b) throws IOException {
        if (b != '\n') {
            sizeLine.append((char) (b & 0xff));
            return;
        }
        String size = sizeLine.toString().strip();
        sizeLine.setLength(0);
        int extension = size.indexOf(';');
        try {
            leftInChunk = Long.parseLong(extension < 0 ? size : size.substring(0, extension).strip(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("not a chunk size line: '" + size + "'");
        }
        framing = leftInChunk == 0 ? Framing.DONE : Framing.DATA;
    }

    private void body(byte b, long readAt) throws IOException {
        if (b != '\n') {
            line.write(b);
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        line(text, readAt);
    }

    private void line(String text, long readAt) throws IOException {
        if (text.isEmpty()) {
            if (data != null) {
                events.event(id, name, data, dataReadAt);
            }
            id = null;
            name = null;
            data = null;
        } else if (text.startsWith("data:")) {
            data = field(text);
            dataReadAt = readAt;
        } else if (text.startsWith("id:")) {
            id = field(text);
        } else if (text.startsWith("event:")) {
            name = field(text);
        }
    }

    private static String field(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
