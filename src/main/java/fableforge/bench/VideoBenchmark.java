package fableforge.bench;

import fableforge.story.AspectRatio;
import fableforge.image.GeneratedImage;
import fableforge.image.ImageBrief;
import fableforge.image.ImageRequest;
import fableforge.image.offline.StoryboardIllustrator;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.provider.ProviderException;
import fableforge.story.Beat;
import fableforge.story.Hero;
import fableforge.story.Scene;
import fableforge.video.EncodeBaseline;
import fableforge.video.LocalMotionClips;
import fableforge.video.MotionPlan;
import fableforge.video.Narrator;
import fableforge.video.Pacing;
import fableforge.video.RenderQuality;
import fableforge.video.SceneStill;
import fableforge.video.VideoAssembler;
import fableforge.video.VideoJob;
import fableforge.video.VideoProgressListener;
import fableforge.video.VideoResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bench video}: frames per second of the whole local render (camera motion, dissolves,
 * captions and the H.264 encode) against bare FFmpeg re-encoding the very frames the render produced
 * at the same settings, side by side with their ratio and the CPU time of each. Stills come from the offline illustrator and
 * are drawn before the clock starts; every scene lasts the same fixed time.
 */
public final class VideoBenchmark {

    private static final String CAPTION = "Ember raced to the mossy summit of Lantern Hill and set the power of fire free.";

    /** @param rounds how many times the warm render and the bare encode are timed, one after the other */
    public record Settings(int scenes, double sceneSeconds, RenderQuality quality, AspectRatio aspect, int rounds) {

        public Settings(int scenes, double sceneSeconds, RenderQuality quality, AspectRatio aspect) {
            this(scenes, sceneSeconds, quality, aspect, 1);
        }
    }

    /** @param cpu the process's CPU time over the step, every thread (the machine may be shared: wall alone misleads) */
    public record Result(String step, int frames, Duration wall, Duration cpu) {
        public double fps() {
            return frames / (wall.toNanos() / 1e9);
        }
    }

    private final Settings settings;

    public VideoBenchmark(Settings settings) {
        this.settings = settings;
    }

    /**
     * The JVM's first render, then {@code rounds} rounds of the warm render and the bare encode back to back,
     * then the decoded frames' encode. Returns the first render, the median round's render and bare encode
     * (by the ratio of the two) and the decoded frames' encode. A round pairs the two steps minutes apart at
     * most, so a shared machine's drift (its speed changes by a fifth over minutes here) moves both alike.
     */
    public List<Result> run(PrintWriter out) throws IOException, ProviderException {
        List<SceneStill> stills = stills();
        Pacing fixed = new Pacing(settings.sceneSeconds(), 1_000, 0.3, 0.5, Math.min(0.5, settings.sceneSeconds() / 2));
        VideoAssembler assembler = new VideoAssembler(new LocalMotionClips(new MotionPlan()), Narrator.NONE, fixed,
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)), Sleeper.REAL);
        VideoJob job = new VideoJob("bench", settings.aspect(), stills, settings.quality(), Optional.empty());
        List<Optional<float[]>> silent = stills.stream().map(s -> Optional.<float[]>empty()).toList();
        Path dir = Files.createTempDirectory("fableforge-bench-video-");
        try {
            // First in a fresh JVM (as the command line's one video); the rounds after it with our code compiled,
            // as a server renders every video after its first.
            Result first = render(assembler, job, silent, dir.resolve("first.mp4"), "first render in JVM");
            Files.deleteIfExists(dir.resolve("first.mp4"));
            int frames = first.frames();
            out.printf("%d scenes × %.1f s at %s, %d fps, x264 %s CRF %d: %d frames (%.1f s of video)%n", settings.scenes(),
                    settings.sceneSeconds(), settings.quality().frameSize(settings.aspect()), VideoAssembler.FPS,
                    settings.quality().preset(), settings.quality().crf(), frames, frames / (double) VideoAssembler.FPS);
            out.flush();
            Path raw = dir.resolve("composed.yuv");
            int composed = assembler.composeRaw(job, silent, raw);
            List<Round> rounds = new ArrayList<>();
            EncodeBaseline.Result lastBare;
            try {
                do {
                    Files.deleteIfExists(dir.resolve("render.mp4"));
                    Result render = render(assembler, job, silent, dir.resolve("render.mp4"), "whole local render");
                    lastBare = EncodeBaseline.encode(raw, settings.quality().frameSize(settings.aspect()), composed, settings.quality(),
                            dir.resolve("bare.mp4"));
                    Files.deleteIfExists(dir.resolve("bare.mp4"));
                    rounds.add(new Round(render, new Result("bare FFmpeg re-encode", lastBare.frames(), lastBare.wall(), lastBare.cpu())));
                } while (rounds.size() < settings.rounds());
            } finally {
                Files.deleteIfExists(raw);
            }
            EncodeBaseline.Result decoded = EncodeBaseline.reencode(dir.resolve("render.mp4"), settings.quality(), dir);
            Round median = rounds.stream().sorted(java.util.Comparator.comparingDouble(Round::ratio)).toList().get((rounds.size() - 1) / 2);
            List<Result> results = List.of(median.render(), first, median.bare(),
                    new Result("bare, decoded frames", decoded.frames(), decoded.wall(), decoded.cpu()));
            out.printf("bare encode: the render's own %d frames composed again into %.0f MB of raw YUV 4:2:0 first, untimed;"
                    + " beside it, for comparison, the %d frames decoded from the rendered file (smoothed by its lossy encode)%n",
                    lastBare.frames(), lastBare.rawBytes() / 1e6, decoded.frames());
            out.printf("%-22s %8s %10s %8s %10s %12s%n", "step", "frames", "wall", "fps", "cpu", "cpu ms/frame");
            print(out, first);
            for (int i = 0; i < rounds.size(); i++) {
                print(out, rounds.get(i).render(), "round " + (i + 1) + ": render");
                print(out, rounds.get(i).bare(), "round " + (i + 1) + ": bare");
            }
            print(out, results.get(3));
            out.printf("rounds, render / bare encode (fps): %s%n",
                    String.join(", ", rounds.stream().map(round -> String.format("%.2f", round.ratio())).toList()));
            out.printf("whole render / bare encode (fps): %.2f, the median of %d round%s (the JVM's first render: %.2f;"
                    + " against the decoded frames: %.2f)%n", median.ratio(), rounds.size(), rounds.size() == 1 ? "" : "s",
                    first.fps() / median.bare().fps(), median.render().fps() / results.get(3).fps());
            out.flush();
            return results;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** A warm render and the bare encode of its frames, timed one right after the other. */
    private record Round(Result render, Result bare) {
        double ratio() {
            return render.fps() / bare.fps();
        }
    }

    private Result render(VideoAssembler assembler, VideoJob job, List<Optional<float[]>> silent, Path output, String step)
            throws IOException, ProviderException {
        long cpuBefore = EncodeBaseline.processCpuNanos();
        VideoResult result = assembler.render(job, silent, output, VideoProgressListener.NONE);
        return new Result(step, result.timeline().totalFrames(), result.renderTime(),
                Duration.ofNanos(EncodeBaseline.processCpuNanos() - cpuBefore));
    }

    private static void print(PrintWriter out, Result result) {
        print(out, result, result.step());
    }

    private static void print(PrintWriter out, Result result, String label) {
        out.printf("%-22s %8d %8.1f s %8.1f %8.1f s %12.1f%n", label, result.frames(), result.wall().toNanos() / 1e9,
                result.fps(), result.cpu().toNanos() / 1e9, result.cpu().toNanos() / 1e6 / result.frames());
    }

    private List<SceneStill> stills() throws ProviderException {
        Hero hero = new Hero("Ember", "fox", new Hero.Colour("russet orange", 0xC8551E), new Hero.Colour("cream", 0xF3E6D0),
                new Hero.Colour("amber", 0xFFB000), "a white star", "a glowing amulet", "the power of fire",
                new Hero.Colour("ember orange", 0xFF6A00));
        StoryboardIllustrator illustrator = new StoryboardIllustrator();
        List<SceneStill> stills = new ArrayList<>();
        for (int i = 0; i < settings.scenes(); i++) {
            int number = i % Beat.TOTAL_SCENES + 1;
            ImageBrief brief = new ImageBrief(number, Beat.ofScene(number), hero, "enchanted forest", "storybook", CAPTION,
                    settings.aspect(), 7);
            GeneratedImage image = illustrator.generate(new ImageRequest("bench", 1, "bench", brief));
            stills.add(new SceneStill(Scene.of(number, CAPTION), image.bytes(),
                    illustrator.pictureArea(image.width(), image.height()), image.subject()));
        }
        return stills;
    }
}
