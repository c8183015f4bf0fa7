package fableforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.testing.SlowTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@SlowTest // a benchmark
class SseBenchmarkTest {

    @Test
    void oneNodeDeliversEveryEventToEveryClientInOrderAndPrintsTheLatencyPercentiles() throws Exception {
        StringWriter text = new StringWriter();
        var settings = new SseBenchmark.Settings(50, 20, 10, 100, SseBenchmark.Nodes.ONE, "unused", "unused", Duration.ofSeconds(30));

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
    void decoderGivesWholeEventsHoweverTheBytesAreSplitAcrossReads() throws Exception {
        String body = "id: 1\ndata: {}\n\nid:2\r\nevent: e\ndata:x\n\n";
        // Chunk borders fall inside lines and fields; one chunk carries a size extension.
        String wire = "7\r\n" + body.substring(0, 7) + "\r\na;name=x\r\n" + body.substring(7, 17) + "\r\n"
                + Integer.toHexString(body.length() - 17) + "\r\n" + body.substring(17) + "\r\n0\r\n\r\n";
        byte[] bytes = wire.getBytes(StandardCharsets.US_ASCII);
        int firstDataEnds = wire.indexOf("{}") + 2;
        int secondDataEnds = wire.indexOf("data:x") + "data:x".length();
        for (int pieceSize = 1; pieceSize <= bytes.length; pieceSize++) {
            List<String> events = new ArrayList<>();
            var decoder = new EventStreamDecoder(true, (id, name, data, readAt) -> events.add(id + "|" + name + "|" + data + "|" + readAt));
            for (int at = 0; at < bytes.length; at += pieceSize) {
                decoder.feed(ByteBuffer.wrap(bytes, at, Math.min(pieceSize, bytes.length - at)), at);
            }

            // Each data line is timed by the read that brought its line end.
            assertThat(events).as("read %d bytes at a time", pieceSize).containsExactly(
                    "1|null|{}|" + firstDataEnds / pieceSize * pieceSize,
                    "2|e|x|" + secondDataEnds / pieceSize * pieceSize);
        }
    }

    @Test
    void postgresUrlBecomesTheDriversJdbcUrlWithItsCredentialsAsParameters() {
        assertThat(PostgresSchema.jdbcUrl("postgres://ff:p%40ss@db.internal:5433/fableforge?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.internal:5433/fableforge?user=ff&password=p%40ss&sslmode=require");
        assertThat(PostgresSchema.jdbcUrl("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }
}
