package fableforge.bench;

import java.time.Duration;

/**
 * The earliest a batch of equal provider calls can finish under a token bucket that holds one
 * minute's worth of calls and refills one every {@code 60 s / rate}, a concurrency limit, and a fixed
 * latency per call: each call starts when both a token and a slot are free.
 */
record SchedulerBound(int images, int ratePerMinute, int maxConcurrent, Duration latency) {

    Duration lowerBound() {
        double interval = 60.0 / ratePerMinute;
        double latencySeconds = latency.toNanos() / 1e9;
        double[] starts = new double[images];
        double end = 0;
        for (int k = 0; k < images; k++) {
            double token = k < ratePerMinute ? 0 : (k - ratePerMinute + 1) * interval;
            double slot = k < maxConcurrent ? 0 : starts[k - maxConcurrent] + latencySeconds;
            starts[k] = Math.max(token, slot);
            end = Math.max(end, starts[k] + latencySeconds);
        }
        return Duration.ofNanos((long) (end * 1e9));
    }
}
