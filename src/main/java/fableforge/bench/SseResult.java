package fableforge.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What one mode of {@code bench sse} measured: how many of the expected deliveries (every client ×
 * every event) arrived, how many came twice or out of order, the delivery latency distribution and how
 * long the emit call blocked the emitter.
 *
 * @param expected clients asked for × events, so a client that could not connect counts as loss
 * @param complete clients that got every event exactly once and in order
 * @param latencyNanos every delivery's latency, sorted
 * @param emitNanos each emit call's duration, sorted
 * @param askedRate events per second the emitter aimed at
 * @param problems why the mode could not run or ran incompletely; empty when it ran cleanly
 */
public record SseResult(String mode, int clients, int connected, int events, long expected, long delivered, long duplicates,
                        long outOfOrder, int complete, long[] latencyNanos, long[] emitNanos, long emitSpanNanos, double askedRate,
                        List<String> problems) {

    static SseResult of(String mode, SseBenchmark.Settings settings, List<StreamClient> clients, List<Long> emitNanos,
                        long emitSpanNanos, List<String> problems) {
        long delivered = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        int complete = 0;
        long[] latencies = new long[clients.size() * settings.events()];
        int filled = 0;
        for (StreamClient client : clients) {
            delivered += client.received();
            duplicates += client.duplicates();
            outOfOrder += client.outOfOrder();
            if (client.received() == settings.events() && client.duplicates() == 0 && client.outOfOrder() == 0) {
                complete++;
            }
            for (long latency : client.latencyNanos()) {
                if (latency >= 0) {
                    latencies[filled++] = latency;
                }
            }
            if (client.failure() != null && problems.size() < 5) {
                problems.add("a client's stream broke: " + client.failure());
            }
        }
        long[] sorted = Arrays.copyOf(latencies, filled);
        Arrays.sort(sorted);
        long[] emits = emitNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new SseResult(mode, settings.clients(), clients.size(), settings.events(), (long) settings.clients() * settings.events(),
                delivered, duplicates, outOfOrder, complete, sorted, emits, emitSpanNanos, settings.ratePerSecond(),
                List.copyOf(problems));
    }

    /** A mode whose set-up failed before any client connected. */
    static SseResult notRun(String mode, SseBenchmark.Settings settings, String why) {
        return new SseResult(mode, settings.clients(), 0, settings.events(), (long) settings.clients() * settings.events(), 0, 0, 0, 0,
                new long[0], new long[0], 0, settings.ratePerSecond(), List.of(why));
    }

    public long lost() {
        return expected - delivered;
    }

    /** Every client connected and got every event exactly once, in order. */
    public boolean clean() {
        return problems.isEmpty() && lost() == 0 && duplicates == 0 && outOfOrder == 0 && complete == clients;
    }

    /** Nearest-rank percentile of the delivery latency in milliseconds; NaN with no delivery. */
    public double latencyMillis(double percentile) {
        return percentileMillis(latencyNanos, percentile);
    }

    public double emitMillis(double percentile) {
        return percentileMillis(emitNanos, percentile);
    }

    /** Events per second the emitter actually achieved (below the asked rate when emit calls take longer than its period). */
    public double achievedRate() {
        return emitSpanNanos == 0 || emitNanos.length < 2 ? Double.NaN : (emitNanos.length - 1) / (emitSpanNanos / 1e9);
    }

    private static double percentileMillis(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
