package fableforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseBenchmarkTest {

    @Test
    void oneNodeDeliversEveryEventToEveryClientInOrderAndPrintsTheLatencyPercentiles() throws Exception {
        StringWriter text = new StringWriter();
        var settings = new SseBenchmark.Settings(50, 20, 100, SseBenchmark.Nodes.ONE, "unused", "unused", Duration.ofSeconds(30));

        List<SseResult> results = new SseBenchmark(settings).run(new PrintWriter(text, true));

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.mode()).isEqualTo(SseBenchmark.ONE_NODE);
            assertThat(result.problems()).isEmpty();
            assertThat(result.connected()).isEqualTo(50);
            assertThat(result.delivered()).isEqualTo(result.expected()).isEqualTo(50 * 20);
            assertThat(result.duplicates()).isZero();
            assertThat(result.outOfOrder()).isZero();
            assertThat(result.complete()).isEqualTo(50);
            assertThat(result.latencyNanos()).hasSize(50 * 20);
            assertThat(result.clean()).isTrue();
        });
        assertThat(text.toString()).contains("one node", "sqlite", "delivered/expected", "1000/1000", "latency p50", "latency p99",
                "latency max", "clients complete", "50/50").doesNotContain("LOSS");
    }
}
