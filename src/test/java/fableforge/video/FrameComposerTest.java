package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.story.AspectRatio;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The composer makes the next clip and the next caption page ahead, on a thread of its own. */
class FrameComposerTest {

    private static final Pacing PACING = new Pacing(1.2, 1_000, 0.3, 0.5, 0.3);

    @Test
    void everyFrameShowsTheClipAndTheCaptionPageOfItsMomentThoughPagesAreMadeAhead() throws Exception {
        VideoJob words = job(CaptionStyle.WORDS);
        VideoJob bare = job(CaptionStyle.NONE);
        Timeline timeline = timeline(words);
        FrameSize size = words.quality().frameSize(words.aspect());
        CaptionLayout layout = new CaptionLayout(FrameSize.of(words.aspect()));
        int pagesSeen = 0;
        try (FrameComposer captioned = composer(new LocalMotionClips(new MotionPlan()), words, timeline);
             FrameComposer plain = composer(new LocalMotionClips(new MotionPlan()), bare, timeline)) {
            YuvFrame frame = new YuvFrame(size);
            YuvFrame expected = new YuvFrame(size);
            for (int f = 0; f < timeline.totalFrames(); f++) {
                captioned.compose(f, frame);
                plain.compose(f, expected);
                Optional<Timeline.Cue> cue = cueAt(timeline, f);
                if (cue.isPresent()) {
                    pagesSeen++;
                    CaptionPlanes.of(CaptionOverlay.draw(cue.get(), layout, size, cue.get().wordAt(f)), size).drawOnto(expected);
                }
                assertThat(frame.data()).as("frame %d", f).isEqualTo(expected.data());
            }
        }
        assertThat(pagesSeen).isGreaterThan(timeline.totalFrames() / 2);
    }

    @Test
    void aClipThatFailsWhileMadeAheadFailsTheRenderWithItsOwnError() throws Exception {
        VideoJob job = job(CaptionStyle.PHRASE);
        Timeline timeline = timeline(job);
        LocalMotionClips local = new LocalMotionClips(new MotionPlan());
        VideoClipGenerator failing = clips(request -> {
            if (request.scene().number() == 2) {
                throw new IOException("scene 2: the image is not a PNG or JPEG file");
            }
            return local.clip(request);
        });
        try (FrameComposer composer = composer(failing, job, timeline)) {
            YuvFrame frame = new YuvFrame(job.quality().frameSize(job.aspect()));
            assertThatThrownBy(() -> {
                for (int f = 0; f < timeline.totalFrames(); f++) {
                    composer.compose(f, frame);
                }
            }).isInstanceOf(IOException.class).hasMessage("scene 2: the image is not a PNG or JPEG file");
        }
    }

    @Test
    void aClipMadeAheadIsClosedWhenTheRenderStopsBeforeShowingIt() throws Exception {
        VideoJob job = job(CaptionStyle.PHRASE);
        Timeline timeline = timeline(job);
        AtomicInteger made = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        LocalMotionClips local = new LocalMotionClips(new MotionPlan());
        VideoClipGenerator counting = clips(request -> {
            SceneClip clip = local.clip(request);
            made.incrementAndGet();
            return new SceneClip() {
                @Override
                public int frameCount() {
                    return clip.frameCount();
                }

                @Override
                public void render(int index, VideoFrame target) {
                    clip.render(index, target);
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        });
        try (FrameComposer composer = composer(counting, job, timeline)) {
            composer.compose(0, new YuvFrame(job.quality().frameSize(job.aspect())));
        }
        assertThat(made.get()).as("the first scene's clip and the second's, made ahead").isEqualTo(2);
        assertThat(closed.get()).isEqualTo(made.get());
    }

    private interface ClipMaker {
        SceneClip clip(ClipRequest request) throws IOException;
    }

    private static VideoClipGenerator clips(ClipMaker maker) {
        return new VideoClipGenerator() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public SceneClip clip(ClipRequest request) throws IOException {
                return maker.clip(request);
            }
        };
    }

    private static Optional<Timeline.Cue> cueAt(Timeline timeline, int f) {
        return timeline.cues().stream().filter(cue -> f >= cue.startFrame() && f < cue.endFrame()).findFirst();
    }

    private static VideoJob job(CaptionStyle captions) {
        return new VideoJob("composer", AspectRatio.PORTRAIT, TestStills.scenes(1, 2, 3), RenderQuality.DRAFT, Optional.empty(),
                OptionalInt.empty(), captions);
    }

    private static Timeline timeline(VideoJob job) throws IOException {
        VideoAssembler assembler = new VideoAssembler(new LocalMotionClips(new MotionPlan()), Narrator.NONE, PACING,
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)), Sleeper.REAL);
        return assembler.timeline(job, job.scenes().stream().map(s -> Optional.<float[]>empty()).toList(),
                new CaptionLayout(FrameSize.of(job.aspect())));
    }

    private static FrameComposer composer(VideoClipGenerator clips, VideoJob job, Timeline timeline) {
        return new FrameComposer(clips, job, timeline, new CaptionLayout(FrameSize.of(job.aspect())),
                job.quality().frameSize(job.aspect()), VideoProgressListener.NONE);
    }
}
