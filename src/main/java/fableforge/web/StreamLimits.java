package fableforge.web;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * How many event streams this node keeps open: in all ({@code SSE_MAX_CONNECTIONS}) and per user
 * ({@code SSE_MAX_PER_USER}). Each stream holds a socket, a file descriptor, for as long as the page is
 * open; at the process's open-file limit the database can no longer open its files and every request
 * fails (1,025 streams under {@code ulimit -n 1024} made {@code /health} answer 500). So the default
 * stays at a quarter of that limit, leaving the rest for the database, media files and ordinary requests.
 */
public record StreamLimits(int maxConnections, int maxPerUser) {

    public static final int DEFAULT_PER_USER = 16;
    static final int FLOOR = 16;
    static final int CEILING = 4096;
    /** When the limit cannot be read (not a Unix JVM), the common default of 1,024 open files. */
    private static final long UNKNOWN_LIMIT = 1024;

    /** A quarter of this process's open-file limit, clamped to {@value #FLOOR}..{@value #CEILING}. */
    public static int defaultMaxConnections() {
        long limit = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : UNKNOWN_LIMIT;
        return quarterOf(limit);
    }

    static int quarterOf(long openFileLimit) {
        long quarter = openFileLimit <= 0 ? UNKNOWN_LIMIT / 4 : openFileLimit / 4;
        return (int) Math.max(FLOOR, Math.min(CEILING, quarter));
    }
}
