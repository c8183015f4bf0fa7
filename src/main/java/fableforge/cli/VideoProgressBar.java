package fableforge.cli;

import fableforge.video.VideoProgressListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The video's progress on the terminal (standard error): a bar of narrated scenes, then one of rendered frames. */
final class VideoProgressBar implements VideoProgressListener, AutoCloseable {

    private final boolean enabled;
    private final PrintStream terminal;
    private ProgressBar narrating;
    private ProgressBar rendering;
    private int sceneCount;

    VideoProgressBar(boolean enabled, PrintStream terminal) {
        this.enabled = enabled;
        this.terminal = terminal;
    }

    @Override
    public synchronized void stage(Stage stage, int sceneNumber, int sceneCount) {
        if (!enabled) {
            return;
        }
        this.sceneCount = sceneCount;
        if (stage == Stage.NARRATING) {
            if (narrating == null) {
                narrating = bar("Narrating", sceneCount, " scene");
            }
            narrating.stepTo(sceneNumber - 1);
            narrating.setExtraMessage("scene " + sceneNumber + "/" + sceneCount);
        } else if (stage == Stage.RENDERING && rendering != null) {
            rendering.setExtraMessage("scene " + sceneNumber + "/" + sceneCount);
        } else if (stage == Stage.FINISHING && rendering != null) {
            rendering.setExtraMessage("finishing the file");
        }
    }

    @Override
    public synchronized void frames(int written, int total) {
        if (!enabled) {
            return;
        }
        if (rendering == null) {
            if (narrating != null) {
                narrating.stepTo(sceneCount);
                narrating.close();
                narrating = null;
            }
            rendering = bar("Rendering video", total, " frames");
        }
        rendering.stepTo(written);
    }

    private ProgressBar bar(String task, int max, String unit) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(terminal))
                .showSpeed()
                .setUnit(unit, 1)
                .build();
    }

    @Override
    public synchronized void close() {
        if (narrating != null) {
            narrating.close();
            narrating = null;
        }
        if (rendering != null) {
            rendering.close();
            rendering = null;
        }
    }
}
