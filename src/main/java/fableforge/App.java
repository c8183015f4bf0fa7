package fableforge;

import fableforge.settings.ConfigException;
import fableforge.image.ImageGenerator;
import fableforge.image.ImageProducer;
import fableforge.image.ReferenceImages;
import fableforge.image.StoredReferenceImages;
import fableforge.image.gemini.GeminiImageGenerator;
import fableforge.image.openai.OpenAiImageGenerator;
import fableforge.image.SimulatedImageGenerator;
import fableforge.image.offline.StoryboardIllustrator;
import fableforge.image.sdwebui.SdWebUiImageGenerator;
import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.job.TokenBucketRateLimiter;
import fableforge.limits.UserRateLimits;
import fableforge.limits.UserUploads;
import fableforge.media.MediaStore;
import fableforge.media.cloudinary.CloudinaryMediaStore;
import fableforge.media.s3.S3MediaStore;
import fableforge.prompt.PromptWriter;
import fableforge.prompt.openai.OpenAiPromptWriter;
import fableforge.provider.openai.ChatCompletions;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendLedger;
import fableforge.spend.SpendMeter;
import fableforge.spend.Spending;
import fableforge.provider.http.Monitored;
import fableforge.pipeline.StoryPlanner;
import fableforge.provider.SecretScrubber;
import fableforge.provider.SimulatedConditions;
import fableforge.quiz.QuizDefinition;
import fableforge.quiz.QuizValidator;
import fableforge.story.HeroDesigner;
import fableforge.story.SimulatedStoryWriter;
import fableforge.story.StoryWriter;
import fableforge.story.offline.TemplateStoryWriter;
import fableforge.story.openai.OpenAiStoryWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.event.EventBus;
import fableforge.event.InProcessEventBus;
import fableforge.media.LocalMediaStore;
import fableforge.store.Database;
import fableforge.store.EventLog;
import fableforge.store.ImageRepository;
import fableforge.store.StoryRepository;
import fableforge.review.ImageJobs;
import fableforge.review.ImageReview;
import fableforge.studio.StoryEvents;
import fableforge.studio.StoryView;
import fableforge.studio.Studio;
import fableforge.videojob.MusicLibrary;
import fableforge.videojob.VideoJobs;
import fableforge.videojob.VideoQuote;
import fableforge.videojob.VideoRender;
import fableforge.videojob.VideoRequests;
import fableforge.videojob.VideoTools;
import fableforge.videojob.VideoView;
import fableforge.store.VideoRepository;
import fableforge.store.TrackingOutbox;
import fableforge.tracking.GoogleSheetsSink;
import fableforge.tracking.TrackingRelay;
import fableforge.tracking.TrackingRows;
import fableforge.video.LocalMotionClips;
import fableforge.video.MotionPlan;
import fableforge.video.Narrator;
import fableforge.video.Narrators;
import fableforge.video.VideoAssembler;
import fableforge.video.remote.ClipFallback;
import fableforge.video.remote.VideoClipSources;
import fableforge.web.Authentication;
import fableforge.web.HealthReport;
import fableforge.web.HealthServer;
import fableforge.web.HttpEndpoint;
import fableforge.web.WebServer;
import fableforge.auth.Accounts;
import fableforge.store.OidcLoginRepository;
import fableforge.auth.Passwords;
import fableforge.auth.SignInThrottle;
import fableforge.store.AccountRepository;
import fableforge.job.WorkerSettings;
import fableforge.job.redis.RedisRateLimiter;
import fableforge.event.redis.RedisEventBus;
import fableforge.redis.RedisConnections;
import fableforge.store.NodeLeases;
import java.util.function.BooleanSupplier;
import io.github.bucket4j.TimeMeter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import fableforge.auth.Access;
import fableforge.provider.openai.ModelCatalog;
import fableforge.provider.openai.ModelKinds;
import fableforge.provider.openai.ModelLifecycle;
import fableforge.provider.openai.ModelTable;
import fableforge.provider.openai.ModelWatch;
import fableforge.provider.openai.OpenAiSettings;
import fableforge.video.SpeechSettings;

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
        this.models = checkModels(config.providers());
        this.providers = models.map(watch -> resolved(config.providers(), watch.current())).orElse(config.providers());
    }

    /**
     * Start-up's model check (OpenAI's {@code GET /models}) for every OpenAI model the configuration
     * uses: chat when OpenAI writes, image when it draws, speech when OpenAI narration is offered.
     */
    private Optional<ModelWatch> checkModels(Providers configured) {
        OpenAiSettings openAi = configured.openAi();
        List<ModelLifecycle.Wanted> wanted = new java.util.ArrayList<>();
        ModelTable table = openAi.models();
        if (configured.story().equals("openai")) {
            wanted.add(new ModelLifecycle.Wanted("chat", "OPENAI_CHAT_MODEL", openAi.chatModel(), table.chatPreference(),
                    ModelKinds::chat, true));
        }
        if (configured.images().equals("openai")) {
            wanted.add(new ModelLifecycle.Wanted("image", "OPENAI_IMAGE_MODEL", openAi.imageModel(), List.of(openAi.imageModel()),
                    id -> table.imageFamily(id).known(), true));
        }
        if (openAi.usable()) { // narration by OpenAI is offered
            wanted.add(new ModelLifecycle.Wanted("speech", "OPENAI_TTS_MODEL", configured.speech().model(), table.speechPreference(),
                    ModelKinds::speech, !configured.speech().model().equalsIgnoreCase(ModelLifecycle.AUTO)));
        }
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        ModelLifecycle lifecycle = new ModelLifecycle(new ModelCatalog(openAi.baseUrl(), openAi.apiKey(),
                Duration.ofSeconds(Math.min(30, openAi.timeout().toSeconds())), clock), table, clock);
        ModelLifecycle.Check check = lifecycle.check(wanted);
        ModelWatch.log(check);
        if (!check.problems().isEmpty()) {
            throw new ConfigException(check.problems());
        }
        return Optional.of(new ModelWatch(lifecycle, List.copyOf(wanted), check, Duration.ofDays(1)));
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
        return new Pipeline(new StoryPlanner(storyWriter, promptWriter, new HeroDesigner()), storyWriter, promptWriter, imageGenerator);
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
        Cluster cluster = config.cluster();
        config.access().checkBind(host);
        ObjectMapper mapper = new ObjectMapper();
        Database database = openDatabase(config, dataDir);
        StoryRepository stories = new StoryRepository(database.jdbi(), clock);
        ImageRepository images = new ImageRepository(database.jdbi(), clock);
        EventLog log = new EventLog(database.jdbi(), clock);
        EventBus bus = eventBus();
        SecretScrubber scrubber = new SecretScrubber(config.secrets());
        StoryEvents events = new StoryEvents(log, bus, mapper, database, scrubber);
        Limits limits = config.limits();
        SpendLedger spend = new SpendLedger(database.jdbi(), clock, providers.spend().limitUsdPerDay(), limits.perUserUsdPerDay(),
                limits.reservationLifetime());
        MediaStore media = mediaStore(dataDir);
        Pipeline served = pipeline(spend, StoredReferenceImages.withApprovals(images, media));
        WorkerSettings workers = new WorkerSettings(cluster.nodeId(), cluster.runsJobs(), database.isEmbedded(),
                cluster.jobLease(), cluster.jobPoll(), clock);
        Spending spending = new Spending(spend, served.imageGenerator()::quote);
        ImageJobs jobs = new ImageJobs(stories, images, imageProducer(served, media), events, mapper, config.imageMaxConcurrent(), workers,
                spending);
        Studio studio = new Studio(quizValidator(), served.planner(), stories, images, jobs, events, mapper, spending,
                served.storyWriter() instanceof Monitored);
        ImageReview review = new ImageReview(stories, images, jobs, events, mapper, spending);
        VideoTools videoTools = videoTools();
        VideoQuote videoQuote = new VideoQuote(videoTools, mapper);
        VideoRepository videoRows = new VideoRepository(database.jdbi(), clock);
        VideoView videoView = new VideoView(videoRows, videoQuote, mapper);
        Optional<Accounts> accounts = config.access().accounts()
                ? Optional.of(accounts(config, database, port, clock)) : Optional.empty();
        StoryView view = new StoryView(stories, images, mapper, spending, videoView,
                ownerId -> accounts.flatMap(all -> all.nameOf(ownerId)));
        MusicLibrary music = new MusicLibrary(media, dataDir.resolve("uploads"), mapper,
                new UserUploads(database.jdbi(), clock, limits.uploadQuotaMb()));
        VideoJobs videos = new VideoJobs(stories, videoRows, videoView, view,
                new VideoRender(images, media, videoTools, served.imageGenerator()::pictureArea, spend),
                new VideoRequests(stories, images, videoRows, videoTools, videoQuote, music, spending, database), events, mapper,
                config.videoMaxRenders(), dataDir.resolve("video-work").resolve(cluster.nodeId().replaceAll("[^A-Za-z0-9._-]", "_")),
                workers);
        Optional<TrackingRelay> tracking = cluster.runsJobs() ? tracking(database, mapper) : Optional.empty();
        HealthReport health = new HealthReport(mapper, new HealthReport.Node(cluster.nodeId(), cluster.role(), redis.isPresent()),
                new HealthReport.Adapters(served.storyWriter(), served.promptWriter(), served.imageGenerator(), media, videoTools),
                new HealthReport.Limits(config.imageMaxConcurrent(), imageRatePerMinute(config), config.videoMaxRenders()),
                tracking, models, database, images, videoRows, clock);
        HttpEndpoint web = cluster.servesWeb()
                ? new WebServer(studio, review, view, videos, music, log, bus, media, mapper, quizJson(), health, config.sseHeartbeat(),
                        userRateLimits(limits), scrubber, config.streamLimits(), config.web(),
                        accounts.map(all -> authentication(all, database)))
                        .start(host, port)
                : new HealthServer(health, config.web(), !config.access().accounts()).start(host, port);
        LOG.info("[START] node={} role={} story={} prompts={} images={} media={} database={} events={}", cluster.nodeId(), cluster.role(),
                served.storyWriter().name(), served.promptWriter().name(), served.imageGenerator().name(), media.name(),
                database.describe().get("adapter"), redis.isPresent() ? "redis " + redis.get() : "in-process");
        LOG.info("[START] auth={} host={}", config.access().mode().name().toLowerCase(java.util.Locale.ROOT), host);
        config.access().warnings(host).forEach(warning -> LOG.warn("[CONFIG] {}", warning));
        providers.warnings().forEach(warning -> LOG.warn("[CONFIG] {}", warning));
        cluster.warnings(providers.media()).forEach(warning -> LOG.warn("[CONFIG] {}", warning));
        jobs.start();
        videos.start();
        tracking.ifPresent(TrackingRelay::start);
        models.ifPresent(ModelWatch::start);
        return new RunningServer(web, jobs, videos, database, tracking, events, bus, redis, models);
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

    /** Sign-in with accounts: names and passwords, and the OpenID Connect provider when OIDC_ISSUER is set. */
    private Authentication authentication(Accounts accounts, Database database) {
        Access access = config.access();
        SignInThrottle throttle = new SignInThrottle(clock);
        return access.oidc().map(oidc -> Authentication.withOidc(accounts, access, throttle, oidc,
                        new OidcLoginRepository(database.jdbi(), clock), clock))
                .orElseGet(() -> new Authentication(accounts, access, throttle));
    }

    /** Each user's request rates: in Redis, shared by every node, when REDIS_URL is set; else in this process. */
    private UserRateLimits userRateLimits(Limits limits) {
        return redis.map(connections -> UserRateLimits.inRedis(limits.userRatePerMinute(), limits.userRedrawRatePerMinute(), connections,
                        config.cluster().redisKeyPrefix()))
                .orElseGet(() -> UserRateLimits.inProcess(limits.userRatePerMinute(), limits.userRedrawRatePerMinute(), TimeMeter.SYSTEM_MILLISECONDS));
    }

    /** Redis pub/sub when {@code REDIS_URL} is set, so every node's browsers see every node's events. */
    private EventBus eventBus() {
        return redis.<EventBus>map(connections -> new RedisEventBus(connections, config.cluster().redisKeyPrefix(), clock))
                .orElseGet(InProcessEventBus::new);
    }

    /** The Google Sheets relay when {@code USE_GOOGLE_AUTH=true}; nothing runs otherwise. */
    private Optional<TrackingRelay> tracking(Database database, ObjectMapper mapper) {
        fableforge.tracking.SheetsSettings sheets = providers.sheets();
        if (!sheets.enabled()) {
            return Optional.empty();
        }
        GoogleSheetsSink sink = GoogleSheetsSink.create(sheets, clock);
        LOG.info("[START] tracking=google-sheets sheet={} range={}", sheets.sheetId().orElse(""), sheets.range());
        NodeLeases leases = new NodeLeases(database.jdbi());
        Cluster cluster = config.cluster();
        BooleanSupplier leading = () -> database.isEmbedded() || leases.hold("tracking-relay", cluster.nodeId(), clock.instant(),
                clock.instant().plus(cluster.jobLease()));
        return Optional.of(new TrackingRelay(new TrackingOutbox(database.jdbi(), clock), new TrackingRows(mapper), sink,
                sheets.pollInterval(), sheets.maxBackoff(), Sleeper.REAL, clock, leading));
    }

    private MediaStore mediaStore(Path dataDir) {
        return switch (providers.media()) {
            case "cloudinary" -> new CloudinaryMediaStore(providers.cloudinary(), Sleeper.REAL, clock);
            case "s3" -> new S3MediaStore(providers.s3(), clock);
            default -> new LocalMediaStore(dataDir.resolve("media"), "media/");
        };
    }

    /** A started node; {@link #close()} stops it. */
    public record RunningServer(HttpEndpoint web, ImageJobs jobs, VideoJobs videos, Database database,
                                Optional<TrackingRelay> tracking, StoryEvents events, EventBus bus,
                                Optional<RedisConnections> redis, Optional<ModelWatch> models) implements AutoCloseable {
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

    private static String quizJson() throws IOException {
        try (var in = App.class.getResourceAsStream("/fableforge/quiz/quiz.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
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
        int clipRate = providers.video().ratePerMinute();
        return new ConfiguredVideoTools(narrators(), prices, providers.video(), providers.remoteClips(), clock,
                rateLimiter("clips-" + providers.video().clips(), clipRate, clipRate));
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

    /** A producer drawing with {@code pipeline}'s image generator into {@code media}, sharing this app's provider gate. */
    public ImageProducer imageProducer(Pipeline pipeline, MediaStore media) {
        return new ImageProducer(pipeline.imageGenerator(), media, imageGate, imageRetryPolicy, Sleeper.REAL, new Random(), clock);
    }
}
