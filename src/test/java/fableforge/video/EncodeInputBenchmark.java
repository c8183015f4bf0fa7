package fableforge.video;

import fableforge.image.GeneratedImage;
import fableforge.image.ImageBrief;
import fableforge.image.ImageRequest;
import fableforge.image.offline.StoryboardIllustrator;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.story.AspectRatio;
import fableforge.story.Beat;
import fableforge.story.Hero;
import fableforge.story.Scene;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How much of {@code bench video}'s gap is x264's and not composition's: the composed frames are written
 * to raw YUV (untimed), encoded alone, and the result re-encoded as the benchmark's bare side does. Both
 * timed steps are FFmpeg only; the bare side encodes frames x264 has already smoothed once, which costs it
 * less. A {@code main}, run by hand like {@link ComposeBenchmark}:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) fableforge.video.EncodeInputBenchmark [scenes]}.
 */
public final class EncodeInputBenchmark {

    private static final String CAPTION = "Ember raced to the mossy summit of Lantern Hill and set the power of fire free.";

    public static void main(String[] args) throws Exception {
        int scenes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        FrameSize size = FrameSize.of(AspectRatio.PORTRAIT);
        List<SceneStill> stills = stills(scenes);
        VideoJob job = new VideoJob("bench", AspectRatio.PORTRAIT, stills, RenderQuality.FINAL, Optional.empty());
        VideoAssembler assembler = new VideoAssembler(new LocalMotionClips(new MotionPlan()), Narrator.NONE, new Pacing(3, 1_000, 0.3, 0.5, 0.5),
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)), Sleeper.REAL);
        CaptionLayout layout = new CaptionLayout(size);
        Timeline timeline = assembler.timeline(job, stills.stream().map(s -> Optional.<float[]>empty()).toList(), layout);
        int total = timeline.totalFrames();
        Path dir = Files.createTempDirectory("fableforge-encode-input-");
        Path raw = dir.resolve("composed.yuv");
        Path encoded = dir.resolve("composed.mp4");
        try {
            try (FrameComposer composer = new FrameComposer(new LocalMotionClips(new MotionPlan()), job, timeline, layout, size,
                    VideoProgressListener.NONE);
                 FileChannel out = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                YuvFrame frame = new YuvFrame(size);
                for (int f = 0; f < total; f++) {
                    composer.compose(f, frame);
                    ByteBuffer bytes = ByteBuffer.wrap(frame.data());
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                }
            }
            long cpu = EncodeBaseline.processCpuNanos();
            long wall = System.nanoTime();
            YuvFrame frame = new YuvFrame(size);
            try (FileChannel in = FileChannel.open(raw, StandardOpenOption.READ);
                 VideoEncoder encoder = VideoEncoder.open(encoded, new VideoEncoder.Settings(size, VideoAssembler.FPS,
                         RenderQuality.FINAL.preset(), RenderQuality.FINAL.crf(), false))) {
                ByteBuffer bytes = ByteBuffer.wrap(frame.data());
                for (int f = 0; f < total; f++) {
                    bytes.clear();
                    while (bytes.hasRemaining() && in.read(bytes) >= 0) {
                        // Reads the whole frame.
                    }
                    encoder.frame(frame);
                }
            }
            double composedCpu = (EncodeBaseline.processCpuNanos() - cpu) / 1e6 / total;
            double composedWall = (System.nanoTime() - wall) / 1e6 / total;
            Files.delete(raw);
            EncodeBaseline.Result bare = EncodeBaseline.reencode(encoded, RenderQuality.FINAL, dir);
            double bareWall = bare.wall().toNanos() / 1e6 / bare.frames();
            System.out.printf("%d frames. x264 on the composed frames: %.1f ms cpu, %.1f ms wall a frame; on those frames decoded"
                            + " from its file (bench video's bare side): %.1f ms cpu, %.1f ms wall; ceiling of the fps ratio with free"
                            + " composition: %.2f%n", total, composedCpu, composedWall, bare.cpu().toNanos() / 1e6 / bare.frames(), bareWall,
                    bareWall / composedWall);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static List<SceneStill> stills(int scenes) throws Exception {
        Hero hero = new Hero("Ember", "fox", new Hero.Colour("russet orange", 0xC8551E), new Hero.Colour("cream", 0xF3E6D0),
                new Hero.Colour("amber", 0xFFB000), "a white star", "a glowing amulet", "the power of fire",
                new Hero.Colour("ember orange", 0xFF6A00));
        StoryboardIllustrator illustrator = new StoryboardIllustrator();
        List<SceneStill> stills = new ArrayList<>();
        for (int i = 0; i < scenes; i++) {
            int number = i % Beat.TOTAL_SCENES + 1;
            GeneratedImage image = illustrator.generate(new ImageRequest("bench", 1, "bench", new ImageBrief(number, Beat.ofScene(number), hero,
                    "enchanted forest", "storybook", CAPTION, AspectRatio.PORTRAIT, 7)));
            stills.add(new SceneStill(Scene.of(number, CAPTION), image.bytes(), illustrator.pictureArea(image.width(), image.height()),
                    image.subject()));
        }
        return stills;
    }
}
