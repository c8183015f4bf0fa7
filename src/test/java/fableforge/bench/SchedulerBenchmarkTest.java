package fableforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.testing.SlowTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@SlowTest // a benchmark
class SchedulerBenchmarkTest {

    @Test
    void boundStartsOneMinutesWorthAtOnceThenOnePerInterval() {
        // 15 tokens at once but only 10 slots: 10 at 0 s, 5 at 2 s; then a token every 4 s for the last 5.
        Duration bound = new SchedulerBound(20, 15, 10, Duration.ofSeconds(2)).lowerBound();

        assertThat(bound).isEqualTo(Duration.ofSeconds(22));
    }

    @Test
    void boundIsTheLatencyAloneWhenNothingLimits() {
        assertThat(new SchedulerBound(20, 1_000, 20, Duration.ofSeconds(3)).lowerBound()).isEqualTo(Duration.ofSeconds(3));
        assertThat(new SchedulerBound(20, 1_000, 5, Duration.ofSeconds(3)).lowerBound()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void benchmarkPrintsBothPoliciesBesideTheBound() throws Exception {
        StringWriter text = new StringWriter();
        var settings = new SchedulerBenchmark.Settings(12, 15, 10, Duration.ofMillis(2_000), 0.01, 10, Duration.ofSeconds(40), false, 1);

        List<SchedulerBenchmark.Result> results = new SchedulerBenchmark(settings).run(new PrintWriter(text, true));

        assertThat(results).extracting(SchedulerBenchmark.Result::policy).containsExactly("fableforge", "seed batches");
        // The seed sleeps 40 s × 0.01 between its two batches, so it cannot finish sooner.
        assertThat(results.get(1).wall()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(text.toString()).contains("policy", "bound", "ratio", "fableforge", "seed batches");
    }
}
