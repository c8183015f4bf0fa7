package fableforge.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a file, first and last byte included, from a {@code Range} header (RFC 9110
 * §14.1.2): {@code bytes=0-499}, {@code bytes=500-}, {@code bytes=-500} (the last 500).
 */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** What a Range header asks of a file of {@code total} bytes. */
    enum Answer { WHOLE, PARTIAL, UNSATISFIABLE }

    record Parsed(Answer answer, ByteRange range) {
    }

    static ByteRange whole(long total) {
        return new ByteRange(0, total - 1);
    }

    long length() {
        return last - first + 1;
    }

    String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /**
     * The range to send. A header the server may ignore (another unit, several ranges, bad syntax)
     * gets the whole file, as RFC 9110 allows; a range starting at or after the end is unsatisfiable.
     */
    static Parsed parse(String header, long total) {
        if (header == null) {
            return new Parsed(Answer.WHOLE, whole(total));
        }
        Matcher match = SINGLE.matcher(header.strip().toLowerCase(Locale.ROOT));
        if (!match.matches() || match.group(1).isEmpty() && match.group(2).isEmpty()
                || match.group(1).length() > 18 || match.group(2).length() > 18) {
            return new Parsed(Answer.WHOLE, whole(total));
        }
        if (match.group(1).isEmpty()) {
            long suffix = Long.parseLong(match.group(2));
            if (suffix == 0 || total == 0) {
                return new Parsed(Answer.UNSATISFIABLE, null);
            }
            return new Parsed(Answer.PARTIAL, new ByteRange(Math.max(0, total - suffix), total - 1));
        }
        long first = Long.parseLong(match.group(1));
        if (match.group(2).isEmpty()) {
            return first >= total ? new Parsed(Answer.UNSATISFIABLE, null) : new Parsed(Answer.PARTIAL, new ByteRange(first, total - 1));
        }
        long last = Long.parseLong(match.group(2));
        if (last < first) {
            return new Parsed(Answer.WHOLE, whole(total));
        }
        if (first >= total) {
            return new Parsed(Answer.UNSATISFIABLE, null);
        }
        return new Parsed(Answer.PARTIAL, new ByteRange(first, Math.min(last, total - 1)));
    }

    /** {@code in} cut off after {@code length} bytes (closing it closes {@code in}). */
    static InputStream limit(InputStream in, long length) {
        return new FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int read = super.read(buffer, offset, (int) Math.min(count, left));
                if (read > 0) {
                    left -= read;
                }
                return read;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(Math.min(n, left));
                left -= skipped;
                return skipped;
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(super.available(), left);
            }
        };
    }
}
