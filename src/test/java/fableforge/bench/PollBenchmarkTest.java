package fableforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import fableforge.testing.SlowTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

@SlowTest // a benchmark
class PollBenchmarkTest {

    @Test
    void pollsTheStoryBesideTheSameBytesAsAFileAndRevalidatesWithItsEtag() throws Exception {
        StringWriter text = new StringWriter();

        List<Pollers.Figures> figures = new PollBenchmark(new PollBenchmark.Settings(2, 1)).run(new PrintWriter(text, true));

        assertThat(figures).extracting(Pollers.Figures::what)
                .containsExactly("/story, whole body", "static file, same bytes", "/story, If-None-Match (304)");
        assertThat(figures).allSatisfy(f -> {
            assertThat(f.requests()).as(f.what()).isPositive();
            assertThat(f.unexpected()).as(f.what() + ": " + f.firstProblem()).isZero();
        });
        // The same document both ways, each gzipped by its own deflater.
        assertThat(figures.get(0).bytesPerAnswer()).isCloseTo(figures.get(1).bytesPerAnswer(), withinPercentage(5));
        assertThat(figures.get(2).bytesPerAnswer()).isZero();
        assertThat(text.toString()).contains("finished 20-image story", "req/s", "p99 ms", "/story ÷ static file:", "goal ≥ 0.5×");
    }
}
