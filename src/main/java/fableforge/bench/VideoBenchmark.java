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

    public record Settings(int scenes, double sceneSeconds, RenderQuality quality, AspectRatio aspect) {
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

    public List<Result> run(PrintWriter out) throws IOException, ProviderException {
        List<SceneStill> stills = stills();
        Pacing fixed = new Pacing(settings.sceneSeconds(), 1_000, 0.3, 0.5, Math.min(0.5, settings.sceneSeconds() / 2));
        VideoAssembler assembler = new VideoAssembler(new LocalMotionClips(new MotionPlan()), Narrator.NONE, fixed,
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)), Sleeper.REAL);
        VideoJob job = new VideoJob("bench", settings.aspect(), stills, settings.quality(), Optional.empty());
        Path dir = Files.createTempDirectory("fableforge-bench-video-");
        try {
            // The same render twice: first in a fresh JVM (as the command line's one video), then with our code
            // compiled, as a server renders every video after its first.
            long firstCpuBefore = EncodeBaseline.processCpuNanos();
            VideoResult first = assembler.render(job, stills.stream().map(s -> Optional.<float[]>empty()).toList(),
                    dir.resolve("first.mp4"), VideoProgressListener.NONE);
            Duration firstCpu = Duration.ofNanos(EncodeBaseline.processCpuNanos() - firstCpuBefore);
            Files.deleteIfExists(dir.resolve("first.mp4"));
            long cpuBefore = EncodeBaseline.processCpuNanos();
            VideoResult render = assembler.render(job, stills.stream().map(s -> Optional.<float[]>empty()).toList(),
                    dir.resolve("render.mp4"), VideoProgressListener.NONE);
            Duration renderCpu = Duration.ofNanos(EncodeBaseline.processCpuNanos() - cpuBefore);
            int frames = render.timeline().totalFrames();
            out.printf("%d scenes × %.1f s at %s, %d fps, x264 %s CRF %d: %d frames (%.1f s of video)%n", settings.scenes(),
                    settings.sceneSeconds(), render.size(), VideoAssembler.FPS, settings.quality().preset(), settings.quality().crf(),
                    frames, render.seconds());
            out.flush();
            Path raw = dir.resolve("composed.yuv");
            int composed = assembler.composeRaw(job, stills.stream().map(s -> Optional.<float[]>empty()).toList(), raw);
            EncodeBaseline.Result bare;
            try {
                bare = EncodeBaseline.encode(raw, render.size(), composed, settings.quality(), dir.resolve("bare.mp4"));
            } finally {
                Files.deleteIfExists(raw);
            }
            EncodeBaseline.Result decoded = EncodeBaseline.reencode(dir.resolve("render.mp4"), settings.quality(), dir);
            List<Result> results = List.of(new Result("whole local render", frames, render.renderTime(), renderCpu),
                    new Result("first render in JVM", frames, first.renderTime(), firstCpu),
                    new Result("bare FFmpeg re-encode", bare.frames(), bare.wall(), bare.cpu()),
                    new Result("bare, decoded frames", decoded.frames(), decoded.wall(), decoded.cpu()));
            out.printf("bare encode: the render's own %d frames composed again into %.0f MB of raw YUV 4:2:0 first, untimed;"
                    + " beside it, for comparison, the %d frames decoded from the rendered file (smoothed by its lossy encode)%n",
                    bare.frames(), bare.rawBytes() / 1e6, decoded.frames());
            out.printf("%-22s %8s %10s %8s %10s %12s%n", "step", "frames", "wall", "fps", "cpu", "cpu ms/frame");
            for (Result result : results) {
                out.printf("%-22s %8d %8.1f s %8.1f %8.1f s %12.1f%n", result.step(), result.frames(), result.wall().toNanos() / 1e9,
                        result.fps(), result.cpu().toNanos() / 1e9, result.cpu().toNanos() / 1e6 / result.frames());
            }
            out.printf("whole render / bare encode (fps): %.2f (the JVM's first render: %.2f; against the decoded frames: %.2f)%n",
                    results.get(0).fps() / results.get(2).fps(), results.get(1).fps() / results.get(2).fps(),
                    results.get(0).fps() / results.get(3).fps());
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
