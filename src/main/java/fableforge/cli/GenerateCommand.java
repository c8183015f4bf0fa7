package fableforge.cli;

import fableforge.App;
import fableforge.image.AspectRatio;
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
                "Creates OUT/story.json, OUT/images/scene-01.png … scene-20.png and OUT/contact-sheet.png."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:all 20 images made",
                "2:bad quiz, bad option or bad configuration (nothing written)",
                "3:the story or some images could not be made (what was made is written)"})
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

        long storySeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        SpendTally spend = new SpendTally();
        App.Pipeline pipeline = app.pipeline(spend);
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
            List<ImageOutcome> outcomes = makeImages(app, pipeline, plan, output.staging(), err);
            writeContactSheet(plan, outcomes, output.staging());
            Files.write(output.staging().resolve("story.json"), StoryJson.render(plan, outcomes,
                    pipeline.storyWriter().name(), pipeline.imageGenerator().name(), spend.summary()));
            output.commit();
            reportCost(spend.summary(), out);
            return report(plan, outcomes, output.target(), started, out, err);
        }
    }

    private List<ImageOutcome> makeImages(App app, App.Pipeline pipeline, StoryPlan plan, Path staging, PrintWriter err)
            throws InterruptedException {
        ParallelImageRunner runner = new ParallelImageRunner(app.imageProducer(pipeline, new LocalMediaStore(staging, "")));
        try (TerminalProgress progress = new TerminalProgress("Illustrating", plan.scenes().size(), !noProgress, err)) {
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
