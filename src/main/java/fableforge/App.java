package fableforge;

import fableforge.image.ImageGenerator;
import fableforge.image.ImageProducer;
import fableforge.image.SimulatedImageGenerator;
import fableforge.image.offline.StoryboardIllustrator;
import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.job.TokenBucketRateLimiter;
import fableforge.media.MediaStore;
import fableforge.pipeline.StoryPlanner;
import fableforge.provider.SimulatedConditions;
import fableforge.quiz.QuizDefinition;
import fableforge.quiz.QuizValidator;
import fableforge.story.HeroDesigner;
import fableforge.story.SimulatedStoryWriter;
import fableforge.story.StoryWriter;
import fableforge.story.offline.TemplateStoryWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.event.EventBus;
import fableforge.event.InProcessEventBus;
import fableforge.media.LocalMediaStore;
import fableforge.store.Database;
import fableforge.store.EventLog;
import fableforge.store.ImageRepository;
import fableforge.store.StoryRepository;
import fableforge.studio.ImageJobs;
import fableforge.studio.StoryEvents;
import fableforge.studio.StoryView;
import fableforge.studio.Studio;
import fableforge.web.WebServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * The composition root: reads the {@link Config}, picks the adapter of each port and wires everything
 * by constructor, top to bottom. Nothing else in FableForge chooses an implementation.
 */
public final class App {

    private final Config config;
    private final Clock clock;
    private final QuizDefinition quiz;
    private final StoryPlanner storyPlanner;
    private final StoryWriter storyWriter;
    private final ImageGenerator imageGenerator;
    private final CallGate imageGate;
    private final RetryPolicy imageRetryPolicy;

    public App(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.quiz = QuizDefinition.standard();
        if (config.debug() && org.slf4j.LoggerFactory.getLogger("fableforge") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        }

        SimulatedConditions offline = new SimulatedConditions(config.offlineLatency(), config.offlineFailureRate(), new Random());
        this.storyWriter = new SimulatedStoryWriter(new TemplateStoryWriter(), offline);
        this.storyPlanner = new StoryPlanner(storyWriter, new HeroDesigner());

        this.imageGenerator = new SimulatedImageGenerator(new StoryboardIllustrator(), offline);
        // The offline illustrator has no provider quota, so it is unlimited unless a rate is set.
        RateLimiter limiter = config.imageRatePerMinute()
                .<RateLimiter>map(rate -> new TokenBucketRateLimiter(rate, clock))
                .orElse(RateLimiter.unlimited());
        this.imageGate = new CallGate(config.imageMaxConcurrent(), limiter);
        this.imageRetryPolicy = new RetryPolicy(config.imageMaxTries(), config.imageRetryBase(), Duration.ofSeconds(30), config.imageTimeout());
    }

    public Config config() {
        return config;
    }

    public QuizValidator quizValidator() {
        return new QuizValidator(quiz);
    }

    public StoryPlanner storyPlanner() {
        return storyPlanner;
    }

    public String storyWriterName() {
        return storyWriter.name();
    }

    public String imageProviderName() {
        return imageGenerator.name();
    }

    /**
     * Opens the database in {@code dataDir}, resumes image jobs a previous run left unfinished and
     * starts the web server. Closing the result stops everything in reverse order.
     */
    public RunningServer serve(String host, int port, Path dataDir) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Database database = Database.open(dataDir);
        StoryRepository stories = new StoryRepository(database.jdbi(), clock);
        ImageRepository images = new ImageRepository(database.jdbi(), clock);
        EventLog log = new EventLog(database.jdbi(), clock);
        EventBus bus = new InProcessEventBus();
        StoryEvents events = new StoryEvents(log, bus, mapper);
        LocalMediaStore media = new LocalMediaStore(dataDir.resolve("media"), "media/");
        ImageJobs jobs = new ImageJobs(stories, images, imageProducer(media), events, mapper, config.imageMaxConcurrent());
        Studio studio = new Studio(quizValidator(), storyPlanner, stories, images, jobs, events, mapper);
        StoryView view = new StoryView(stories, images, mapper);
        WebServer web = new WebServer(studio, view, log, bus, media, mapper, quizJson(), () -> health(mapper, database),
                config.sseHeartbeat());
        web.start(host, port);
        jobs.resumeUnfinished();
        return new RunningServer(web, jobs, database);
    }

    /** A started server; {@link #close()} stops it. */
    public record RunningServer(WebServer web, ImageJobs jobs, Database database) implements AutoCloseable {
        public int port() {
            return web.port();
        }

        @Override
        public void close() throws Exception {
            web.close();
            jobs.close();
            database.close();
        }
    }

    private ObjectNode health(ObjectMapper mapper, Database database) {
        ObjectNode health = mapper.createObjectNode().put("status", "ok");
        ObjectNode providers = health.putObject("providers");
        providers.putObject("story").put("adapter", storyWriter.name());
        providers.putObject("images").put("adapter", imageGenerator.name())
                .put("max_concurrent", config.imageMaxConcurrent())
                .put("rate_per_min", config.imageRatePerMinute().map(String::valueOf).orElse("unlimited"));
        providers.putObject("media").put("adapter", "local");
        health.putObject("database").put("adapter", "sqlite").put("file", database.file().toString());
        return health;
    }

    private static String quizJson() throws IOException {
        try (var in = App.class.getResourceAsStream("/fableforge/quiz/quiz.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A producer that stores the images it makes in {@code media}, sharing this app's provider gate. */
    public ImageProducer imageProducer(MediaStore media) {
        return new ImageProducer(imageGenerator, media, imageGate, imageRetryPolicy, Sleeper.REAL, new Random(), clock);
    }
}
