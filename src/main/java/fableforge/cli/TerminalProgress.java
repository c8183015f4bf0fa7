package fableforge.cli;

import fableforge.image.ImageOutcome;
import fableforge.image.ImageProgressListener;
import fableforge.provider.ProviderError;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;

/**
 * A progress bar (standard error) that counts finished images and notes retries: on the bar's line on
 * a terminal, each on a line of its own otherwise, where a message on the bar would be seen only if a
 * periodic line happened to fall while it lasted.
 */
final class TerminalProgress implements ImageProgressListener, AutoCloseable {

    private final ProgressBar bar;
    private final ProgressBars bars;
    private final PrintWriter err;

    TerminalProgress(String task, int total, boolean enabled, ProgressBars bars, PrintWriter err) {
        this.bars = bars;
        this.err = err;
        this.bar = enabled ? bars.bar(task, total, " img", 100) : null;
    }

    @Override
    public void retrying(int sceneNumber, int nextTry, ProviderError error, Duration wait) {
        String message = "scene " + sceneNumber + ": " + error.message() + "; try " + nextTry + " in " + wait.toMillis() + " ms";
        if (bar != null && bars.terminal()) {
            bar.setExtraMessage(ProgressBars.note(message));
        } else {
            err.println(message);
        }
    }

    @Override
    public void finished(ImageOutcome outcome) {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
