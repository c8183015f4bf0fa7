package fableforge.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.auth.Caller;
import fableforge.event.EventBus;
import fableforge.limits.UserRateLimits;
import fableforge.media.MediaStore;
import fableforge.provider.SecretScrubber;
import fableforge.store.EventLog;
import fableforge.review.ImageDecision;
import fableforge.review.RejectReason;
import fableforge.review.ImageReview;
import fableforge.studio.StoryView;
import fableforge.studio.Studio;
import fableforge.failure.UserFacingException;
import fableforge.videojob.MusicLibrary;
import fableforge.videojob.VideoJobs;
import fableforge.videojob.VideoOptions;
import fableforge.text.SafeText;
import fableforge.videojob.MusicLibrary;
import fableforge.videojob.VideoJobs;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of DESIGN §6 (seed-compatible names), the event stream, media files and the web UI: the
 * server, its hardening in order, and the route groups (story, video, stream, media, errors), each in its
 * own class. Answers are the records of {@code fableforge.wire}, written by the app's Jackson mapper.
 */
public final class WebServer implements HttpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    static final long MAX_BODY_BYTES = 64 * 1024;

    private final StoryView view;
    private final MediaStore media;
    private final ObjectMapper mapper;
    private final Supplier<ObjectNode> health;
    private final EventLog log;
    private final EventBus bus;
    private final Duration heartbeatEvery;
    private EventStream stream;
    private Optional<WebMetrics> metrics = Optional.empty();
    private final Optional<Authentication> authentication;
    private final StreamSlots streamSlots;
    private final WebSettings settings;
    private final StoryRoutes storyRoutes;
    private final VideoRoutes videoRoutes;
    private final ErrorAnswers errors;
    private final java.util.Map<String, Handler> posts = new java.util.LinkedHashMap<>();
    private Javalin javalin;

    /** @param limits each user's rate on the paid or heavy endpoints (submit, approvals, redraws, video, upload) */
    public WebServer(Studio studio, ImageReview review, StoryView view, VideoJobs videos, MusicLibrary music, EventLog log, EventBus bus, MediaStore media,
                     ObjectMapper mapper, String quizJson, Supplier<ObjectNode> health, Duration heartbeatEvery, UserRateLimits limits,
                     SecretScrubber scrubber, StreamLimits streamLimits, WebSettings settings) {
        this(studio, review, view, videos, music, log, bus, media, mapper, quizJson, health, heartbeatEvery, limits, scrubber, streamLimits,
                settings, Optional.empty());
    }

    /** @param authentication with accounts: who is asking, checked before everything else */
    public WebServer(Studio studio, ImageReview review, StoryView view, VideoJobs videos, MusicLibrary music, EventLog log, EventBus bus, MediaStore media,
                     ObjectMapper mapper, String quizJson, Supplier<ObjectNode> health, Duration heartbeatEvery, UserRateLimits limits,
                     SecretScrubber scrubber, StreamLimits streamLimits, WebSettings settings,
                     Optional<Authentication> authentication) {
        this.authentication = authentication;
        this.streamSlots = new StreamSlots(streamLimits);
        this.settings = settings;
        this.view = view;
        this.media = media;
        this.mapper = mapper;
        this.health = health;
        this.log = log;
        this.bus = bus;
        this.heartbeatEvery = heartbeatEvery;
        StrictJson strictJson = new StrictJson();
        this.storyRoutes = new StoryRoutes(studio, review, view, limits, strictJson, quizJson, new StorySnapshots(view, mapper));
        this.videoRoutes = new VideoRoutes(videos, music, limits, strictJson);
        this.errors = new ErrorAnswers(scrubber);
    }

    /**
     * A POST route the composition root adds when present (Telegram's webhook), installed with the others;
     * the handler checks its own caller (the route is public to sign-in, see {@code Authentication}).
     */
    public WebServer post(String path, Optional<Handler> handler) {
        handler.ifPresent(route -> posts.put(path, route));
        return this;
    }

    public WebServer start(String host, int port) {
        stream = new EventStream(log, bus, this::visibleStory, heartbeatEvery, EventStream.QUEUE_CAPACITY,
                metrics.<StreamConnection.Meter>map(meter -> meter).orElse(StreamConnection.Meter.NONE),
                new ReplayedEvents(view.mediaUrls(), mapper));
        metrics.ifPresent(meter -> meter.streams(stream::open));
        SecurityHeaders securityHeaders = new SecurityHeaders(media.browserOrigins(), settings.trustProxy());
        javalin = Javalin.create(config -> {
            config.jetty.modifyHttpConfiguration(securityHeaders::apply);
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(securityHeaders)));
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.prefer405over404 = true;
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.startup.showJavalinBanner = false;
            // In this order: a foreign Host (421) and a cross-site write (403) are refused before anyone is identified.
            config.routes.before(new HostAllowList(settings.hostsFor(host)));
            config.routes.before(new CrossSiteGuard(settings.trustProxy()));
            authentication.ifPresent(auth -> auth.install(config));
            if (WebServer.class.getResource("/web/index.html") != null) {
                config.staticFiles.add("/web", Location.CLASSPATH);
            }
            config.routes.after(SecurityHeaders::noStoreForJson);
            metrics.ifPresent(meter -> meter.install(config));
            // The details (providers, jobs, database) are for admins; anyone may learn whether it is up.
            getAndHead(config.routes, "/health", ctx -> ctx.json(RequestCaller.of(ctx).admin() ? health.get()
                    : HealthServer.statusOnly(health.get())));
            storyRoutes.install(config.routes);
            videoRoutes.install(config.routes);
            new StreamRoutes(stream, streamSlots, this::visibleStory).install(config.routes);
            new MediaRoutes(media, this::visibleStory).install(config.routes);
            posts.forEach(config.routes::post);
            errors.install(config.routes);
        }).start();
        LOG.info("FableForge listening on http://{}:{}/", host, javalin.port());
        return this;
    }

    private boolean visibleStory(Caller caller, String storyId) {
        return storyId.matches("[0-9a-f]{32}") && view.visible(caller, storyId);
    }

    @Override
    public int port() {
        return javalin.port();
    }

    /** Serves {@code GET /metrics} and feeds it (request latency, event streams); call before {@link #start}. */
    public WebServer metrics(WebMetrics webMetrics) {
        this.metrics = Optional.of(webMetrics);
        return this;
    }

    /** A GET route that also answers HEAD: the same status and headers, and Jetty sends no body for a HEAD. */
    static void getAndHead(RoutesConfig routes, String path, Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
        if (javalin != null) {
            javalin.stop();
        }
    }
}
