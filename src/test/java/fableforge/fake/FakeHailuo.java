package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * MiniMax's video generation API (Hailuo) on loopback. Answers carry their outcome in
 * {@code base_resp} with HTTP 200, as MiniMax's do, a wrong key included (1004). A submit must name a
 * known model, give {@code first_frame_image} as a {@code data:image/png|jpeg;base64,} URI of a real
 * image, a resolution the model renders and an integer {@code duration} it makes there (see
 * {@link #MODELS}; anything else is refused with {@code base_resp} 2013, as MiniMax does) and a boolean
 * {@code prompt_optimizer}. Tasks go Preparing
 * → Queueing → Processing → Success over {@link #pollsToFinish} polls; the file's link comes from
 * {@code /v1/files/retrieve}, which checks {@code GroupId} when the fake is told one.
 */
public final class FakeHailuo implements AutoCloseable {

    public static final String KEY = "fake-minimax-key";
    public static final String SUBMIT = "/v1/video_generation";
    public static final String QUERY = "/v1/query/video_generation";
    public static final String RETRIEVE = "/v1/files/retrieve";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FakeServer server = new FakeServer();
    private final List<String> problems = FakeFileStore.problemList();
    private final FakeFileStore files;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final AtomicLong fileIds = new AtomicLong(180_000_000_000L);
    private volatile int pollsToFinish = 4;
    private volatile boolean neverFinish;
    private volatile Integer failCode;
    private volatile String groupId;
    private volatile String idPrefix = "";

    private static final class Task {
        final String id;
        final AtomicInteger polls = new AtomicInteger();
        volatile String fileId;

        Task(String id) {
            this.id = id;
        }
    }

    public FakeHailuo() {
        files = new FakeFileStore(server, problems, task -> { });
        server.on("POST", SUBMIT, this::submit);
        server.on("GET", QUERY, this::query);
        server.on("GET", RETRIEVE, this::retrieve);
    }

    public String baseUrl() {
        return server.url();
    }

    public FakeServer server() {
        return server;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public FakeHailuo pollsToFinish(int polls) {
        this.pollsToFinish = polls;
        return this;
    }

    public FakeHailuo neverFinish() {
        this.neverFinish = true;
        return this;
    }

    /** Tasks end in Fail with {@code base_resp.status_code} {@code code} (0: failed without a reason). */
    public FakeHailuo failTasks(int code) {
        this.failCode = code;
        return this;
    }

    /** Task and file ids start with {@code prefix} (a hostile one: {@code ../}, {@code ?}, {@code &}), to show they are encoded. */
    public FakeHailuo idsStartingWith(String prefix) {
        this.idPrefix = prefix;
        return this;
    }

    /** Retrieving a file needs this GroupId. */
    public FakeHailuo requireGroupId(String group) {
        this.groupId = group;
        return this;
    }

    public FakeHailuo expireFirstLinks(int links) {
        files.expireFirst(links);
        return this;
    }

    public List<JsonNode> submitted() {
        return server.requests("POST", SUBMIT).stream().map(r -> json(r.body())).toList();
    }

    public int queries() {
        return server.requests("GET", QUERY).size();
    }

    public int downloads() {
        return files.downloads();
    }

    /** MiniMax's answer shape for an outcome: {@code {base_resp: {status_code, status_msg}}}, HTTP 200. */
    public static FakeServer.Reply baseResp(int code, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("base_resp").put("status_code", code).put("status_msg", message);
        return FakeServer.Reply.json(200, body.toString());
    }

    private FakeServer.Reply submit(FakeServer.Recorded request) {
        if (!("Bearer " + KEY).equals(request.header("authorization"))) {
            return baseResp(1004, "login fail: Please carry the API secret key in the 'Authorization' field of the request header");
        }
        JsonNode body = json(request.body());
        String problem = body == null || !body.isObject() ? "the body is not a JSON object" : checkSubmit(body);
        if (problem != null) {
            problems.add(problem);
            return baseResp(2013, "invalid params, " + problem);
        }
        String id = idPrefix + (106_000_000_000_000L + tasks.size());
        tasks.put(id, new Task(id));
        ObjectNode answer = MAPPER.createObjectNode().put("task_id", id);
        answer.putObject("base_resp").put("status_code", 0).put("status_msg", "success");
        return FakeServer.Reply.json(200, answer.toString());
    }

    /**
     * Per model, each resolution it renders and the clip lengths it makes there, written out apart from
     * the adapter's table so that a mistake there shows (MiniMax's image-to-video reference, checked
     * 2026-12-02): 02 512P/768P 6 or 10 s, 1080P 6 s; 2.3 and 2.3-Fast 768P 6 or 10 s, 1080P 6 s; the
     * I2V-01 models 720P, 6 s. Without {@code resolution} a model renders its default (768P, or 720P).
     */
    private static final Map<String, Map<String, Set<Integer>>> MODELS = Map.of(
            "MiniMax-Hailuo-02", Map.of("512P", Set.of(6, 10), "768P", Set.of(6, 10), "1080P", Set.of(6)),
            "MiniMax-Hailuo-2.3", Map.of("768P", Set.of(6, 10), "1080P", Set.of(6)),
            "MiniMax-Hailuo-2.3-Fast", Map.of("768P", Set.of(6, 10), "1080P", Set.of(6)),
            "I2V-01", Map.of("720P", Set.of(6)),
            "I2V-01-live", Map.of("720P", Set.of(6)),
            "I2V-01-Director", Map.of("720P", Set.of(6)));

    private String checkSubmit(JsonNode body) {
        String model = body.path("model").asText();
        Map<String, Set<Integer>> offered = MODELS.get(model);
        if (offered == null) {
            return "model: unknown " + model;
        }
        String image = body.path("first_frame_image").asText("");
        String prefix = image.startsWith("data:image/png;base64,") ? "data:image/png;base64," : "data:image/jpeg;base64,";
        if (!image.startsWith(prefix)) {
            return "first_frame_image: must be a URL or a data:image/png|jpeg;base64, URI";
        }
        try {
            if (ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.substring(prefix.length())))) == null) {
                return "first_frame_image: not an image";
            }
        } catch (IllegalArgumentException | IOException e) {
            return "first_frame_image: not valid base64";
        }
        String resolution = body.path("resolution").asText(offered.containsKey("720P") ? "720P" : "768P");
        if (!offered.containsKey(resolution)) {
            return "resolution: " + resolution + " is not one " + model + " renders (" + String.join(", ", new java.util.TreeSet<>(offered.keySet())) + ")";
        }
        JsonNode duration = body.path("duration");
        Set<Integer> durations = offered.get(resolution);
        if (!duration.isInt() || !durations.contains(duration.asInt())) {
            return "duration: must be an integer in " + durations + " for " + model + " at " + resolution + ", was " + duration;
        }
        if (!body.path("prompt_optimizer").isBoolean()) {
            return "prompt_optimizer: must be a boolean";
        }
        if (!body.path("prompt").isTextual() || body.path("prompt").asText().length() > 2000) {
            return "prompt: at most 2000 characters";
        }
        return null;
    }

    private FakeServer.Reply query(FakeServer.Recorded request) {
        if (!("Bearer " + KEY).equals(request.header("authorization"))) {
            return baseResp(1004, "login fail");
        }
        Task task = tasks.get(parameters(request).getOrDefault("task_id", ""));
        if (task == null) {
            return baseResp(2013, "invalid params, task_id not found");
        }
        int polls = task.polls.incrementAndGet();
        ObjectNode answer = MAPPER.createObjectNode().put("task_id", task.id);
        int code = 0;
        String message = "success";
        if (neverFinish || polls < pollsToFinish) {
            answer.put("status", polls == 1 ? "Preparing" : polls == 2 ? "Queueing" : "Processing");
        } else if (failCode != null) {
            answer.put("status", "Fail");
            code = failCode;
            message = code == 1027 ? "output video sensitive" : code == 0 ? "success" : "generation failed";
        } else {
            task.fileId = idPrefix + fileIds.incrementAndGet();
            answer.put("status", "Success").put("file_id", task.fileId).put("video_width", 320).put("video_height", 568);
        }
        answer.putObject("base_resp").put("status_code", code).put("status_msg", message);
        return FakeServer.Reply.json(200, answer.toString());
    }

    private FakeServer.Reply retrieve(FakeServer.Recorded request) {
        if (!("Bearer " + KEY).equals(request.header("authorization"))) {
            return baseResp(1004, "login fail");
        }
        Map<String, String> query = parameters(request);
        if (groupId != null && !groupId.equals(query.get("GroupId"))) {
            return baseResp(1004, "GroupId mismatch");
        }
        String fileId = query.getOrDefault("file_id", "");
        Task task = tasks.values().stream().filter(t -> fileId.equals(t.fileId)).findFirst().orElse(null);
        if (task == null) {
            return baseResp(2013, "invalid params, file not found");
        }
        ObjectNode answer = MAPPER.createObjectNode();
        answer.putObject("file").put("file_id", fileId).put("bytes", TestClips.standard().length).put("created_at", 1_700_469_398)
                .put("filename", "output_aigc.mp4").put("purpose", "video_generation")
                .put("download_url", files.link(task.id, TestClips.standard()));
        answer.putObject("base_resp").put("status_code", 0).put("status_msg", "success");
        return FakeServer.Reply.json(200, answer.toString());
    }

    private static Map<String, String> parameters(FakeServer.Recorded request) {
        Map<String, String> values = new HashMap<>();
        String raw = request.uri().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
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
