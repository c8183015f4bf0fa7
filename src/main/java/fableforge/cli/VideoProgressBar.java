package fableforge.cli;

import fableforge.video.VideoProgressListener;
import me.tongfei.progressbar.ProgressBar;

/** The video's progress on the terminal (standard error): a bar of narrated scenes, then one of rendered frames. */
final class VideoProgressBar implements VideoProgressListener, AutoCloseable {

    private final boolean enabled;
    private final ProgressBars bars;
    private ProgressBar narrating;
    private ProgressBar rendering;
    private int sceneCount;

    VideoProgressBar(boolean enabled, ProgressBars bars) {
        this.enabled = enabled;
        this.bars = bars;
    }

    @Override
    public synchronized void stage(Stage stage, int sceneNumber, int sceneCount) {
        if (!enabled) {
            return;
        }
        this.sceneCount = sceneCount;
        if (stage == Stage.NARRATING) {
            if (narrating == null) {
                narrating = bars.bar("Narrating", sceneCount, " scene", 200);
            }
            narrating.stepTo(sceneNumber - 1);
            narrating.setExtraMessage(ProgressBars.note("scene " + sceneNumber + "/" + sceneCount));
        } else if (stage == Stage.RENDERING && rendering != null) {
            rendering.setExtraMessage(ProgressBars.note("scene " + sceneNumber + "/" + sceneCount));
        } else if (stage == Stage.FINISHING && rendering != null) {
            rendering.setExtraMessage(ProgressBars.note("finishing the file"));
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
            rendering = bars.bar("Rendering video", total, " frames", 200);
        }
        rendering.stepTo(written);
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
