package fableforge;

import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.auth.Access;
import fableforge.auth.Accounts;
import fableforge.auth.SignInThrottle;
import fableforge.event.EventBus;
import fableforge.event.InProcessEventBus;
import fableforge.event.redis.RedisEventBus;
import fableforge.image.StoredReferenceImages;
import fableforge.job.Sleeper;
import fableforge.job.WorkerSettings;
import fableforge.limits.UserRateLimits;
import fableforge.limits.UserUploads;
import fableforge.media.LocalMediaStore;
import fableforge.media.MediaUrls;
import fableforge.media.MediaStore;
import fableforge.media.MeteredMediaStore;
import fableforge.media.Thumbnails;
import fableforge.media.cloudinary.CloudinaryMediaStore;
import fableforge.media.s3.S3MediaStore;
import fableforge.provider.SecretScrubber;
import fableforge.provider.call.ProviderMeters;
import fableforge.provider.http.Monitored;
import fableforge.provider.openai.ModelWatch;
import fableforge.redis.RedisConnections;
import fableforge.spend.SpendLedger;
import fableforge.spend.Spending;
import fableforge.store.Database;
import fableforge.store.EventLog;
import fableforge.store.ImageRepository;
import fableforge.store.OidcLoginRepository;
import fableforge.store.StoryRepository;
import fableforge.store.VideoRepository;
import fableforge.review.ImageJobs;
import fableforge.review.ImageReview;
import fableforge.videojob.MusicLibrary;
import fableforge.studio.StoryEvents;
import fableforge.studio.StoryView;
import fableforge.studio.Studio;
import fableforge.videojob.VideoJobs;
import fableforge.videojob.VideoQuote;
import fableforge.videojob.VideoRender;
import fableforge.videojob.VideoRequests;
import fableforge.videojob.VideoTools;
import fableforge.videojob.VideoView;
import fableforge.telegram.TelegramApproval;
import fableforge.telegram.TelegramSettings;
import fableforge.tracking.SheetsTracking;
import fableforge.tracking.TrackingRelay;
import fableforge.web.Authentication;
import fableforge.web.HealthReport;
import fableforge.web.HealthServer;
import fableforge.web.HttpEndpoint;
import fableforge.web.WebMetrics;
import fableforge.web.WebServer;
import io.github.bucket4j.TimeMeter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The part of the composition root that starts a {@code serve} node: the database, the repositories,
 * the studio, the jobs, the web server or the worker's health endpoint, wired by constructor from what
 * {@link App} chose. Separate from {@code App} only to keep each file readable.
 */
final class ServedNode {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(App.class);

    private final App app;
    private final Config config;
    private final Clock clock;
    private final Optional<RedisConnections> redis;
    private final Optional<ModelWatch> models;

    ServedNode(App app, Config config, Clock clock, Optional<RedisConnections> redis, Optional<ModelWatch> models) {
        this.app = app;
        this.config = config;
        this.clock = clock;
        this.redis = redis;
        this.models = models;
    }

    /** Wires and starts this node; the App has already read the configuration and checked the models. */
    App.RunningServer start(String host, int port, Path dataDir) throws IOException {
        Cluster cluster = config.cluster();
        config.access().checkBind(host);
        ObjectMapper mapper = new ObjectMapper();
        Database database = App.openDatabase(config, dataDir);
        StoryRepository stories = new StoryRepository(database.jdbi(), clock);
        ImageRepository images = new ImageRepository(database.jdbi(), clock);
        EventLog log = new EventLog(database, clock);
        EventBus bus = eventBus();
        SecretScrubber scrubber = new SecretScrubber(config.secrets());
        StoryEvents events = new StoryEvents(log, bus, mapper, database, scrubber);
        Limits limits = config.limits();
        SpendLedger spend = new SpendLedger(database.jdbi(), clock, app.providers().spend().limitUsdPerDay(), limits.perUserUsdPerDay(),
                limits.reservationLifetime());
        // One registry per node: /metrics shows what this node's pipelines counted (a web node's story writing,
        // a worker's drawing and rendering), read from the web server or the worker's health port.
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProviderMeters calls = new ProviderMeters(metrics);
        MediaStore mediaAdapter = mediaStore(dataDir);
        MediaStore media = new MeteredMediaStore(mediaAdapter, calls);
        App.Pipeline served = app.pipeline(spend, StoredReferenceImages.withApprovals(images, media), calls);
        WorkerSettings workers = new WorkerSettings(cluster.nodeId(), cluster.runsJobs(), database.isEmbedded(),
                cluster.jobLease(), cluster.jobPoll(), clock);
        Spending spending = new Spending(spend, served.imageGenerator()::quote);
        ImageJobs jobs = new ImageJobs(stories, images, app.imageProducer(served, media, calls).withThumbnails(new Thumbnails(media)), events, mapper, config.imageMaxConcurrent(), workers,
                spending, mediaUrls());
        Studio studio = new Studio(app.quizValidator(), served.planner(), stories, images, jobs, events, mapper, spending,
                served.storyWriter() instanceof Monitored);
        ImageReview review = new ImageReview(stories, images, jobs, events, mapper, spending);
        VideoTools videoTools = app.videoTools(calls);
        VideoQuote videoQuote = new VideoQuote(videoTools, mapper);
        VideoRepository videoRows = new VideoRepository(database.jdbi(), clock);
        VideoView videoView = new VideoView(videoRows, videoQuote, mapper, mediaUrls());
        Optional<Accounts> accounts = config.access().accounts()
                ? Optional.of(App.accounts(config, database, port, clock)) : Optional.empty();
        StoryView view = new StoryView(stories, images, mapper, spending, videoView,
                ownerId -> accounts.flatMap(all -> all.nameOf(ownerId)), mediaUrls());
        MusicLibrary music = new MusicLibrary(media, dataDir.resolve("uploads"), mapper,
                new UserUploads(database.jdbi(), clock, limits.uploadQuotaMb()));
        VideoJobs videos = new VideoJobs(stories, videoRows, videoView, view,
                new VideoRender(images, media, videoTools, served.imageGenerator()::pictureArea, spend),
                new VideoRequests(stories, images, videoRows, videoTools, videoQuote, music, spending, database), events, mapper,
                config.videoMaxRenders(), dataDir.resolve("video-work").resolve(cluster.nodeId().replaceAll("[^A-Za-z0-9._-]", "_")),
                workers);
        Optional<TrackingRelay> tracking = cluster.runsJobs()
                ? SheetsTracking.relay(app.providers().sheets(), database, mapper, cluster.nodeId(), cluster.jobLease(), clock, calls) : Optional.empty();
        HealthReport health = new HealthReport(mapper, new HealthReport.Node(cluster.nodeId(), cluster.role(), redis.isPresent()),
                new HealthReport.Adapters(served.storyWriter(), served.promptWriter(), served.imageGenerator(), mediaAdapter, videoTools),
                new HealthReport.Limits(config.imageMaxConcurrent(), App.imageRatePerMinute(config), config.videoMaxRenders()),
                tracking, models, database, images, videoRows, clock);
        // Telegram approval (ENABLE_TELEGRAM): checked against Telegram now, so a wrong token or chat stops start-up.
        Optional<TelegramApproval> telegram;
        try {
            telegram = TelegramApproval.create(app.providers().telegram(), database, stories, images, media, review, mapper,
                    config.access().publicBaseUrl(), cluster.nodeId(), cluster.jobLease(), clock, calls);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        health = health.withTelegram(telegram);
        HttpEndpoint web = cluster.servesWeb()
                ? new WebServer(studio, review, view, videos, music, log, bus, media, mapper, quizJson(), health, config.sseHeartbeat(),
                        userRateLimits(limits), scrubber, config.streamLimits(), config.web(),
                        accounts.map(all -> authentication(all, database)))
                        .post(TelegramSettings.WEBHOOK_PATH, telegram.flatMap(TelegramApproval::webhook))
                        .metrics(new WebMetrics(health, spend, metrics))
                        .start(host, port)
                : new HealthServer(health, config.web(), !config.access().accounts())
                        .metrics(new WebMetrics(health, spend, metrics), accounts)
                        .start(host, port);
        LOG.info("[START] node={} role={} story={} prompts={} images={} media={} database={} events={}", cluster.nodeId(), cluster.role(),
                served.storyWriter().name(), served.promptWriter().name(), served.imageGenerator().name(), media.name(),
                database.describe().get("adapter"), redis.isPresent() ? "redis " + redis.get() : "in-process");
        LOG.info("[START] auth={} host={}", config.access().mode().name().toLowerCase(java.util.Locale.ROOT), host);
        config.access().warnings(host).forEach(warning -> LOG.warn("[CONFIG] {}", warning));
        app.providers().warnings().forEach(warning -> LOG.warn("[CONFIG] {}", warning));
        cluster.warnings(app.providers().media()).forEach(warning -> LOG.warn("[CONFIG] {}", warning));
        jobs.start();
        videos.start();
        tracking.ifPresent(TrackingRelay::start);
        telegram.ifPresent(bot -> bot.start(cluster.runsJobs()));
        models.ifPresent(ModelWatch::start);
        return new App.RunningServer(web, jobs, videos, database, tracking, events, bus, redis, models, telegram);
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

    private MediaStore mediaStore(Path dataDir) {
        return switch (app.providers().media()) {
            case "cloudinary" -> new CloudinaryMediaStore(app.providers().cloudinary(), Sleeper.REAL, clock);
            case "s3" -> new S3MediaStore(app.providers().s3(), clock, mediaUrls().prefix());
            // URLs clients can resolve from any document (issue 14): /media/<key>, under PUBLIC_BASE_URL when set.
            default -> new LocalMediaStore(dataDir.resolve("media"), mediaUrls().prefix());
        };
    }

    private MediaUrls mediaUrls() {
        return MediaUrls.of(config.access().publicBaseUrl());
    }

    private static String quizJson() throws IOException {
        try (var in = App.class.getResourceAsStream("/fableforge/quiz/quiz.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
