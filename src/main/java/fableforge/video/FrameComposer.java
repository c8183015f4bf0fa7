package fableforge.video;

import fableforge.provider.ProviderException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Composes the video's frames in order: the current scene's clip, dissolved into the next one's
 * around each cut, with the caption cue of the moment on top. Clips are closed after their last frame.
 * The next scene's clip and the next caption page are made ahead, on a thread of their own, while the
 * current frames are composed: making a clip (decoding its still, its planes) takes 50-100 ms and a page
 * 20-60 ms, which inline would stall the encoder at every cut and every cue (ComposeBenchmark). So at
 * most three clips are open at a time, and one page is made ahead.
 */
final class FrameComposer implements AutoCloseable {

    private final VideoClipGenerator clips;
    private final VideoJob job;
    private final Timeline timeline;
    private final CaptionLayout layout;
    private final FrameSize size;
    private final VideoProgressListener progress;
    private final SceneClip[] open;
    /** Clips being made ahead, by scene index; at most one at a time. */
    private final Future<SceneClip>[] ahead;
    private final ExecutorService maker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("video-lookahead").daemon().factory());
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
    private Page nextPage;
    private Future<CaptionPlanes> nextPlanes;

    /** A caption page: a cue with one of its words highlighted (-1: none). */
    private record Page(Timeline.Cue cue, int word) {
    }

    FrameComposer(VideoClipGenerator clips, VideoJob job, Timeline timeline, CaptionLayout layout, FrameSize size,
                  VideoProgressListener progress) {
        this.clips = clips;
        this.job = job;
        this.timeline = timeline;
        this.layout = layout;
        this.size = size;
        this.progress = progress;
        this.open = new SceneClip[timeline.slots().size()];
        @SuppressWarnings("unchecked")
        Future<SceneClip>[] futures = new Future[timeline.slots().size()];
        this.ahead = futures;
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
        makeAhead(current + 1);
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
            overlay(cue, job.captions() == CaptionStyle.WORDS ? shown.wordAt(f) : -1).drawOnto(frame);
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
            Future<SceneClip> made = ahead[index];
            ahead[index] = null;
            open[index] = made != null ? await(made, "a scene's clip") : clips.clip(requests.get(index));
        }
        return open[index];
    }

    /** Starts making scene {@code index}'s clip on the lookahead thread, unless it is made, being made or past the end. */
    private void makeAhead(int index) {
        if (index < open.length && open[index] == null && ahead[index] == null) {
            ClipRequest request = requests.get(index);
            ahead[index] = maker.submit(() -> clips.clip(request));
        }
    }

    /** What the lookahead thread made; its failure rethrown as it was thrown there. */
    private static <T> T await(Future<T> made, String what) throws IOException, ProviderException {
        try {
            return made.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + what + " was made", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case ProviderException provider -> throw provider;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IOException(what + " could not be made: " + e.getCause(), e.getCause());
            }
        }
    }

    private void closeClip(int index) {
        if (open[index] != null) {
            open[index].close();
            open[index] = null;
        }
    }

    /**
     * Cue number {@code index}'s page with word {@code word} highlighted (-1: none), drawn again only when
     * either changes; the page after it is then made ahead.
     */
    private CaptionPlanes overlay(int index, int word) throws IOException, ProviderException {
        Timeline.Cue cue = timeline.cues().get(index);
        if (cue != shownCue || word != shownWord) {
            shownCue = cue;
            shownWord = word;
            Page page = new Page(cue, word);
            shownOverlay = page.equals(nextPage) ? await(nextPlanes, "a caption page") : planes(page);
            Page upcoming = following(index, word);
            nextPage = upcoming;
            nextPlanes = upcoming == null ? null : maker.submit(() -> planes(upcoming));
        }
        return shownOverlay;
    }

    /** The page shown after cue {@code index} with {@code word}: its next word in the words style, else the next cue. */
    private Page following(int index, int word) {
        List<Timeline.Cue> cues = timeline.cues();
        if (word >= 0 && word + 1 < cues.get(index).wordStarts().size()) {
            return new Page(cues.get(index), word + 1);
        }
        if (index + 1 >= cues.size()) {
            return null;
        }
        return new Page(cues.get(index + 1), word >= 0 ? 0 : -1);
    }

    private CaptionPlanes planes(Page page) {
        return CaptionPlanes.of(CaptionOverlay.draw(page.cue(), layout, size, page.word()), size);
    }

    @Override
    public void close() {
        maker.shutdown();
        for (int i = 0; i < open.length; i++) {
            closeClip(i);
            if (ahead[i] != null) {
                // Made ahead but never shown (the render stopped early): closed once it is made.
                try {
                    await(ahead[i], "a scene's clip").close();
                } catch (IOException | ProviderException | RuntimeException e) {
                    // Its failure is not this render's: nothing of it is open.
                }
                ahead[i] = null;
            }
        }
        try {
            prepared.close();
        } catch (Exception e) {
            // Only temporary clip files remain; they are deleted on exit.
        }
    }
}
