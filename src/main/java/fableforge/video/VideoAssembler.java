package fableforge.video;

import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.provider.ProviderException;
import fableforge.provider.call.CallMeter;
import fableforge.provider.call.CallPipeline;
import fableforge.provider.call.RetryRule;
import fableforge.story.NarrationLine;
import fableforge.story.Scene;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Joins the scenes into one MP4: narrates each scene's narration line, shares the chosen length among the
 * scenes (or, without one, fits each scene to its narration or its caption's reading time), has the clip generator make each scene's clip, dissolves one into the next,
 * burns the caption in and mixes the sound. Frames are composed and encoded one at a time, so memory
 * stays flat however long the video is.
 */
public final class VideoAssembler {

    public static final int FPS = 30;
    private static final int SAMPLES_PER_FRAME = Audio.SAMPLE_RATE / FPS;

    private final VideoClipGenerator clips;
    private final Narrator narrator;
    private final Pacing pacing;
    private final RetryPolicy narrationRetries;
    private final Sleeper sleeper;
    private final CallMeter speech;

    public VideoAssembler(VideoClipGenerator clips, Narrator narrator, Pacing pacing, RetryPolicy narrationRetries, Sleeper sleeper) {
        this(clips, narrator, pacing, narrationRetries, sleeper, CallMeter.NONE);
    }

    private VideoAssembler(VideoClipGenerator clips, Narrator narrator, Pacing pacing, RetryPolicy narrationRetries, Sleeper sleeper,
                           CallMeter speech) {
        this.clips = clips;
        this.narrator = narrator;
        this.pacing = pacing;
        this.narrationRetries = narrationRetries;
        this.sleeper = sleeper;
        this.speech = speech;
    }

    public VideoAssembler(VideoClipGenerator clips, Narrator narrator) {
        this(clips, narrator, Pacing.STANDARD, new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(60)),
                Sleeper.REAL);
    }

    /** This assembler with each try of its narrator counted by {@code speech} (for {@code GET /metrics}). */
    public VideoAssembler metered(CallMeter speech) {
        return new VideoAssembler(clips, narrator, pacing, narrationRetries, sleeper, speech);
    }

    public String clipsName() {
        return clips.name();
    }

    public String narratorName() {
        return narrator.name();
    }

    /** Narrates, then renders {@code job} into {@code output}. */
    public VideoResult assemble(VideoJob job, Path output, VideoProgressListener progress)
            throws IOException, ProviderException, InterruptedException {
        return render(job, narrate(job, progress), output, progress);
    }

    /** Each scene read aloud, in order; empty entries for a silent narrator. */
    public List<Optional<float[]>> narrate(VideoJob job, VideoProgressListener progress)
            throws IOException, ProviderException, InterruptedException {
        List<Optional<float[]>> narrations = new ArrayList<>();
        for (Scene scene : spoken(job)) {
            if (narrator != Narrator.NONE) {
                progress.stage(VideoProgressListener.Stage.NARRATING, scene.number(), job.scenes().size());
            }
            narrations.add(narrateWithRetries(job.storyId(), scene));
        }
        return narrations;
    }

    /**
     * The scenes as they are spoken and captioned: with a chosen length, each narration line shortened (at
     * a sentence, phrase or word boundary) to what its share of the length holds at the speaking pace.
     */
    public static List<Scene> spoken(VideoJob job) {
        List<Scene> scenes = job.scenes().stream().map(SceneStill::scene).toList();
        if (job.lengthSeconds().isEmpty()) {
            return scenes;
        }
        double[] shares = Pacing.shares(scenes.stream().map(Scene::number).toList(), job.lengthSeconds().getAsInt());
        List<Scene> fitted = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            Scene scene = scenes.get(i);
            fitted.add(scene.withNarration(NarrationLine.fit(scene.narration(), NarrationLine.wordBudget(shares[i]))));
        }
        return fitted;
    }

    /** One scene's narration through the provider call pipeline: the narration retry policy, its jitter seeded by the scene. */
    private Optional<float[]> narrateWithRetries(String storyId, Scene scene) throws IOException, ProviderException, InterruptedException {
        CallPipeline<Optional<float[]>> narrating = CallPipeline.<Optional<float[]>>builder()
                .retry(RetryRule.of(narrationRetries, new Random(scene.number())), sleeper)
                .metered(speech)
                .build();
        try {
            return narrating.call(current -> {
                try {
                    return narrator.narrate(storyId, scene);
                } catch (IOException e) {
                    throw new NotRetried(e);
                }
            });
        } catch (NotRetried e) {
            throw e.failure;
        }
    }

    /** The narrator failing here rather than at the provider (its process, its files): not tried again, as before. */
    private static final class NotRetried extends RuntimeException {
        private final IOException failure;

        NotRetried(IOException failure) {
            super(failure);
            this.failure = failure;
        }
    }

    /** Renders {@code job} with the given narrations (one per scene) into {@code output}. */
    public VideoResult render(VideoJob job, List<Optional<float[]>> narrations, Path output, VideoProgressListener progress)
            throws IOException, ProviderException {
        long started = System.nanoTime();
        FrameSize size = job.quality().frameSize(job.aspect());
        CaptionLayout layout = new CaptionLayout(FrameSize.of(job.aspect()));
        Timeline timeline = timeline(job, narrations, layout);
        Optional<float[]> sound = soundtrack(job, narrations, timeline);
        VideoEncoder.Settings settings = new VideoEncoder.Settings(size, FPS, job.quality().preset(), job.quality().crf(), sound.isPresent());
        try (VideoEncoder encoder = VideoEncoder.open(output, settings)) {
            compose(job, timeline, layout, size, progress, (f, frame) -> encode(encoder, sound, f, frame));
            progress.stage(VideoProgressListener.Stage.FINISHING, 0, job.scenes().size());
        }
        return new VideoResult(output, timeline, size, sound.isPresent(), List.copyOf(narrations),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Composes {@code job}'s frames exactly as {@link #render} does, without sound, and writes them raw (YUV 4:2:0,
     * the encoder's input) into {@code rawYuv} instead of encoding them: what {@code bench video} hands bare FFmpeg,
     * so its baseline encodes the very frames the render encoded. Returns how many frames it wrote.
     */
    public int composeRaw(VideoJob job, List<Optional<float[]>> narrations, Path rawYuv) throws IOException, ProviderException {
        FrameSize size = job.quality().frameSize(job.aspect());
        CaptionLayout layout = new CaptionLayout(FrameSize.of(job.aspect()));
        Timeline timeline = timeline(job, narrations, layout);
        try (FileChannel out = FileChannel.open(rawYuv, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            compose(job, timeline, layout, size, VideoProgressListener.NONE, (f, frame) -> frame.writeTo(out));
        }
        return timeline.totalFrames();
    }

    /** Composes every frame of {@code timeline} in order and hands each to {@code sink}, composing the next meanwhile. */
    private void compose(VideoJob job, Timeline timeline, CaptionLayout layout, FrameSize size, VideoProgressListener progress,
                         EncodingPipeline.Sink sink) throws IOException, ProviderException {
        try (FrameComposer composer = new FrameComposer(clipsFor(job), job, timeline, layout, size, progress);
             EncodingPipeline pipeline = new EncodingPipeline(size, sink)) {
            int total = timeline.totalFrames();
            for (int f = 0; f < total; f++) {
                YuvFrame frame = pipeline.next();
                composer.compose(f, frame);
                pipeline.submit(f, frame);
                progress.frames(f + 1, total);
            }
            pipeline.finish();
        }
    }

    /**
     * The clip generator as {@code job} needs it: with no captions drawn, asked for uncaptioned clips, so the
     * camera frames the hero for the whole picture rather than around a band that is not there.
     */
    private VideoClipGenerator clipsFor(VideoJob job) {
        if (job.captions() != CaptionStyle.NONE) {
            return clips;
        }
        return new VideoClipGenerator() {
            @Override
            public String name() {
                return clips.name();
            }

            @Override
            public SceneClip clip(ClipRequest request) throws ProviderException, IOException {
                return clips.clip(request.uncaptioned());
            }

            @Override
            public AutoCloseable prepare(List<ClipRequest> requests) {
                return clips.prepare(requests.stream().map(ClipRequest::uncaptioned).toList());
            }
        };
    }

    /** On the pipeline's thread: frame {@code f}, then the sound that goes with it. */
    private static void encode(VideoEncoder encoder, Optional<float[]> sound, int f, YuvFrame frame) throws IOException {
        encoder.frame(frame);
        if (sound.isPresent()) {
            // The sound keeps level with the pictures, one frame's worth at a time, so the file interleaves well.
            encoder.samples(sound.get(), Math.min(sound.get().length, f * SAMPLES_PER_FRAME),
                    Math.min(sound.get().length, (f + 1) * SAMPLES_PER_FRAME));
        }
    }

    Timeline timeline(VideoJob job, List<Optional<float[]>> narrations, CaptionLayout layout) throws IOException {
        if (narrations.size() != job.scenes().size()) {
            throw new IllegalArgumentException(job.scenes().size() + " scenes but " + narrations.size() + " narrations");
        }
        List<Scene> scenes = spoken(job);
        List<OptionalDouble> voices = narrations.stream()
                .map(voice -> voice.map(samples -> OptionalDouble.of(Audio.seconds(samples))).orElse(OptionalDouble.empty())).toList();
        double[] seconds = job.lengthSeconds().isPresent()
                ? pacing.sceneSeconds(scenes.stream().map(Scene::number).toList(), voices, job.lengthSeconds().getAsInt())
                : java.util.stream.IntStream.range(0, scenes.size())
                        .mapToDouble(i -> pacing.sceneSeconds(scenes.get(i).narration(), voices.get(i))).toArray();
        List<Timeline.SceneTiming> timings = new ArrayList<>();
        FrameSize size = job.quality().frameSize(job.aspect());
        for (int i = 0; i < scenes.size(); i++) {
            Scene scene = scenes.get(i);
            CaptionPlacement placement = job.captions() == CaptionStyle.NONE ? CaptionPlacement.BOTTOM
                    : CaptionPlacement.of(job.scenes().get(i), size);
            timings.add(new Timeline.SceneTiming(scene.number(), seconds[i], layout.pages(scene.narration()), voices.get(i).isPresent(),
                    voices.get(i).orElse(0), placement));
        }
        return Timeline.build(timings, FPS, pacing.crossfadeFrames(FPS), (int) Math.round(pacing.narrationLeadSeconds() * FPS));
    }

    private static Optional<float[]> soundtrack(VideoJob job, List<Optional<float[]>> narrations, Timeline timeline) throws IOException {
        List<Soundtrack.Placed> voices = new ArrayList<>();
        for (int i = 0; i < narrations.size(); i++) {
            Timeline.Slot slot = timeline.slots().get(i);
            if (narrations.get(i).isPresent() && slot.narrationStart().isPresent()) {
                voices.add(new Soundtrack.Placed(slot.narrationStart().getAsInt() * SAMPLES_PER_FRAME, narrations.get(i).get()));
            }
        }
        Optional<float[]> music = job.music().isPresent() ? Optional.of(Audio.decode(job.music().get())) : Optional.empty();
        if (voices.isEmpty() && music.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Soundtrack.mix(timeline.totalFrames() * SAMPLES_PER_FRAME, voices, music));
    }
}
