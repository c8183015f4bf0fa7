package fableforge.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Every benchmark connection costs two file descriptors in this JVM (the client's socket and the
 * server's), so 1,000 clients need about 2,000 more than are open; the common default limit is 1,024.
 */
final class FileDescriptors {

    /** Room for the servers' own files, database and Redis connections, jars. */
    private static final long MARGIN = 256;

    private FileDescriptors() {
    }

    /** Why {@code clients} connections would run out of descriptors, or empty when they fit (or the limit is unknown). */
    static Optional<String> shortage(int clients) {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix)) {
            return Optional.empty();
        }
        long needed = unix.getOpenFileDescriptorCount() + 2L * clients + MARGIN;
        long limit = unix.getMaxFileDescriptorCount();
        if (needed <= limit) {
            return Optional.empty();
        }
        return Optional.of(String.format("%d clients need about %d open files in this process but the limit is %d:"
                + " raise it first (for example `ulimit -n %d` in the shell that runs the benchmark; see `ulimit -Hn` for the"
                + " hard limit) or use fewer --clients", clients, needed, limit, roundUp(needed)));
    }

    /** A connection failure, explained when it is the descriptor limit. */
    static String explain(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Too many open files")) {
            long limit = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                    ? unix.getMaxFileDescriptorCount() : -1;
            return "out of file descriptors (limit " + limit + "): raise `ulimit -n` or use fewer --clients";
        }
        return e.toString();
    }

    private static long roundUp(long needed) {
        long limit = 1024;
        while (limit < needed) {
            limit *= 2;
        }
        return limit;
    }
}
