package fableforge.video;

import fableforge.provider.ProviderException;
import java.io.IOException;
import java.util.List;

/**
 * Composes the video's frames in order: the current scene's clip, dissolved into the next one's
 * around each cut, with the caption cue of the moment on top. Clips are made when their first frame
 * is needed and closed after their last, so at most two are open at a time.
 */
final class FrameComposer implements AutoCloseable {

    private final VideoClipGenerator clips;
    private final VideoJob job;
    private final Timeline timeline;
    private final CaptionLayout layout;
    private final FrameSize size;
    private final VideoProgressListener progress;
    private final SceneClip[] open;
    private final List<ClipRequest> requests;
    private final AutoCloseable prepared;
    private final YuvFrame incoming;
    private final VideoFrame bgr;
    private int current;
    private int cue;
    private int announced;
    private Timeline.Cue shownCue;
    private CaptionPlanes shownOverlay;
    private int shownWord = -1;

    FrameComposer(VideoClipGenerator clips, VideoJob job, Timeline timeline, CaptionLayout layout, FrameSize size,
                  VideoProgressListener progress) {
        this.clips = clips;
        this.job = job;
        this.timeline = timeline;
        this.layout = layout;
        this.size = size;
        this.progress = progress;
        this.open = new SceneClip[timeline.slots().size()];
        this.requests = java.util.stream.IntStream.range(0, timeline.slots().size()).mapToObj(this::request).toList();
        this.prepared = clips.prepare(requests);
        this.incoming = new YuvFrame(size);
        this.bgr = new VideoFrame(size);
    }

    private ClipRequest request(int index) {
        SceneStill still = job.scenes().get(index);
        return new ClipRequest(job.storyId(), still.scene(), still.image(), still.picture(), timeline.slots().get(index).clipFrames(),
                size, timeline.fps(), still.subject());
    }

    /** Draws frame {@code f} into {@code frame}; {@code f} must grow by one each call, from 0. */
    void compose(int f, YuvFrame frame) throws IOException, ProviderException {
        List<Timeline.Slot> slots = timeline.slots();
        while (f >= slots.get(current).clipEnd()) {
            closeClip(current++);
        }
        while (announced < slots.size() && f >= slots.get(announced).ownStart()) {
            progress.stage(VideoProgressListener.Stage.RENDERING, slots.get(announced++).sceneNumber(), slots.size());
        }
        Timeline.Slot slot = slots.get(current);
        draw(clip(current), f - slot.clipStart(), frame);
        if (current + 1 < slots.size() && f >= slots.get(current + 1).clipStart()) {
            Timeline.Slot next = slots.get(current + 1);
            drawOver(clip(current + 1), f - next.clipStart(), frame, dissolve(f - next.clipStart(), slot.clipEnd() - next.clipStart()));
        }
        List<Timeline.Cue> cues = timeline.cues();
        while (cue < cues.size() && f >= cues.get(cue).endFrame()) {
            cue++;
        }
        if (job.captions() != CaptionStyle.NONE && cue < cues.size() && f >= cues.get(cue).startFrame()) {
            Timeline.Cue shown = cues.get(cue);
            overlay(shown, job.captions() == CaptionStyle.WORDS ? shown.wordAt(f) : -1).drawOnto(frame);
        }
    }

    /** Straight into YUV when the clip can; otherwise in BGR, converted. */
    private void draw(SceneClip clip, int index, YuvFrame target) {
        if (clip instanceof YuvClip yuv) {
            yuv.render(index, target);
        } else {
            clip.render(index, bgr);
            target.fromBgr(bgr);
        }
    }

    /** Mixes the clip's frame over {@code target} with {@code opacity}: in one pass when the clip draws YUV. */
    private void drawOver(SceneClip clip, int index, YuvFrame target, double opacity) {
        if (clip instanceof YuvClip yuv) {
            yuv.render(index, target, opacity);
        } else {
            draw(clip, index, incoming);
            target.blend(incoming, opacity);
        }
    }

    /** How far into the dissolve frame {@code step} of {@code length} is: eased, never quite 0 or 1. */
    static double dissolve(int step, int length) {
        double t = (step + 1) / (double) (length + 1);
        return t * t * (3 - 2 * t);
    }

    private SceneClip clip(int index) throws IOException, ProviderException {
        if (open[index] == null) {
            open[index] = clips.clip(requests.get(index));
        }
        return open[index];
    }

    private void closeClip(int index) {
        if (open[index] != null) {
            open[index].close();
            open[index] = null;
        }
    }

    /** The cue's overlay with word {@code word} highlighted (-1: none), drawn again only when either changes. */
    private CaptionPlanes overlay(Timeline.Cue cue, int word) {
        if (cue != shownCue || word != shownWord) {
            shownCue = cue;
            shownWord = word;
            shownOverlay = CaptionPlanes.of(CaptionOverlay.draw(cue, layout, size, word), size);
        }
        return shownOverlay;
    }

    @Override
    public void close() {
        for (int i = 0; i < open.length; i++) {
            closeClip(i);
        }
        try {
            prepared.close();
        } catch (Exception e) {
            // Only temporary clip files remain; they are deleted on exit.
        }
    }
}
