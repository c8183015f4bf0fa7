package fableforge.videojob;

import fableforge.video.VideoProgressListener;
import fableforge.wire.EventPayload;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Turns a render's progress into {@code video_progress} events: one whenever the stage or the scene
 * changes, and between those at most one every {@link #MIN_INTERVAL_NANOS} (a render writes 30 frames
 * a second of video; an event per frame would flood the log and the browser). Also where a render
 * notices that the server is stopping: it is cancelled between two frames.
 *
 * <p>Percent: narration (when there is any) is the first 20 %, writing frames runs up to 95 %, then
 * encoding (the encoder's last packets and the index) and storing the files.
 */
final class VideoProgressEvents implements VideoProgressListener {

    static final long MIN_INTERVAL_NANOS = 500_000_000L;
    private static final int NARRATION_SHARE = 20;
    private static final int FRAMES_END = 95;

    private final Sink sink;
    private final int version;
    private final boolean narrated;
    private final int totalScenes;
    private final BooleanSupplier stopping;
    private final LongSupplier nanos;

    private String stage = "";
    private int scene = -1;
    private int percent = -1;
    private long lastSent;
    private int sent;

    /** Where the progress goes: the {@code video_progress} event's data, numbered 0, 1, … within this render. */
    @FunctionalInterface
    interface Sink {
        void announce(EventPayload.VideoProgress data, int number);
    }

    VideoProgressEvents(Sink sink, int version, boolean narrated, int totalScenes, BooleanSupplier stopping, LongSupplier nanos) {
        this.sink = sink;
        this.version = version;
        this.narrated = narrated;
        this.totalScenes = totalScenes;
        this.stopping = stopping;
        this.nanos = nanos;
    }

    @Override
    public void stage(Stage stage, int sceneNumber, int sceneCount) {
        checkStopping();
        switch (stage) {
            case NARRATING -> announce("narrating", sceneNumber, sceneNumber - 1,
                    NARRATION_SHARE * (sceneNumber - 1) / Math.max(1, sceneCount));
            case RENDERING -> announce("rendering", sceneNumber, sceneNumber - 1, Math.max(percent, framesStart()));
            case FINISHING -> announce("encoding", 0, totalScenes, FRAMES_END);
            case CLIP -> { }
        }
    }

    @Override
    public void frames(int written, int total) {
        checkStopping();
        int now = framesStart() + (int) ((long) (FRAMES_END - framesStart()) * written / Math.max(1, total));
        if (now != percent && nanos.getAsLong() - lastSent >= MIN_INTERVAL_NANOS) {
            announce(stage.isEmpty() ? "rendering" : stage, scene, Math.max(0, scene - 1), now);
        }
    }

    /** The files are being packed and stored. */
    void storing() {
        announce("storing", 0, totalScenes, 97);
    }

    private int framesStart() {
        return narrated ? NARRATION_SHARE : 0;
    }

    private void announce(String stage, int sceneNumber, int scenesDone, int percent) {
        this.stage = stage;
        this.scene = sceneNumber;
        this.percent = percent;
        this.lastSent = nanos.getAsLong();
        sink.announce(new EventPayload.VideoProgress(version, stage, sceneNumber > 0 ? sceneNumber : null, scenesDone, totalScenes,
                percent), sent++);
    }

    private void checkStopping() {
        if (stopping.getAsBoolean()) {
            throw new CancellationException("the server is stopping; the render starts again after the restart");
        }
    }
}
