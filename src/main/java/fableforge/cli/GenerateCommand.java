package fableforge.cli;

import fableforge.App;
import fableforge.story.AspectRatio;
import fableforge.failure.UserFacingException;
import fableforge.image.ContactSheet;
import fableforge.image.ImageOutcome;
import fableforge.image.ParallelImageRunner;
import fableforge.media.LocalMediaStore;
import fableforge.pipeline.ImageTasks;
import fableforge.pipeline.StoryJson;
import fableforge.pipeline.StoryPlan;
import fableforge.provider.ProviderException;
import fableforge.quiz.FieldError;
import fableforge.quiz.InvalidQuizException;
import fableforge.quiz.ValidatedQuiz;
import fableforge.spend.SpendTally;
import fableforge.spend.StorySpend;
import fableforge.story.VideoLength;
import fableforge.video.CaptionStyle;
import fableforge.video.RenderQuality;
import fableforge.video.remote.ClipFallback;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fableforge generate}: quiz file → story.json, 20 images and a contact sheet, offline by default. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {
                "Writes a 20-scene story from a quiz answers file and illustrates every scene.",
                "Creates OUT/story.json, OUT/images/scene-01.png … scene-20.png and OUT/contact-sheet.png;",
                "with --video also OUT/video.mp4, OUT/video.srt and OUT/timeline.fcpxml (every image counts as approved)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:all 20 images (and the video, when asked for) made",
                "2:bad quiz, bad option or bad configuration (nothing written)",
                "3:the story, some images or the video could not be made (what was made is written)"})
public final class GenerateCommand implements Callable<Integer> {

    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_GENERATION_FAILED = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = "--quiz", required = true, paramLabel = "FILE", description = "Quiz answers as JSON, e.g. examples/red-fox.json")
    private Path quizFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the story into (created if missing)")
    private Path outDir;

    @Option(names = "--seed", paramLabel = "N", description = "Variation seed: the same seed and quiz give the same story. Random when absent.")
    private Long seed;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    private boolean noProgress;

    @Option(names = "--video", description = "Also make the video from the images: video.mp4 (H.264 + AAC, 30 fps), video.srt, timeline.fcpxml.")
    private boolean video;

    @Option(names = "--draft", description = "Make a fast 480p draft (video-draft.mp4) instead of the full-size video, to check the timing. Implies --video.")
    private boolean draft;

    @Option(names = "--narration", paramLabel = "none|local|openai", defaultValue = "none",
            description = "Read each scene aloud: none (default), local (espeak-ng, when installed) or openai (text-to-speech, paid). Implies --video.")
    private String narration;

    @Option(names = "--music", paramLabel = "FILE", description = "A music file (MP3, WAV, …) to lay under the video, looped or cut to its length. Implies --video.")
    private Path music;

    @Option(names = "--length", paramLabel = "SECONDS",
            description = "The video's length in seconds, 15 to 600 (default by shape: 9:16 and 1:1 60 s, 16:9 120 s); the scenes share it by their beat. Implies --video.")
    private Integer length;

    @Option(names = "--captions", paramLabel = "phrase|words|none",
            description = "Captions burned into the video: phrase (up to two lines at a time), words (the spoken word highlighted) or none; default CAPTION_STYLE, else phrase. Implies --video.")
    private String captions;

    private final Supplier<App> appFactory;

    public GenerateCommand(Supplier<App> appFactory) {
        this.appFactory = appFactory;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        App app = appFactory.get();
        long started = System.nanoTime();

        ValidatedQuiz quiz;
        try {
            quiz = QuizFile.read(quizFile, app.quizValidator());
        } catch (InvalidQuizException e) {
            err.println("fableforge: " + quizFile + " has " + e.errors().size() + (e.errors().size() == 1 ? " problem:" : " problems:"));
            for (FieldError error : e.errors()) {
                err.println("  " + error.field() + ": " + error.message());
            }
            err.println("Nothing was written.");
            return EXIT_BAD_INPUT;
        }
        quiz.warnings().forEach(warning -> err.println("warning: " + warning));

        SpendTally spend = new SpendTally();
        App.Pipeline pipeline = app.pipeline(spend);
        Optional<VideoStep> videoStep;
        try {
            videoStep = videoStep(app, spend, pipeline, err);
        } catch (UserFacingException | IllegalArgumentException | IllegalStateException e) {
            // The narrator's choice still says "unavailable" with IllegalStateException (App.narrator).
            err.println("fableforge: " + e.getMessage() + ". Nothing was written.");
            return EXIT_BAD_INPUT;
        }

        long storySeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        StoryPlan plan;
        try {
            plan = pipeline.planner().plan(storyId(quiz, storySeed), quiz.answers(), storySeed);
        } catch (ProviderException e) {
            err.println("fableforge: the story could not be written: " + e.getMessage() + ". Nothing was written.");
            return EXIT_GENERATION_FAILED;
        }
        out.println("Story: " + plan.hero().name() + " the " + plan.hero().species() + " (seed " + storySeed + ")");
        out.flush();

        try (OutputDirectory output = OutputDirectory.prepare(outDir)) {
            List<ImageOutcome> outcomes = makeImages(app, spend, plan, output.staging(), err);
            writeContactSheet(plan, outcomes, output.staging());
            Optional<ObjectNode> madeVideo = Optional.empty();
            boolean videoFailed = false;
            if (videoStep.isPresent()) {
                madeVideo = makeVideo(videoStep.get(), plan, outcomes, output, err);
                videoFailed = madeVideo.isEmpty();
            }
            byte[] story = StoryJson.render(plan, outcomes, pipeline.storyWriter().name(), pipeline.imageGenerator().name(), spend.summary(),
                    java.time.Instant.now());
            Files.write(output.staging().resolve("story.json"), madeVideo.isPresent() ? StoryJson.withVideo(story, madeVideo.get()) : story);
            output.commit();
            reportCost(spend.summary(), out);
            madeVideo.ifPresent(video -> out.printf("Video: %s, %dx%d, %.1f s, rendered in %.1f s; subtitles video.srt, timeline timeline.fcpxml%n",
                    video.path("file").asText(), video.path("width").asInt(), video.path("height").asInt(),
                    video.path("duration_seconds").asDouble(), video.path("render_seconds").asDouble()));
            int exit = report(plan, outcomes, output.target(), started, out, err);
            return exit == 0 && videoFailed ? EXIT_GENERATION_FAILED : exit;
        }
    }

    /** The video step the options ask for, checked before anything is made; empty without --video. */
    private Optional<VideoStep> videoStep(App app, SpendTally spend, App.Pipeline pipeline, PrintWriter err) {
        if (!(video || draft || !narration.equals("none") || music != null || length != null || captions != null)) {
            return Optional.empty();
        }
        if (length != null && !VideoLength.allowed(length)) {
            throw new UserFacingException(UserFacingException.Kind.BAD_REQUEST, "--length " + length + ": " + VideoLength.rule("it"));
        }
        CaptionStyle style = captions == null ? app.config().captionStyle() : CaptionStyle.fromWire(captions.toLowerCase())
                .orElseThrow(() -> new UserFacingException(UserFacingException.Kind.BAD_REQUEST,
                        "--captions " + captions + ": must be one of " + String.join(", ", CaptionStyle.wireNames())));
        if (music != null && !Files.isReadable(music)) {
            throw new UserFacingException(UserFacingException.Kind.BAD_REQUEST, "--music " + music + ": no such readable file");
        }
        ClipFallback.Listener fallbacks = fallback -> {
            err.println("warning: " + fallback.message());
            err.flush();
        };
        return Optional.of(new VideoStep(app.videoAssembler(app.narrator(narration.toLowerCase(), spend), spend, fallbacks),
                draft ? RenderQuality.DRAFT : RenderQuality.FINAL, Optional.ofNullable(music), pipeline.imageGenerator()::pictureArea,
                Optional.ofNullable(length), style));
    }

    /** The video, or empty (with the reason on standard error) when it could not be made. */
    private Optional<ObjectNode> makeVideo(VideoStep step, StoryPlan plan, List<ImageOutcome> outcomes, OutputDirectory output,
                                           PrintWriter err) throws IOException, InterruptedException {
        if (outcomes.stream().anyMatch(ImageOutcome.Failed.class::isInstance)) {
            err.println("fableforge: no video: it needs all " + plan.scenes().size() + " images");
            return Optional.empty();
        }
        try (VideoProgressBar progress = new VideoProgressBar(!noProgress, ProgressBars.onStandardError())) {
            return Optional.of(step.run(plan, outcomes, output.staging(), output.target(), progress));
        } catch (ProviderException e) {
            err.println("fableforge: no video: the narration could not be made: " + e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            err.println("fableforge: no video: " + e.getMessage());
            return Optional.empty();
        }
    }

    private List<ImageOutcome> makeImages(App app, SpendTally spend, StoryPlan plan, Path staging, PrintWriter err)
            throws InterruptedException {
        LocalMediaStore media = new LocalMediaStore(staging, "");
        App.Pipeline drawing = app.pipeline(spend, app.commandLineReferences(media));
        ParallelImageRunner runner = new ParallelImageRunner(app.imageProducer(drawing, media));
        try (TerminalProgress progress = new TerminalProgress("Illustrating", plan.scenes().size(), !noProgress, ProgressBars.onStandardError(), err)) {
            return runner.runAll(ImageTasks.forPlan(plan, scene -> "images/scene-%02d.png".formatted(scene)), progress);
        }
    }

    private static void writeContactSheet(StoryPlan plan, List<ImageOutcome> outcomes, Path staging) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        for (ImageOutcome outcome : outcomes) {
            frames.add(outcome instanceof ImageOutcome.Produced produced
                    ? Files.readAllBytes(staging.resolve(produced.media().key()))
                    : null);
        }
        int columns = plan.context().aspectRatio() == AspectRatio.LANDSCAPE ? 4 : 5;
        Files.write(staging.resolve("contact-sheet.png"), ContactSheet.compose(frames, columns));
    }

    private static void reportCost(StorySpend spend, PrintWriter out) {
        if (spend.lines().isEmpty()) {
            return;
        }
        out.printf("Estimated cost: $%s%s%n", spend.totalUsd().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString(),
                spend.unpricedCalls() == 0 ? "" : " (+ " + spend.unpricedCalls() + " calls the price table does not know; see PRICE_TABLE_FILE)");
    }

    private static int report(StoryPlan plan, List<ImageOutcome> outcomes, Path target, long startedNanos,
                              PrintWriter out, PrintWriter err) {
        long failed = outcomes.stream().filter(ImageOutcome.Failed.class::isInstance).count();
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        out.printf("Wrote %s: story.json, %d images (%dx%d), contact-sheet.png in %.1f s%n", target,
                outcomes.size() - failed, plan.context().aspectRatio().width(), plan.context().aspectRatio().height(), seconds);
        if (failed == 0) {
            return 0;
        }
        outcomes.stream()
                .filter(ImageOutcome.Failed.class::isInstance)
                .map(ImageOutcome.Failed.class::cast)
                .forEach(failure -> err.println("scene " + failure.sceneNumber() + " has no image: " + failure.reason()));
        err.println("Run the same command with --seed " + plan.seed() + " to try again.");
        return EXIT_GENERATION_FAILED;
    }

    /** The same quiz and seed always give the same id, so the same story gets the same pictures. */
    static String storyId(ValidatedQuiz quiz, long seed) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((quiz.answers().values().toString() + "#" + seed).getBytes(StandardCharsets.UTF_8));
            return "cli-" + HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
