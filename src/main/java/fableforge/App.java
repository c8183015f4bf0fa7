package fableforge;

import fableforge.auth.Access;
import fableforge.auth.Accounts;
import fableforge.auth.Passwords;
import fableforge.event.EventBus;
import fableforge.image.ImageGenerator;
import fableforge.image.ImageProducer;
import fableforge.image.ReferenceImages;
import fableforge.image.SimulatedImageGenerator;
import fableforge.image.StoredReferenceImages;
import fableforge.image.gemini.GeminiImageGenerator;
import fableforge.image.offline.StoryboardIllustrator;
import fableforge.image.openai.OpenAiImageGenerator;
import fableforge.image.sdwebui.SdWebUiImageGenerator;
import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.job.TokenBucketRateLimiter;
import fableforge.job.redis.RedisRateLimiter;
import fableforge.media.MediaStore;
import fableforge.pipeline.StoryPlanner;
import fableforge.prompt.PromptWriter;
import fableforge.prompt.openai.OpenAiPromptWriter;
import fableforge.provider.SecretScrubber;
import fableforge.provider.SimulatedConditions;
import fableforge.provider.call.ProviderMeters;
import fableforge.provider.openai.ChatCompletions;
import fableforge.provider.openai.ModelLifecycle;
import fableforge.provider.openai.ModelWatch;
import fableforge.provider.openai.OpenAiSettings;
import fableforge.provider.openai.StartUpModelCheck;
import fableforge.quiz.QuizDefinition;
import fableforge.quiz.QuizValidator;
import fableforge.redis.RedisConnections;
import fableforge.settings.ConfigException;
import fableforge.telegram.TelegramApproval;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import fableforge.store.AccountRepository;
import fableforge.store.Database;
import fableforge.story.HeroDesigner;
import fableforge.story.SimulatedStoryWriter;
import fableforge.story.StoryWriter;
import fableforge.story.offline.TemplateStoryWriter;
import fableforge.story.openai.OpenAiStoryWriter;
import fableforge.review.ImageJobs;
import fableforge.review.ImageReview;
import fableforge.studio.StoryEvents;
import fableforge.videojob.VideoJobs;
import fableforge.videojob.VideoTools;
import fableforge.tracking.TrackingRelay;
import fableforge.video.LocalMotionClips;
import fableforge.video.MotionPlan;
import fableforge.video.Narrator;
import fableforge.video.Narrators;
import fableforge.video.SpeechSettings;
import fableforge.video.VideoAssembler;
import fableforge.video.remote.ClipFallback;
import fableforge.video.remote.VideoClipSources;
import fableforge.web.HttpEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The composition root: reads the {@link Config}, picks the adapter of each port and wires everything
 * by constructor, top to bottom. Nothing else in FableForge chooses an implementation.
 */
public final class App {

    private final Config config;
    private final Clock clock;
    private final QuizDefinition quiz;
    private final SimulatedConditions offline;
    private final PriceTable prices;
    private final RateLimiter imageRateLimiter;
    private final CallGate imageGate;
    private final RetryPolicy imageRetryPolicy;
    private final Optional<RedisConnections> redis;
    /** The configured providers with {@code auto} models resolved by the start-up check. */
    private final Providers providers;
    private final Optional<ModelWatch> models;

    /**
     * @throws ConfigException when a configured OpenAI model is retired or not available to the key
     */
    public App(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.quiz = QuizDefinition.standard();
        if (config.debug() && org.slf4j.LoggerFactory.getLogger("fableforge") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        }
        LogScrubbing.install(new SecretScrubber(config.secrets()));
        // Seeded, the simulated failures come in the same order every run: a test of retries never fails by chance.
        this.offline = new SimulatedConditions(config.offlineLatency(), config.offlineFailureRate(),
                config.offlineSeed().map(Random::new).orElseGet(Random::new));
        this.prices = PriceTable.load(config.providers().spend().priceTableFile());
        this.redis = config.cluster().redisUrl().map(RedisConnections::open);
        // With Redis every node (and every command-line run) draws from one bucket per image provider,
        // so together they stay within IMAGE_RATE_PER_MIN.
        RateLimiter limiter = imageRatePerMinute(config)
                .map(rate -> rateLimiter("images-" + config.providers().images(), rate, config.imageRateBurst().orElse(rate)))
                .orElse(RateLimiter.unlimited());
        this.imageRateLimiter = limiter;
        this.imageGate = new CallGate(config.imageMaxConcurrent(), limiter);
        this.imageRetryPolicy = new RetryPolicy(config.imageMaxTries(), config.imageRetryBase(), Duration.ofSeconds(30), config.imageTimeout());
        Providers configured = config.providers();
        this.models = StartUpModelCheck.run(configured.openAi(), configured.speech().model(), configured.story().equals("openai"),
                configured.images().equals("openai"), clock);
        this.providers = models.map(watch -> resolved(config.providers(), watch.current())).orElse(config.providers());
    }

    private static Providers resolved(Providers configured, ModelLifecycle.Check check) {
        OpenAiSettings openAi = configured.openAi().withChatModel(check.model("chat").orElse(configured.openAi().chatModel()));
        SpeechSettings speech = new SpeechSettings(check.model("speech").orElse(configured.speech().model()), configured.speech().voice());
        return configured.with(openAi, speech);
    }

    /** The providers with {@code auto} models resolved: what the adapters are built from. */
    public Providers providers() {
        return providers;
    }

    /**
     * The adapters of the story, prompt and image stages as the configuration chooses them, charging
     * paid calls to {@code meter}.
     */
    public Pipeline pipeline(SpendMeter meter) {
        return pipeline(meter, ReferenceImages.NONE);
    }

    /**
     * As {@link #pipeline(SpendMeter)}, with the source of reference images for providers that draw
     * scenes from one ({@code IMAGE_CONSISTENCY=reference}).
     */
    public Pipeline pipeline(SpendMeter meter, ReferenceImages references) {
        return pipeline(meter, references, ProviderMeters.NONE);
    }

    /** As {@link #pipeline(SpendMeter, ReferenceImages)}, each try of the story and prompt writers counted in {@code calls}. */
    public Pipeline pipeline(SpendMeter meter, ReferenceImages references, ProviderMeters calls) {
        // One client for both writers, so a structured-output fallback learnt by one serves the other.
        ChatCompletions chat = providers.story().equals("openai")
                ? new ChatCompletions(ChatCompletions.Endpoint.of(providers.openAi()), prices, meter, clock) : null;
        StoryWriter storyWriter = switch (providers.story()) {
            case "openai" -> new OpenAiStoryWriter(chat);
            default -> new SimulatedStoryWriter(new TemplateStoryWriter(), offline);
        };
        PromptWriter promptWriter = switch (providers.story()) {
            case "openai" -> new OpenAiPromptWriter(chat);
            default -> PromptWriter.TEMPLATES;
        };
        ImageGenerator imageGenerator = switch (providers.images()) {
            case "openai" -> new OpenAiImageGenerator(providers.openAi(), prices, meter, references, imageRateLimiter, clock);
            case "sdwebui" -> new SdWebUiImageGenerator(providers.sdWebUi(), clock);
            case "gemini" -> new GeminiImageGenerator(providers.gemini(), prices, meter, references, imageRateLimiter, clock);
            default -> new SimulatedImageGenerator(new StoryboardIllustrator(), offline, config.offlineRefusedWords());
        };
        return new Pipeline(new StoryPlanner(storyWriter, promptWriter, new HeroDesigner()).metered(calls), storyWriter, promptWriter,
                imageGenerator);
    }

    /** The chosen adapters of the writing and drawing stages. */
    public record Pipeline(StoryPlanner planner, StoryWriter storyWriter, PromptWriter promptWriter, ImageGenerator imageGenerator) {
    }

    /**
     * The offline illustrator and a local Stable Diffusion WebUI have no quota, so they are unlimited
     * unless a rate is set; OpenAI and Gemini get the seed's 15 images a minute unless told otherwise.
     */
    static java.util.Optional<Integer> imageRatePerMinute(Config config) {
        return config.imageRatePerMinute().or(() -> java.util.List.of("openai", "gemini").contains(config.providers().images())
                ? java.util.Optional.of(Config.DEFAULT_RATE_PER_MINUTE) : java.util.Optional.empty());
    }

    public Config config() {
        return config;
    }

    public QuizValidator quizValidator() {
        return new QuizValidator(quiz);
    }

    /**
     * Opens the database (the embedded one in {@code dataDir}, or {@code DATABASE_URL}), starts this
     * node's role: the web server, the job workers (which take over jobs left unfinished), or both.
     * Closing the result stops everything in reverse order.
     */
    public RunningServer serve(String host, int port, Path dataDir) throws IOException {
        return new ServedNode(this, config, clock, redis, models).start(host, port, dataDir);
    }

    /** The embedded database in {@code dataDir}, or the server {@code DATABASE_URL} names; migrated. */
    public static Database openDatabase(Config config, Path dataDir) {
        Cluster cluster = config.cluster();
        return cluster.databaseUrl().map(url -> Database.connect(url, cluster.databasePool()))
                .orElseGet(() -> Database.open(dataDir));
    }

    /** The accounts in {@code database}, with sign-in links on PUBLIC_BASE_URL (or http://localhost:{@code port}). */
    public static Accounts accounts(Config config, Database database, int port, Clock clock) {
        Access access = config.access();
        return new Accounts(new AccountRepository(database.jdbi(), clock), new Passwords(), clock, access.baseUrl(port),
                access.sessionIdle(), access.sessionMax());
    }

    /** A started node; {@link #close()} stops it. */
    public record RunningServer(HttpEndpoint web, ImageJobs jobs, VideoJobs videos, Database database,
                                Optional<TrackingRelay> tracking, StoryEvents events, EventBus bus,
                                Optional<RedisConnections> redis, Optional<ModelWatch> models,
                                Optional<TelegramApproval> telegram) implements AutoCloseable {

        public RunningServer(HttpEndpoint web, ImageJobs jobs, VideoJobs videos, Database database, Optional<TrackingRelay> tracking,
                             StoryEvents events, EventBus bus, Optional<RedisConnections> redis, Optional<ModelWatch> models) {
            this(web, jobs, videos, database, tracking, events, bus, redis, models, Optional.empty());
        }

        public int port() {
            return web.port();
        }

        @Override
        public void close() throws Exception {
            models.ifPresent(ModelWatch::close);
            web.close();
            if (tracking.isPresent()) {
                tracking.get().close();
            }
            if (telegram.isPresent()) {
                telegram.get().close();
            }
            // Both workers stop at once, so a node leaves within one grace period and hands its jobs back.
            Thread imagesStopping = Thread.ofVirtual().start(() -> {
                try {
                    jobs.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            videos.close();
            imagesStopping.join();
            if (bus instanceof AutoCloseable closeable) {
                closeable.close();
            }
            if (redis.isPresent()) {
                redis.get().close();
            }
            database.close();
        }
    }

    /**
     * Where a run without approvals (the command line) takes reference images from: the character
     * sheet alone, when consistency by reference is on (always with Gemini, chosen for it).
     */
    public ReferenceImages commandLineReferences(MediaStore media) {
        return providers.openAi().referenceConsistency() || providers.images().equals("gemini")
                ? StoredReferenceImages.sheetOnly(media) : ReferenceImages.NONE;
    }

    /** The narrators this configuration offers (OpenAI speech with the model the start-up check chose). */
    public Narrators narrators() {
        return new Narrators(providers.openAi(), providers.speech(), prices, clock);
    }

    /** The narrator the user chose: {@code none}, {@code local} or {@code openai} (charged to {@code meter}). */
    public Narrator narrator(String choice, SpendMeter meter) {
        return narrators().narrator(choice, meter);
    }

    /** The clip sources and narrators the web app offers, as configured. */
    public VideoTools videoTools() {
        return videoTools(ProviderMeters.NONE);
    }

    /** As {@link #videoTools()}, each try of remote clips and speech counted in {@code calls}. */
    public VideoTools videoTools(ProviderMeters calls) {
        int clipRate = providers.video().ratePerMinute();
        return new ConfiguredVideoTools(narrators(), prices, providers.video(), providers.remoteClips(), clock,
                rateLimiter("clips-" + providers.video().clips(), clipRate, clipRate), config.captionStyle(), calls);
    }

    /** The rate limit of one provider: in Redis, shared by every node, when REDIS_URL is set; else in this process. */
    private RateLimiter rateLimiter(String name, int perMinute, int burst) {
        return redis.<RateLimiter>map(connections -> new RedisRateLimiter(connections, config.cluster().redisKeyPrefix(), name,
                        perMinute, burst))
                .orElseGet(() -> new TokenBucketRateLimiter(perMinute, burst, clock));
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
        return new VideoAssembler(VideoClipSources.from(providers.video(), providers.remoteClips(), prices, meter, clock,
                new LocalMotionClips(new MotionPlan()), fallbacks), narrator);
    }

    /**
     * A producer drawing with {@code pipeline}'s image generator into {@code media}, sharing this app's provider gate.
     * Its retry jitter follows {@code OFFLINE_SEED} when set, so a seeded offline run waits the same way every time;
     * otherwise it is unseeded, so that nodes retrying the same provider do not retry in step.
     */
    public ImageProducer imageProducer(Pipeline pipeline, MediaStore media) {
        Random jitter = config.offlineSeed().map(seed -> new Random(~seed)).orElseGet(Random::new);
        return new ImageProducer(pipeline.imageGenerator(), media, imageGate, imageRetryPolicy, Sleeper.REAL, jitter, clock);
    }

    /** As {@link #imageProducer(Pipeline, MediaStore)}, each try of drawing and storing counted in {@code calls}. */
    public ImageProducer imageProducer(Pipeline pipeline, MediaStore media, ProviderMeters calls) {
        return imageProducer(pipeline, media).metered(calls);
    }
}
