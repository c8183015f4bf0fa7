package fableforge.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.auth.Caller;
import fableforge.event.EventBus;
import fableforge.limits.LimitedAction;
import fableforge.limits.QuotaExceeded;
import fableforge.limits.RateLimited;
import fableforge.limits.UserRateLimits;
import fableforge.media.MediaStore;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.SecretScrubber;
import fableforge.quiz.FieldError;
import fableforge.quiz.InvalidQuizException;
import fableforge.store.EventLog;
import fableforge.review.ImageDecision;
import fableforge.review.ImageReview;
import fableforge.review.RejectReason;
import fableforge.studio.StoryView;
import fableforge.studio.Studio;
import fableforge.failure.UserFacingException;
import fableforge.videojob.MusicLibrary;
import fableforge.videojob.VideoJobs;
import fableforge.videojob.VideoOptions;
import fableforge.text.SafeText;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API of DESIGN §6 (seed-compatible names), the event stream, media files and the web UI. */
public final class WebServer implements HttpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    static final long MAX_BODY_BYTES = 64 * 1024;
    private static final String EXPLAINED = "fableforge.explained";
    private static final String STREAM_SLOT = "fableforge.streamSlot";

    private final Studio studio;
    private final ImageReview review;
    private final StoryView view;
    private final VideoJobs videos;
    private final MusicLibrary music;
    private final MediaStore media;
    private final ObjectMapper mapper;
    private final Supplier<ObjectNode> health;
    private final EventStream stream;
    private final String quizJson;
    private final Optional<Authentication> authentication;
    private final MediaAccess mediaAccess = new MediaAccess(this::visibleStory);
    private final UserRateLimits limits;
    private final SecretScrubber scrubber;
    private final StreamSlots streamSlots;
    private final WebSettings settings;
    private final StrictJson strictJson = new StrictJson();
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
        this.limits = limits;
        this.scrubber = scrubber;
        this.streamSlots = new StreamSlots(streamLimits);
        this.settings = settings;
        this.studio = studio;
        this.review = review;
        this.view = view;
        this.videos = videos;
        this.music = music;
        this.media = media;
        this.mapper = mapper;
        this.quizJson = quizJson;
        this.health = health;
        this.stream = new EventStream(log, bus, this::visibleStory, heartbeatEvery);
    }

    public WebServer start(String host, int port) {
        SecurityHeaders securityHeaders = new SecurityHeaders(media.browserOrigins(), settings.trustProxy());
        javalin = Javalin.create(config -> {
            config.jetty.modifyHttpConfiguration(securityHeaders::apply);
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(securityHeaders)));
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
            // The details (providers, jobs, database) are for admins; anyone may learn whether it is up.
            getAndHead(config.routes, "/health", ctx -> json(ctx, 200, RequestCaller.of(ctx).admin() ? health.get()
                    : HealthServer.statusOnly(health.get())));
            getAndHead(config.routes, "/api/quiz", ctx -> ctx.contentType("application/json").result(quizJson));
            getAndHead(config.routes, "/api/stories", ctx -> json(ctx, 200, view.list(RequestCaller.of(ctx), 100)));
            config.routes.post("/submit", this::submit);
            config.routes.post("/approve_scenes", this::approveScenes);
            getAndHead(config.routes, "/story/{id}", ctx -> json(ctx, 200, view.story(RequestCaller.of(ctx), ctx.pathParam("id"))));
            config.routes.post("/approve_image/{id}/{n}", this::approveImage);
            config.routes.post("/generate_video/{id}", this::generateVideo);
            config.routes.post("/api/music", this::uploadMusic);
            config.routes.before("/stream", ctx -> {
                String accept = ctx.header("Accept");
                if (accept == null || !accept.contains("text/event-stream")) {
                    throw new NotAcceptable();
                }
                // Someone else's story is as unknown as a story that never was (404, never 403).
                String channel = ctx.queryParam("channel");
                if (channel != null && !visibleStory(RequestCaller.of(ctx), channel)) {
                    throw new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no story with this id; open the stream as stream?channel=<story_id>");
                }
            });
            config.routes.before("/stream", this::takeStreamSlot);
            config.routes.sse("/stream", client -> {
                StreamSlots.Slot slot = client.ctx().attribute(STREAM_SLOT);
                client.ctx().attribute(STREAM_SLOT, null);
                stream.open(client, slot == null ? () -> { } : slot::release);
            });
            config.routes.after("/stream", ctx -> {
                // The request ended without becoming a stream (refused after the slot was taken).
                StreamSlots.Slot slot = ctx.attribute(STREAM_SLOT);
                if (slot != null) {
                    slot.release();
                }
            });
            getAndHead(config.routes, "/media/<key>", this::media);
            config.routes.exception(NotAcceptable.class, (e, ctx) -> error(ctx, 406, "not_acceptable",
                    "this is a Server-Sent Events stream: send the header Accept: text/event-stream (EventSource does)"));
            config.routes.exception(MethodNotAllowedResponse.class, (e, ctx) -> methodNotAllowed(ctx, e));
            // Javalin's own answers (no such endpoint, …) are plain text otherwise.
            config.routes.exception(HttpResponseException.class, (e, ctx) -> explained(ctx).error(ctx, e.getStatus(),
                    JsonErrorHandler.code(e.getStatus()), e.getStatus() == 404 ? noSuchEndpoint(ctx)
                            : e.getStatus() == 413 ? "request body over " + MAX_BODY_BYTES / 1024 + " KiB" : JsonErrorHandler.message(e.getStatus())));
            config.routes.exception(Refusal.class, (e, ctx) -> {
                e.headers().forEach(ctx::header);
                explained(ctx).error(ctx, e.status(), e.code(), e.getMessage());
            });
            config.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, "bad_request", e.getMessage()));
            config.routes.exception(UserFacingException.class,
                    (e, ctx) -> explained(ctx).error(ctx, e.kind().status(), e.kind().code(), e.getMessage()));
            config.routes.exception(RateLimited.class, (e, ctx) -> {
                ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
                error(ctx, 429, "rate_limited", e.getMessage());
            });
            config.routes.exception(QuotaExceeded.class, (e, ctx) -> explained(ctx).error(ctx, 413, "quota_exceeded", e.getMessage()));
            config.routes.exception(InvalidQuizException.class, (e, ctx) -> {
                ObjectNode body = mapper.createObjectNode().put("error", "invalid_quiz")
                        .put("message", "Some answers need fixing: " + e.errors().size());
                ObjectNode fields = body.putObject("fields");
                for (FieldError error : e.errors()) {
                    fields.put(error.field(), error.message());
                }
                json(ctx, 400, body);
            });
            config.routes.exception(ProviderException.class, (e, ctx) -> providerFailed(ctx, e));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal_error", "Something went wrong on the server; nothing was changed. Try again.");
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    error(ctx, 404, "not_found", noSuchEndpoint(ctx));
                }
            });
            config.routes.error(413, ctx -> {
                // Our own 413s (an upload over its own limit) already say why; this one is the JSON body limit.
                if (ctx.attribute(EXPLAINED) == null) {
                    error(ctx, 413, "too_large", "request body over " + MAX_BODY_BYTES / 1024 + " KiB");
                }
            });
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

    private void submit(Context ctx) throws InvalidQuizException, ProviderException {
        // A body that cannot be read costs nothing, so it spends none of the caller's rate.
        ObjectNode answers = strictJson.read(ctx);
        limits.take(RequestCaller.of(ctx), LimitedAction.SUBMIT);
        json(ctx, 200, studio.submit(RequestCaller.of(ctx), answers));
    }

    private void approveScenes(Context ctx) {
        JsonNode body = strictJson.read(ctx);
        String storyId = text(body, "story_id").orElseThrow(() -> new BadRequest("story_id is required"));
        JsonNode scenes = body.path("scenes");
        if (!scenes.isArray()) {
            throw new BadRequest("scenes must be an array of 20 scene texts");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode scene : scenes) {
            if (!scene.isTextual()) {
                throw new BadRequest("every scene must be text");
            }
            texts.add(scene.asText());
        }
        limits.take(RequestCaller.of(ctx), LimitedAction.APPROVE_SCENES);
        json(ctx, 202, studio.approveScenes(RequestCaller.of(ctx), storyId, texts));
    }

    private void approveImage(Context ctx) {
        int scene = WholeNumber.parse(ctx.pathParam("n"), 1, 20)
                .orElseThrow(() -> new BadRequest("scene number must be a whole number from 1 to 20"));
        JsonNode body = strictJson.read(ctx);
        String action = text(body, "action").orElse("");
        if (!action.equals("approve") && !action.equals("reject")) {
            throw new BadRequest("action must be \"approve\" or \"reject\"");
        }
        Optional<String> prompt = text(body, "prompt").map(String::strip).filter(p -> !p.isEmpty());
        if (prompt.isPresent()) {
            SafeText.problem("prompt", prompt.get(), SafeText.Lines.MULTI).ifPresent(problem -> {
                throw new BadRequest(problem);
            });
        }
        if (prompt.isPresent() && prompt.get().length() > 4_000) {
            throw new BadRequest("prompt is " + prompt.get().length() + " characters; keep it under 4000");
        }
        Optional<RejectReason> reason = text(body, "reason").map(id -> RejectReason.fromId(id)
                .orElseThrow(() -> new BadRequest("reason must be one of colours, character, style, anatomy, composition, other")));
        Optional<Integer> attempt = Optional.empty();
        if (body.hasNonNull("attempt")) {
            if (!body.get("attempt").canConvertToInt() || !body.get("attempt").isIntegralNumber()) {
                throw new BadRequest("attempt must be a whole number (the version to approve)");
            }
            if (body.get("attempt").asInt() < 1) {
                throw new BadRequest("attempt must be 1 or more (the version to approve)");
            }
            attempt = Optional.of(body.get("attempt").asInt());
        }
        JsonNode apply = body.path("apply_to_pending");
        if (!apply.isMissingNode() && !apply.isNull() && !apply.isBoolean()) {
            throw new BadRequest("apply_to_pending must be true or false");
        }
        if (action.equals("reject")) {
            limits.take(RequestCaller.of(ctx), LimitedAction.REDRAW);
        }
        json(ctx, 200, review.decideImage(RequestCaller.of(ctx), ctx.pathParam("id"), scene,
                new ImageDecision(action.equals("approve"), attempt, reason, prompt, apply.asBoolean(false))));
    }

    /** {@code {clips?, narration?, draft?, music_key?}}, every field optional; an empty body asks for the defaults. */
    private void generateVideo(Context ctx) {
        JsonNode body = strictJson.readOrEmpty(ctx);
        JsonNode draft = body.path("draft");
        if (!draft.isMissingNode() && !draft.isNull() && !draft.isBoolean()) {
            throw new BadRequest("draft must be true or false");
        }
        VideoOptions options = new VideoOptions(text(body, "clips").orElse("local").strip().toLowerCase(Locale.ROOT),
                text(body, "narration").orElse("none").strip().toLowerCase(Locale.ROOT), draft.asBoolean(false),
                text(body, "music_key").map(String::strip).filter(key -> !key.isEmpty()));
        limits.take(RequestCaller.of(ctx), LimitedAction.VIDEO);
        json(ctx, 202, videos.request(RequestCaller.of(ctx), ctx.pathParam("id"), options));
    }

    /**
     * The music file itself as the body, with its audio Content-Type. Read as a stream (the JSON body
     * limit does not apply) and cut off at {@link MusicLibrary#MAX_BYTES}.
     */
    private void uploadMusic(Context ctx) throws IOException {
        limits.take(RequestCaller.of(ctx), LimitedAction.UPLOAD);
        // The raw header: the servlet's getContentType() looks the charset up and throws on an unknown one.
        json(ctx, 201, music.upload(RequestCaller.of(ctx), ctx.req().getInputStream(), ctx.header("Content-Type"), ctx.req().getContentLengthLong()));
    }

    /**
     * A provider failure the retries did not cure. Out of credit is said as exactly that (402); a
     * problem the user's configuration must fix is not followed by "try again".
     */
    private void providerFailed(Context ctx, ProviderException e) {
        // The provider's own words, without any configured secret and cut to one short line.
        String message = scrubber.summary(e.getMessage());
        LOG.warn("provider failed on {} {}: {}", ctx.method(), ctx.path(), message);
        switch (e.error()) {
            case ProviderError.BillingLimit billing -> error(ctx, 402, "billing_limit", message);
            case ProviderError.BadCredentials credentials -> error(ctx, 502, "provider_credentials", message);
            case ProviderError.BadRequest request -> error(ctx, 502, "provider_rejected", message);
            default -> error(ctx, 502, "provider_failed", "The story provider failed: " + message + ". Try again.");
        }
    }

    /**
     * A place among the open streams (SSE_MAX_CONNECTIONS in all, SSE_MAX_PER_USER each), keyed by the
     * signed-in user, or by the client's address without accounts (where everyone is the one open caller).
     */
    private void takeStreamSlot(Context ctx) {
        Caller caller = RequestCaller.of(ctx);
        String user = caller == Caller.OPEN ? "address:" + ctx.ip() : "user:" + caller.userId();
        StreamSlots.Slot slot = streamSlots.take(user).orElseThrow(() -> new Refusal(503, "too_many_streams",
                "too many event streams are open; close other tabs of this app or try again in a few seconds", Map.of("Retry-After", "10")));
        ctx.attribute(STREAM_SLOT, slot);
    }

    /**
     * Media the local store keeps, with single byte ranges (RFC 9110 §14): browsers fetch an MP4 in
     * ranges to seek in it. Javalin's writeSeekableStream was not used: it parses only "from-to" (a
     * suffix range "-500" is read as from 500), answers no 416, and cuts video ranges to 128 kB.
     */
    private void media(Context ctx) throws Exception {
        String key = ctx.pathParam("key");
        if (!mediaAccess.mayRead(RequestCaller.of(ctx), key)) {
            // As unknown as a file that never was (404, never 403).
            throw new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no such media");
        }
        Optional<Long> size;
        try {
            Optional<URI> elsewhere = media.redirect(key);
            if (elsewhere.isPresent()) {
                // A signed link expires, so neither the redirect nor the link may be cached for long.
                ctx.header("Cache-Control", "no-store");
                ctx.redirect(elsewhere.get().toString(), HttpStatus.FOUND);
                return;
            }
            size = media.size(key);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no such media");
        }
        if (size.isEmpty()) {
            throw new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no such media");
        }
        long total = size.get();
        MediaType type = MediaType.of(key);
        ByteRange.Parsed requested = type.ranges() ? ByteRange.parse(ctx.header("Range"), total) : ByteRange.parse(null, total);
        ctx.header("Accept-Ranges", type.ranges() ? "bytes" : "none");
        if (requested.answer() == ByteRange.Answer.UNSATISFIABLE) {
            ctx.header("Content-Range", "bytes */" + total);
            error(ctx, 416, "range_not_satisfiable", "the range " + ctx.header("Range") + " is outside the " + total + " bytes of this file");
            return;
        }
        ByteRange bytes = requested.range();
        InputStream in = media.open(key, bytes.first())
                .orElseThrow(() -> new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no such media"));
        // With accounts a file is one user's: no shared cache may keep it.
        ctx.header("Cache-Control", (RequestCaller.of(ctx) == Caller.OPEN ? "public" : "private") + ", max-age=31536000, immutable");
        ctx.header("Content-Disposition", type.disposition(key));
        if (requested.answer() == ByteRange.Answer.PARTIAL) {
            ctx.status(206).header("Content-Range", bytes.contentRange(total));
        }
        if (type.ranges()) {
            // Never compressed by Javalin (see MediaType), so the stored length is the length sent.
            ctx.header("Content-Length", String.valueOf(bytes.length()));
        }
        ctx.contentType(type.contentType()).result(ByteRange.limit(in, bytes.length()));
    }

    private static String noSuchEndpoint(Context ctx) {
        String path = ctx.path().length() > 200 ? ctx.path().substring(0, 200) + "…" : ctx.path();
        return "no such endpoint: " + ctx.method() + " " + path;
    }

    /** A GET route that also answers HEAD: the same status and headers, and Jetty sends no body for a HEAD. */
    private static void getAndHead(RoutesConfig routes, String path, Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
    }

    /** 405 with the methods the path does take in {@code Allow} (RFC 9110 §15.5.6), as JSON like every error. */
    private void methodNotAllowed(Context ctx, MethodNotAllowedResponse e) {
        List<String> allowed = new ArrayList<>();
        for (String method : e.getDetails().getOrDefault("availableMethods", "").split("[,\\s]+")) {
            String name = method.strip().toUpperCase(Locale.ROOT);
            if (!name.isEmpty() && !name.equals("BEFORE") && !name.equals("AFTER") && !allowed.contains(name)) {
                allowed.add(name);
            }
        }
        ctx.header("Allow", String.join(", ", allowed));
        explained(ctx).error(ctx, 405, "method_not_allowed", ctx.method() + " is not used on " + ctx.path()
                + "; this path takes " + String.join(", ", allowed));
    }

    /** Marks the answer as carrying its own explanation, so a status-wide error handler leaves it alone. */
    private WebServer explained(Context ctx) {
        ctx.attribute(EXPLAINED, true);
        return this;
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new BadRequest(field + " must be text");
        }
        return Optional.of(node.asText());
    }

    private void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private void error(Context ctx, int status, String code, String message) {
        json(ctx, status, mapper.createObjectNode().put("error", code).put("message", message));
    }

    @Override
    public void close() {
        stream.close();
        if (javalin != null) {
            javalin.stop();
        }
    }

    static final class NotAcceptable extends RuntimeException {
    }

    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
