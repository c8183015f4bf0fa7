package fableforge.cli;

import fableforge.image.ImageOutcome;
import fableforge.image.ImageProgressListener;
import fableforge.provider.ProviderError;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on the terminal (standard error) that counts finished images and notes retries. */
final class TerminalProgress implements ImageProgressListener, AutoCloseable {

    private final ProgressBar bar;
    private final PrintWriter err;

    TerminalProgress(String task, int total, boolean enabled, PrintWriter err) {
        this.err = err;
        this.bar = enabled
                ? new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(100)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .showSpeed()
                        .setUnit(" img", 1)
                        .build()
                : null;
    }

    @Override
    public void retrying(int sceneNumber, int nextTry, ProviderError error, Duration wait) {
        String message = "scene " + sceneNumber + ": " + error.message() + "; try " + nextTry + " in " + wait.toMillis() + " ms";
        if (bar != null) {
            bar.setExtraMessage(message);
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
