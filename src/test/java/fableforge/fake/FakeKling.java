package fableforge.fake;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * Kling's image-to-video API on loopback, as its reference describes it. Every call must carry a JWT
 * signed HS256 with {@link #SECRET_KEY}, {@code iss} {@link #ACCESS_KEY}, header {@code typ: JWT},
 * valid now and for 30 minutes from five seconds ago (checked with Auth0's java-jwt, an implementation
 * independent of the adapter's); a submit must have the fields and types Kling takes ({@code duration}
 * the string "5" or "10", {@code image} raw base64 of a PNG or JPEG, no {@code data:} prefix, a known
 * model (else 1203), only the optional parameters that model takes (else 1201: {@code cfg_scale} only for
 * v1 models, {@code mode} std/pro not for the master models), {@code cfg_scale} in 0–1, a fresh
 * {@code external_task_id}). Tasks go submitted →
 * processing → succeed over {@link #pollsToFinish} polls and then link to a real MP4 on the fake's
 * file store. Failure modes: a task that fails with a message (all or one scene's), one that never
 * finishes, slow status answers, expired links; error envelopes are scripted with {@link #envelope}.
 */
public final class FakeKling implements AutoCloseable {

    public static final String ACCESS_KEY = "ak-fake-kling";
    public static final String SECRET_KEY = "sk-fake-kling-secret";
    public static final String SUBMIT = "/v1/videos/image2video";
    /** Any path below the submit path: {@link #status} itself refuses a task id that is not exactly one encoded segment. */
    public static final String STATUS = "/v1/videos/image2video/.+";
    /**
     * The image-to-video models and the optional parameters each takes, written out here apart from the
     * adapter's table so that a mistake there shows: {@code cfg_scale} only for the v1 family ("not supported
     * for V2.x models"), no {@code mode} for the master models ("Kling-v2-master currently does not support
     * mode parameter"). Kling's image-to-video reference and capability map, checked 2026-12-02.
     */
    private record Takes(boolean cfgScale, boolean mode) {
    }

    private static final Map<String, Takes> MODELS = Map.of(
            "kling-v1", new Takes(true, true), "kling-v1-5", new Takes(true, true), "kling-v1-6", new Takes(true, true),
            "kling-v2-master", new Takes(false, false), "kling-v2-1", new Takes(false, true),
            "kling-v2-1-master", new Takes(false, false), "kling-v2-5-turbo", new Takes(false, true), "kling-v2-6", new Takes(false, true));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FakeServer server = new FakeServer();
    private final List<String> problems = FakeFileStore.problemList();
    private final FakeFileStore files;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final Set<String> externalIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private volatile int pollsToFinish = 3;
    private volatile boolean neverFinish;
    private volatile String failMessage;
    private volatile int failScene;
    private volatile Duration statusDelay = Duration.ZERO;
    private volatile String taskIdPrefix = "task-";
    private volatile byte[] clip = TestClips.standard();
    private final Map<String, Takes> extraModels = new ConcurrentHashMap<>();

    private static final class Task {
        final String id;
        final JsonNode request;
        final AtomicInteger polls = new AtomicInteger();
        volatile boolean over;

        Task(String id, JsonNode request) {
            this.id = id;
            this.request = request;
        }
    }

    public FakeKling() {
        files = new FakeFileStore(server, problems, this::finished);
        server.on("POST", SUBMIT, this::submit);
        server.on("GET", STATUS, this::status);
    }

    public String baseUrl() {
        return server.url();
    }

    public FakeServer server() {
        return server;
    }

    /** What the fake found wrong in the adapter's requests (empty when it spoke the contract). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public FakeKling pollsToFinish(int polls) {
        this.pollsToFinish = polls;
        return this;
    }

    public FakeKling neverFinish() {
        this.neverFinish = true;
        return this;
    }

    /** Every task fails with {@code message} once it would have succeeded. */
    public FakeKling failTasks(String message) {
        this.failMessage = message;
        this.failScene = 0;
        return this;
    }

    /** Only tasks of scene {@code scene} (by their external_task_id) fail with {@code message}. */
    public FakeKling failScene(int scene, String message) {
        this.failMessage = message;
        this.failScene = scene;
        return this;
    }

    /** Task ids start with {@code prefix} (a hostile one: {@code ../}, {@code ?}), to show they are sent as one path segment. */
    public FakeKling taskIdsStartingWith(String prefix) {
        this.taskIdPrefix = prefix;
        return this;
    }

    public FakeKling statusDelay(Duration delay) {
        this.statusDelay = delay;
        return this;
    }

    public FakeKling expireFirstLinks(int links) {
        files.expireFirst(links);
        return this;
    }

    public FakeKling clip(byte[] mp4) {
        this.clip = mp4;
        return this;
    }

    /** Kling also offers {@code model}, taking no optional parameter (what a model newer than the adapter's table looks like). */
    public FakeKling offerModel(String model) {
        extraModels.put(model, new Takes(false, false));
        return this;
    }

    /** Kling's answer to a call from an address outside the account's IP allow-list: code 1304 with HTTP 429. */
    public static FakeServer.Reply ipNotAllowed() {
        return envelope(429, 1304, "Trigger the platform's IP whitelist policy");
    }

    /** The submit bodies received, in order. */
    public List<JsonNode> submitted() {
        return server.requests("POST", SUBMIT).stream().map(r -> json(r.body())).toList();
    }

    public int statusCalls() {
        return server.requests("GET", STATUS).size();
    }

    public int downloads() {
        return files.downloads();
    }

    /** The most tasks that were in flight (submitted, not yet failed or downloaded) at once. */
    public int maxActive() {
        return maxActive.get();
    }

    /** Kling's envelope for an error: {@code {code, message, request_id}} with the given HTTP status. */
    public static FakeServer.Reply envelope(int httpStatus, int code, String message) {
        return FakeServer.Reply.json(httpStatus, MAPPER.createObjectNode().put("code", code).put("message", message)
                .put("request_id", UUID.randomUUID().toString()).toString());
    }

    private FakeServer.Reply submit(FakeServer.Recorded request) {
        FakeServer.Reply denied = KlingAuthentication.check(request, problems);
        if (denied != null) {
            return denied;
        }
        if (request.header("content-type") == null || !request.header("content-type").startsWith("application/json")) {
            return invalid("Content-Type must be application/json");
        }
        JsonNode body = json(request.body());
        if (body == null || !body.isObject()) {
            return invalid("the body is not a JSON object");
        }
        String model = body.path("model_name").asText();
        Takes takes = MODELS.containsKey(model) ? MODELS.get(model) : extraModels.get(model);
        if (takes == null) {
            problems.add("model_name: unknown model " + model);
            // Kling's table: 1203, HTTP 404, "the requested resource does not exist, such as the model".
            return envelope(404, 1203, "model_name " + model + " does not exist");
        }
        String problem = checkSubmit(body, model, takes);
        if (problem != null) {
            problems.add(problem);
            return invalid(problem);
        }
        String id = taskIdPrefix + UUID.randomUUID();
        tasks.put(id, new Task(id, body));
        maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
        return ok(MAPPER.createObjectNode().put("task_id", id).put("task_status", "submitted")
                .put("created_at", Instant.now().toEpochMilli()).put("updated_at", Instant.now().toEpochMilli()));
    }

    private String checkSubmit(JsonNode body, String model, Takes takes) {
        if (body.has("cfg_scale") && !takes.cfgScale()) {
            return "cfg_scale: not supported by " + model;
        }
        if (body.has("mode") && !takes.mode()) {
            return "mode: not supported by " + model;
        }
        JsonNode image = body.path("image");
        if (!image.isTextual() || image.asText().startsWith("data:")) {
            return "image: must be a URL or raw base64 without a data: prefix";
        }
        try {
            if (ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.asText()))) == null) {
                return "image: not a PNG or JPEG";
            }
        } catch (IllegalArgumentException | IOException e) {
            return "image: not valid base64";
        }
        if (!body.path("duration").isTextual() || !Set.of("5", "10").contains(body.path("duration").asText())) {
            return "duration: must be the string \"5\" or \"10\", was " + body.path("duration");
        }
        if (body.has("mode") && !Set.of("std", "pro").contains(body.path("mode").asText())) {
            return "mode: must be std or pro";
        }
        if (body.has("cfg_scale") && !(body.path("cfg_scale").isNumber() && body.path("cfg_scale").asDouble() >= 0
                && body.path("cfg_scale").asDouble() <= 1)) {
            return "cfg_scale: must be a number in [0, 1]";
        }
        if (!body.path("prompt").isTextual() || body.path("prompt").asText().length() > 2500) {
            return "prompt: at most 2500 characters";
        }
        if (body.has("negative_prompt") && body.path("negative_prompt").asText().length() > 2500) {
            return "negative_prompt: at most 2500 characters";
        }
        String external = body.path("external_task_id").asText("");
        if (!external.isEmpty() && !externalIds.add(external)) {
            return "external_task_id: " + external + " is already used";
        }
        return null;
    }

    private FakeServer.Reply status(FakeServer.Recorded request) {
        FakeServer.Reply denied = KlingAuthentication.check(request, problems);
        if (denied != null) {
            return denied;
        }
        // The raw path: a task id must arrive as one percent-encoded segment; one that slipped out of
        // its segment (a '/' or '?' sent as is) names another resource, which Kling would not find.
        String segment = request.uri().getRawPath().substring(SUBMIT.length() + 1);
        Task task = segment.contains("/") || request.uri().getRawQuery() != null ? null
                : tasks.get(java.net.URLDecoder.decode(segment, java.nio.charset.StandardCharsets.UTF_8));
        if (task == null) {
            return envelope(404, 1203, "task not found");
        }
        int polls = task.polls.incrementAndGet();
        ObjectNode data = MAPPER.createObjectNode().put("task_id", task.id);
        boolean failing = failMessage != null
                && (failScene == 0 || task.request.path("external_task_id").asText().contains("-scene" + failScene + "-"));
        if (neverFinish || polls < pollsToFinish) {
            data.put("task_status", polls == 1 && !neverFinish ? "submitted" : "processing");
        } else if (failing) {
            data.put("task_status", "failed").put("task_status_msg", failMessage);
            finished(task.id);
        } else {
            data.put("task_status", "succeed").put("task_status_msg", "");
            ObjectNode video = data.putObject("task_result").putArray("videos").addObject();
            video.put("id", "video-" + task.id).put("url", files.link(task.id, clip)).put("duration", "5");
        }
        return ok(data).after(statusDelay);
    }

    private void finished(String taskId) {
        Task task = tasks.get(taskId);
        if (task != null && !task.over) {
            task.over = true;
            active.decrementAndGet();
        }
    }

    private static FakeServer.Reply invalid(String message) {
        return envelope(400, 1201, "Invalid parameter: " + message);
    }

    private static FakeServer.Reply ok(JsonNode data) {
        ObjectNode body = MAPPER.createObjectNode().put("code", 0).put("message", "SUCCEED").put("request_id", UUID.randomUUID().toString());
        body.set("data", data);
        return FakeServer.Reply.json(200, body.toString());
    }

    private static JsonNode json(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
