package fableforge.video;

import fableforge.image.GeneratedImage;
import fableforge.image.ImageBrief;
import fableforge.image.ImageRequest;
import fableforge.image.offline.StoryboardIllustrator;
import fableforge.story.AspectRatio;
import fableforge.story.Beat;
import fableforge.story.Hero;
import fableforge.story.Scene;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Micro-benchmark of composition alone (no encoder): the CPU time per 1080×1920 frame of the camera
 * move's scaling, and of the whole {@link FrameComposer} (clips prepared, dissolves, captions) over the
 * same job {@code bench video} renders. A {@code main}, not a test: run by hand, e.g.
 * {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$(cat cp.txt) fableforge.video.ComposeBenchmark [scenes]}
 * (without the module the camera filter runs scalar, as in a JVM started without it).
 * CPU time (every thread of the process), since the machine is shared.
 */
public final class ComposeBenchmark {

    private static final String CAPTION = "Ember raced to the mossy summit of Lantern Hill and set the power of fire free.";

    public static void main(String[] args) throws Exception {
        int scenes = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        List<SceneStill> stills = stills(scenes);
        FrameSize size = FrameSize.of(AspectRatio.PORTRAIT);
        scaling(stills.get(0), size);
        preparation(stills, size);
        for (int round = 0; round < 2; round++) {
            composer(stills, size);
        }
    }

    /** One clip's frames drawn again and again: the per-frame cost of the scaling alone. */
    private static void scaling(SceneStill still, FrameSize size) throws Exception {
        ClipRequest request = new ClipRequest("bench", still.scene(), still.image(), still.picture(), 90, size, 30, still.subject());
        YuvClip clip = (YuvClip) new LocalMotionClips(new MotionPlan()).clip(request);
        YuvFrame frame = new YuvFrame(size);
        for (int round = 0; round < 3; round++) {
            long cpu = cpu();
            long thread = threadCpu();
            int frames = 0;
            for (int repeat = 0; repeat < 4; repeat++) {
                for (int f = 0; f < clip.frameCount(); f++, frames++) {
                    clip.render(f, frame);
                }
            }
            System.out.printf("scaling round %d: %.2f ms cpu/frame (process), %.2f ms on the calling thread%n", round,
                    (cpu() - cpu) / 1e6 / frames, (threadCpu() - thread) / 1e6 / frames);
        }
    }

    /** Making each scene's clip (decoding the still, its planes, the plan): paid once per scene. */
    private static void preparation(List<SceneStill> stills, FrameSize size) throws Exception {
        for (int round = 0; round < 2; round++) {
            long cpu = cpu();
            for (SceneStill still : stills) {
                new LocalMotionClips(new MotionPlan()).clip(new ClipRequest("bench", still.scene(), still.image(), still.picture(), 90,
                        size, 30, still.subject())).close();
            }
            System.out.printf("clip preparation round %d: %.1f ms cpu/scene%n", round, (cpu() - cpu) / 1e6 / stills.size());
        }
        CaptionLayout layout = new CaptionLayout(size);
        List<String> lines = layout.pages(CAPTION).get(0);
        YuvFrame frame = new YuvFrame(size);
        for (int round = 0; round < 2; round++) {
            long cpu = cpu();
            CaptionPlanes planes = null;
            for (int i = 0; i < 20; i++) {
                planes = CaptionPlanes.of(CaptionOverlay.draw(lines, layout, size, i % 6), size);
            }
            long drawn = cpu();
            for (int i = 0; i < 200; i++) {
                planes.drawOnto(frame);
            }
            System.out.printf("caption round %d: %.1f ms cpu to make a page's planes, %.2f ms to lay it over a frame%n", round,
                    (drawn - cpu) / 1e6 / 20, (cpu() - drawn) / 1e6 / 200);
        }
        YuvFrame other = new YuvFrame(size);
        for (int round = 0; round < 2; round++) {
            long cpu = cpu();
            for (int i = 0; i < 100; i++) {
                frame.blend(other, i / 100.0);
            }
            System.out.printf("dissolve round %d: %.2f ms cpu to mix two frames%n", round, (cpu() - cpu) / 1e6 / 100);
        }
    }

    /** The whole job, composed frame by frame into one buffer, as the render does before the encoder. */
    private static void composer(List<SceneStill> stills, FrameSize size) throws Exception {
        Pacing fixed = new Pacing(3, 1_000, 0.3, 0.5, 0.5);
        VideoJob job = new VideoJob("bench", AspectRatio.PORTRAIT, stills, RenderQuality.FINAL, Optional.empty());
        VideoAssembler assembler = new VideoAssembler(new LocalMotionClips(new MotionPlan()), Narrator.NONE, fixed,
                new fableforge.job.RetryPolicy(1, java.time.Duration.ZERO, java.time.Duration.ZERO, java.time.Duration.ofMinutes(1)),
                fableforge.job.Sleeper.REAL);
        CaptionLayout layout = new CaptionLayout(FrameSize.of(job.aspect()));
        Timeline timeline = assembler.timeline(job, stills.stream().map(s -> Optional.<float[]>empty()).toList(), layout);
        long cpu = cpu();
        long wall = System.nanoTime();
        int total = timeline.totalFrames();
        try (FrameComposer composer = new FrameComposer(new LocalMotionClips(new MotionPlan()), job, timeline, layout, size,
                VideoProgressListener.NONE)) {
            YuvFrame frame = new YuvFrame(size);
            for (int f = 0; f < total; f++) {
                composer.compose(f, frame);
            }
        }
        System.out.printf("composer: %d frames, %.2f ms cpu/frame, %.2f ms wall/frame%n", total, (cpu() - cpu) / 1e6 / total,
                (System.nanoTime() - wall) / 1e6 / total);
    }

    private static long cpu() {
        return EncodeBaseline.processCpuNanos();
    }

    private static long threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.getCurrentThreadCpuTime();
    }

    private static List<SceneStill> stills(int scenes) throws Exception {
        Hero hero = new Hero("Ember", "fox", new Hero.Colour("russet orange", 0xC8551E), new Hero.Colour("cream", 0xF3E6D0),
                new Hero.Colour("amber", 0xFFB000), "a white star", "a glowing amulet", "the power of fire",
                new Hero.Colour("ember orange", 0xFF6A00));
        StoryboardIllustrator illustrator = new StoryboardIllustrator();
        List<SceneStill> stills = new ArrayList<>();
        for (int i = 0; i < scenes; i++) {
            int number = i % Beat.TOTAL_SCENES + 1;
            ImageBrief brief = new ImageBrief(number, Beat.ofScene(number), hero, "enchanted forest", "storybook", CAPTION,
                    AspectRatio.PORTRAIT, 7);
            GeneratedImage image = illustrator.generate(new ImageRequest("bench", 1, "bench", brief));
            stills.add(new SceneStill(Scene.of(number, CAPTION), image.bytes(),
                    illustrator.pictureArea(image.width(), image.height()), image.subject()));
        }
        return stills;
    }
}
