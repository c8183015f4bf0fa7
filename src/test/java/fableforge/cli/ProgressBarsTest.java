package fableforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

class ProgressBarsTest {

    @Test
    void aBarOnARedirectedStandardErrorWritesWholeLinesWithNoCarriageReturns() {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (ProgressBar bar = new ProgressBars(new PrintStream(written, true, StandardCharsets.UTF_8), false)
                .bar("Rendering video", 1800, " frames", 200)) {
            bar.stepTo(900);
            bar.setExtraMessage(ProgressBars.note("scene 10/20"));
        }
        String log = written.toString(StandardCharsets.UTF_8);

        assertThat(log).doesNotContain("\r").endsWith(System.lineSeparator());
        String last = log.strip().lines().reduce((first, second) -> second).orElseThrow();
        assertThat(last).startsWith("Rendering video").contains("900/1800 frames").contains("frames/s - scene 10/20");
    }

    @Test
    void aBarOnATerminalIsRedrawnInPlace() {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (ProgressBar bar = new ProgressBars(new PrintStream(written, true, StandardCharsets.UTF_8), true)
                .bar("Illustrating", 20, " img", 100)) {
            bar.stepTo(20);
        }

        assertThat(written.toString(StandardCharsets.UTF_8)).contains("\r").contains("20/20 img");
    }
}
