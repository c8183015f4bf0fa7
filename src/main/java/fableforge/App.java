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
import fableforge.prompt.PromptWriter;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendLedger;
import fableforge.spend.SpendMeter;
import fableforge.spend.Spending;
import fableforge.provider.Monitored;
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
import fableforge.video.EspeakNarrator;
import fableforge.video.LocalMotionClips;
import fableforge.video.MotionPlan;
import fableforge.video.Narrator;
import fableforge.video.OpenAiNarrator;
import fableforge.video.VideoAssembler;
import fableforge.video.remote.ClipFallback;
import fableforge.video.remote.VideoClipSources;
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(App.class);

    private final Config config;
    private final Clock clock;
    private final QuizDefinition quiz;
    private final SimulatedConditions offline;
    private final PriceTable prices;
    private final CallGate imageGate;
    private final RetryPolicy imageRetryPolicy;

    public App(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.quiz = QuizDefinition.standard();
        if (config.debug() && org.slf4j.LoggerFactory.getLogger("fableforge") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        }
        this.offline = new SimulatedConditions(config.offlineLatency(), config.offlineFailureRate(), new Random());
        this.prices = PriceTable.load(config.providers().spend().priceTableFile());
        RateLimiter limiter = imageRatePerMinute(config)
                .<RateLimiter>map(rate -> new TokenBucketRateLimiter(rate, clock))
                .orElse(RateLimiter.unlimited());
        this.imageGate = new CallGate(config.imageMaxConcurrent(), limiter);
        this.imageRetryPolicy = new RetryPolicy(config.imageMaxTries(), config.imageRetryBase(), Duration.ofSeconds(30), config.imageTimeout());
    }

    /**
     * The adapters of the story, prompt and image stages as the configuration chooses them, charging
     * paid calls to {@code meter}.
     */
    public Pipeline pipeline(SpendMeter meter) {
        Providers providers = config.providers();
        StoryWriter storyWriter = switch (providers.story()) {
            case "openai" -> throw new IllegalStateException("STORY_PROVIDER=openai: not built yet");
            default -> new SimulatedStoryWriter(new TemplateStoryWriter(), offline);
        };
        PromptWriter promptWriter = switch (providers.story()) {
            case "openai" -> throw new IllegalStateException("STORY_PROVIDER=openai: not built yet");
            default -> PromptWriter.TEMPLATES;
        };
        ImageGenerator imageGenerator = switch (providers.images()) {
            case "openai" -> throw new IllegalStateException("IMAGE_PROVIDER=openai: not built yet");
            case "sdwebui" -> throw new IllegalStateException("IMAGE_PROVIDER=sdwebui: not built yet");
            default -> new SimulatedImageGenerator(new StoryboardIllustrator(), offline);
        };
        return new Pipeline(new StoryPlanner(storyWriter, promptWriter, new HeroDesigner()), storyWriter, promptWriter, imageGenerator);
    }

    /** The chosen adapters of the writing and drawing stages. */
    public record Pipeline(StoryPlanner planner, StoryWriter storyWriter, PromptWriter promptWriter, ImageGenerator imageGenerator) {
    }

    /**
     * The offline illustrator has no provider quota, so it is unlimited unless a rate is set; a real
     * provider gets the seed's 15 images a minute unless told otherwise.
     */
    static java.util.Optional<Integer> imageRatePerMinute(Config config) {
        return config.imageRatePerMinute().or(() -> config.providers().images().equals(Providers.OFFLINE)
                ? java.util.Optional.empty() : java.util.Optional.of(Config.DEFAULT_RATE_PER_MINUTE));
    }

    public Config config() {
        return config;
    }

    public QuizValidator quizValidator() {
        return new QuizValidator(quiz);
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
        SpendLedger spend = new SpendLedger(database.jdbi(), clock, config.providers().spend().limitUsdPerDay());
        Pipeline served = pipeline(spend);
        MediaStore media = mediaStore(dataDir);
        ImageJobs jobs = new ImageJobs(stories, images, imageProducer(served, media), events, mapper, config.imageMaxConcurrent());
        Spending spending = new Spending(spend, served.imageGenerator()::quote);
        Studio studio = new Studio(quizValidator(), served.planner(), stories, images, jobs, events, mapper, spending,
                served.storyWriter() instanceof Monitored);
        StoryView view = new StoryView(stories, images, mapper, spending);
        WebServer web = new WebServer(studio, view, log, bus, media, mapper, quizJson(), () -> health(mapper, database, served, media),
                config.sseHeartbeat());
        web.start(host, port);
        LOG.info("[START] story={} prompts={} images={} media={} database={}", served.storyWriter().name(),
                served.promptWriter().name(), served.imageGenerator().name(), media.name(), database.file());
        config.providers().warnings().forEach(warning -> LOG.warn("[CONFIG] {}", warning));
        jobs.resumeUnfinished();
        return new RunningServer(web, jobs, database);
    }

    private MediaStore mediaStore(Path dataDir) {
        return switch (config.providers().media()) {
            case "cloudinary" -> throw new IllegalStateException("MEDIA_STORE=cloudinary: not built yet");
            case "s3" -> throw new IllegalStateException("MEDIA_STORE=s3: not built yet");
            default -> new LocalMediaStore(dataDir.resolve("media"), "media/");
        };
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

    private ObjectNode health(ObjectMapper mapper, Database database, Pipeline pipeline, MediaStore media) {
        ObjectNode health = mapper.createObjectNode().put("status", "ok");
        ObjectNode providers = health.putObject("providers");
        providers.putObject("story").put("adapter", pipeline.storyWriter().name());
        providers.putObject("prompts").put("adapter", pipeline.promptWriter().name());
        providers.putObject("images").put("adapter", pipeline.imageGenerator().name())
                .put("max_concurrent", config.imageMaxConcurrent())
                .put("rate_per_min", imageRatePerMinute(config).map(String::valueOf).orElse("unlimited"));
        providers.putObject("media").put("adapter", media.name());
        health.putObject("database").put("adapter", "sqlite").put("file", database.file().toString());
        return health;
    }

    private static String quizJson() throws IOException {
        try (var in = App.class.getResourceAsStream("/fableforge/quiz/quiz.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * The narrator the user chose: {@code none}, {@code local} (espeak-ng or espeak on PATH) or
     * {@code openai} (text-to-speech, charged to {@code meter}).
     */
    public Narrator narrator(String choice, SpendMeter meter) {
        Providers providers = config.providers();
        return switch (choice) {
            case "none" -> Narrator.NONE;
            case "local" -> EspeakNarrator.onPath().orElseThrow(() -> new IllegalStateException(
                    "no local speech engine: install espeak-ng (apt-get install espeak-ng) or choose another narration"));
            case "openai" -> {
                if (providers.openAi().apiKey().isEmpty() && providers.openAi().baseUrl().getHost().endsWith("openai.com")) {
                    throw new IllegalStateException("narration by OpenAI needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server)");
                }
                yield new OpenAiNarrator(providers.openAi().baseUrl(), providers.openAi().apiKey(), providers.speech().model(),
                        providers.speech().voice(), providers.openAi().timeout(), meter, prices, clock);
            }
            default -> throw new IllegalArgumentException("narration must be none, local or openai, not " + choice);
        };
    }

    /** Joins approved images into a video with the built-in camera-motion clips. */
    public VideoAssembler videoAssembler(Narrator narrator) {
        return new VideoAssembler(new LocalMotionClips(new MotionPlan()), narrator);
    }

    /**
     * Joins approved images into a video with the clips VIDEO_CLIPS chooses, paid ones charged to
     * {@code meter}; a scene whose remote clip fails gets camera motion and {@code fallbacks} hears why.
     */
    public VideoAssembler videoAssembler(Narrator narrator, SpendMeter meter, ClipFallback.Listener fallbacks) {
        return new VideoAssembler(VideoClipSources.from(config.providers(), prices, meter, clock, new LocalMotionClips(new MotionPlan()),
                fallbacks), narrator);
    }

    /** A producer drawing with {@code pipeline}'s image generator into {@code media}, sharing this app's provider gate. */
    public ImageProducer imageProducer(Pipeline pipeline, MediaStore media) {
        return new ImageProducer(pipeline.imageGenerator(), media, imageGate, imageRetryPolicy, Sleeper.REAL, new Random(), clock);
    }
}
