package fableforge.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The command line's progress bars on standard error. On a terminal a bar is redrawn in place; when
 * standard error goes to a file, a pipe, CI or a container's log, every redraw would be one more
 * carriage-return segment of a single endless line, cut at 80 columns, so the bar is written as a
 * plain line every few seconds instead (the progressbar library's DelegatingProgressBarConsumer,
 * its documented way to send the bar to a log).
 */
final class ProgressBars {

    /** Set by the launcher from {@code [ -t 2 ]}: whether standard error is a terminal. */
    static final String TERMINAL_PROPERTY = "fableforge.stderr.terminal";

    /** How often a redirected bar writes its line. */
    static final int LOGGED_EVERY_MILLIS = 5_000;

    /** Wide enough for the task, the bar, the counts, the times, the speed and a short message. */
    static final int LOGGED_WIDTH = 120;

    private final PrintStream out;
    private final boolean terminal;

    ProgressBars(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Bars on standard error, redrawn in place only when it is a terminal. */
    static ProgressBars onStandardError() {
        return new ProgressBars(System.err, standardErrorIsTerminal());
    }

    /** The launcher's word when given (it can test standard error itself); otherwise whether the JVM has a console. */
    static boolean standardErrorIsTerminal() {
        String told = System.getProperty(TERMINAL_PROPERTY);
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }

    boolean terminal() {
        return terminal;
    }

    /** A note for the end of a bar's line, where the library writes it straight after the speed. */
    static String note(String text) {
        return " - " + text;
    }

    /** A bar of {@code max} steps; on a terminal redrawn every {@code redrawMillis}. */
    ProgressBar bar(String task, long max, String unit, int redrawMillis) {
        ProgressBarConsumer consumer = terminal
                ? new ConsoleProgressBarConsumer(out)
                : new DelegatingProgressBarConsumer(out::println, LOGGED_WIDTH);
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(terminal ? redrawMillis : LOGGED_EVERY_MILLIS)
                .setConsumer(consumer)
                .showSpeed()
                .setUnit(unit, 1)
                .build();
    }
}
