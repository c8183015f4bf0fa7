package fableforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.testing.SlowTest;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@SlowTest // a benchmark
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
        assertThat(text.toString()).contains("one node", "sqlite + in-process", "delivered/expected", "1000/1000", "latency p50", "latency p99",
                "latency max", "clients complete", "50/50").doesNotContain("LOSS");
    }

    @Test
    void chunkedBodyYieldsTheLinesWithoutTheChunkFraming() throws Exception {
        // Chunk borders fall inside lines, and one chunk carries a size extension.
        byte[] wire = "7\r\nid: 1\nd\r\na;name=x\r\nata: {}\n\ni\r\n3\r\nd:\n\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        var body = new ChunkedBody(new ByteArrayInputStream(wire));

        assertThat(HttpLines.read(body, StandardCharsets.UTF_8)).isEqualTo("id: 1");
        assertThat(HttpLines.read(body, StandardCharsets.UTF_8)).isEqualTo("data: {}");
        assertThat(HttpLines.read(body, StandardCharsets.UTF_8)).isEmpty();
        assertThat(HttpLines.read(body, StandardCharsets.UTF_8)).isEqualTo("id:");
        assertThat(HttpLines.read(body, StandardCharsets.UTF_8)).isNull();
    }

    @Test
    void postgresUrlBecomesTheDriversJdbcUrlWithItsCredentialsAsParameters() {
        assertThat(PostgresSchema.jdbcUrl("postgres://ff:p%40ss@db.internal:5433/fableforge?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.internal:5433/fableforge?user=ff&password=p%40ss&sslmode=require");
        assertThat(PostgresSchema.jdbcUrl("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }
}
