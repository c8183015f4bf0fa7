package fableforge.bench;

import fableforge.story.AspectRatio;
import fableforge.image.GeneratedImage;
import fableforge.image.ImageBrief;
import fableforge.image.ImageGenerator;
import fableforge.image.ImageOutcome;
import fableforge.image.ImageProducer;
import fableforge.image.ImageProgressListener;
import fableforge.image.ImageRequest;
import fableforge.image.ImageTask;
import fableforge.image.ParallelImageRunner;
import fableforge.image.SimulatedImageGenerator;
import fableforge.image.offline.StoryboardIllustrator;
import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.job.TokenBucketRateLimiter;
import fableforge.media.MediaStore;
import fableforge.media.StoredMedia;
import fableforge.provider.SimulatedConditions;
import fableforge.story.Beat;
import fableforge.story.Hero;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench scheduler}: 20 images through the offline provider with simulated latency under a rate
 * limit, by FableForge's scheduler and by the seed's policy (batches of 10, a 40 s pause between
 * them), both scaled by the same factor so a run takes seconds, printed beside the lower bound.
 */
public final class SchedulerBenchmark {

    /** @param scale time factor: 0.1 runs ten times faster than real time (rate ×10, latency and pauses ×0.1) */
    public record Settings(int images, int ratePerMinute, int maxConcurrent, Duration latency, double scale,
                           int seedBatchSize, Duration seedPause, boolean draw, int runs) {

        int scaledRate() {
            return (int) Math.round(ratePerMinute / scale);
        }

        Duration scaled(Duration duration) {
            return Duration.ofNanos((long) (duration.toNanos() * scale));
        }
    }

    public record Result(String policy, Duration wall, Duration bound) {
        double ratio() {
            return wall.toNanos() / (double) bound.toNanos();
        }
    }

    private final Settings settings;

    public SchedulerBenchmark(Settings settings) {
        this.settings = settings;
    }

    public List<Result> run(PrintWriter out) throws InterruptedException {
        Duration bound = settings.scaled(new SchedulerBound(settings.images(), settings.ratePerMinute(),
                settings.maxConcurrent(), settings.latency()).lowerBound());
        out.printf("%d images, rate %d/min, concurrency %d, latency %d ms, seed policy: batches of %d + %d s pause;"
                        + " time scaled by %.3f (rate %d/min, latency %d ms); provider: %s; median of %d runs%n",
                settings.images(), settings.ratePerMinute(), settings.maxConcurrent(), settings.latency().toMillis(),
                settings.seedBatchSize(), settings.seedPause().toSeconds(), settings.scale(), settings.scaledRate(),
                settings.scaled(settings.latency()).toMillis(),
                settings.draw() ? "offline illustrator (drawing)" : "offline provider, drawing skipped", settings.runs());
        out.flush();
        List<Result> results = List.of(
                new Result("fableforge", median(this::runOurs), bound),
                new Result("seed batches", median(this::runSeedPolicy), bound));
        out.printf("%-14s %10s %10s %7s%n", "policy", "wall", "bound", "ratio");
        for (Result result : results) {
            out.printf("%-14s %8.2f s %8.2f s %7.3f%n", result.policy(), seconds(result.wall()), seconds(result.bound()), result.ratio());
        }
        out.printf("seed / fableforge wall time: %.2f×%n", seconds(results.get(1).wall()) / seconds(results.get(0).wall()));
        out.flush();
        return results;
    }

    private Duration median(TimedRun run) throws InterruptedException {
        List<Duration> walls = new ArrayList<>();
        for (int i = 0; i < settings.runs(); i++) {
            walls.add(run.time());
        }
        walls.sort(Duration::compareTo);
        return walls.get(walls.size() / 2);
    }

    private Duration runOurs() throws InterruptedException {
        CallGate gate = new CallGate(settings.maxConcurrent(), new TokenBucketRateLimiter(settings.scaledRate(), settings.ratePerMinute(), Clock.systemUTC()));
        ImageProducer producer = new ImageProducer(provider(), new DiscardingMediaStore(), gate,
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(5)),
                Sleeper.REAL, new Random(1), Clock.systemUTC());
        long started = System.nanoTime();
        List<ImageOutcome> outcomes = new ParallelImageRunner(producer).runAll(tasks(), ImageProgressListener.NONE);
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        requireAllProduced(outcomes);
        return wall;
    }

    /** The seed: start a batch all at once, wait for it, sleep the pause, start the next batch. */
    private Duration runSeedPolicy() throws InterruptedException {
        ImageProducer producer = new ImageProducer(provider(), new DiscardingMediaStore(),
                new CallGate(settings.seedBatchSize(), RateLimiter.unlimited()),
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(5)),
                Sleeper.REAL, new Random(1), Clock.systemUTC());
        List<ImageTask> tasks = tasks();
        long started = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < tasks.size(); from += settings.seedBatchSize()) {
                if (from > 0) {
                    Thread.sleep(settings.scaled(settings.seedPause()).toMillis());
                }
                List<Future<ImageOutcome>> batch = new ArrayList<>();
                for (ImageTask task : tasks.subList(from, Math.min(tasks.size(), from + settings.seedBatchSize()))) {
                    batch.add(executor.submit(() -> producer.produce(task, ImageProgressListener.NONE)));
                }
                List<ImageOutcome> outcomes = new ArrayList<>();
                for (Future<ImageOutcome> future : batch) {
                    try {
                        outcomes.add(future.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("seed batch crashed", e.getCause());
                    }
                }
                requireAllProduced(outcomes);
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private ImageGenerator provider() {
        ImageGenerator drawing = settings.draw() ? new StoryboardIllustrator() : new BlankFrames();
        return new SimulatedImageGenerator(drawing, new SimulatedConditions(settings.scaled(settings.latency()), 0, new Random(1)));
    }

    private List<ImageTask> tasks() {
        Hero hero = new Hero("Bench", "fox", new Hero.Colour("orange", 0xC8551E), new Hero.Colour("cream", 0xF3E6D0),
                new Hero.Colour("amber", 0xFFB000), "a white star", "a glowing amulet", "the power of fire",
                new Hero.Colour("flame", 0xFF6A00));
        List<ImageTask> tasks = new ArrayList<>();
        for (int n = 1; n <= settings.images(); n++) {
            int scene = (n - 1) % Beat.TOTAL_SCENES + 1;
            ImageBrief brief = new ImageBrief(scene, Beat.ofScene(scene), hero, "forest", "anime", "bench", AspectRatio.PORTRAIT, 1);
            tasks.add(new ImageTask(new ImageRequest("bench", n, "bench prompt " + n, brief), "bench/" + n + ".png"));
        }
        return tasks;
    }

    private static void requireAllProduced(List<ImageOutcome> outcomes) {
        if (!outcomes.stream().allMatch(ImageOutcome.Produced.class::isInstance)) {
            throw new IllegalStateException("some benchmark images failed: " + outcomes);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    @FunctionalInterface
    private interface TimedRun {
        Duration time() throws InterruptedException;
    }

    /** The provider's answer without the drawing, so the figures measure scheduling alone. */
    private static final class BlankFrames implements ImageGenerator {
        private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

        @Override
        public GeneratedImage generate(ImageRequest request) {
            return new GeneratedImage(PNG, "image/png", 1, 1);
        }

        @Override
        public String name() {
            return "blank";
        }
    }

    /** Storage is not what is measured. */
    private static final class DiscardingMediaStore implements MediaStore {
        @Override
        public StoredMedia put(String key, byte[] bytes, String contentType) {
            return new StoredMedia(key, key, bytes.length);
        }

        @Override
        public Optional<InputStream> open(String key) {
            return Optional.empty();
        }

        @Override
        public String name() {
            return "discard";
        }
    }
}
