package fableforge.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

/**
 * Reads one CRLF- or LF-terminated line a byte at a time, so nothing past the line is consumed: the
 * reply of Redis in the benchmark's key clean-up.
 */
final class HttpLines {

    private HttpLines() {
    }

    /** The line without its terminator; null when the stream ends before any byte. */
    static String read(InputStream in, Charset charset) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return text(line, charset);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : text(line, charset);
    }

    private static String text(ByteArrayOutputStream line, Charset charset) {
        String text = line.toString(charset);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
