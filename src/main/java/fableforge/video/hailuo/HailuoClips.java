package fableforge.video.hailuo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.job.Sleeper;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.ProviderHttp;
import fableforge.provider.http.SafeDownload;
import fableforge.spend.Charge;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import fableforge.video.ClipRequest;
import fableforge.video.remote.ClipDownload;
import fableforge.video.remote.MotionPrompt;
import fableforge.video.remote.RemoteClips;
import fableforge.video.remote.StillUpload;
import fableforge.video.remote.TaskPoller;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Hailuo image-to-video through MiniMax's API: submits the still as the first frame
 * ({@code POST /v1/video_generation}), polls the task ({@code GET /v1/query/video_generation}),
 * asks for the finished file's link ({@code GET /v1/files/retrieve}) and downloads and fits it.
 * Each task is charged when MiniMax reports it done, since that is when it bills it.
 *
 * <p>What each model renders (resolutions, and clip lengths per resolution) is the data in
 * {@link HailuoModels}; {@code HAILUO_RESOLUTION} is checked against it at start-up. The current file
 * reference takes only {@code file_id}; older accounts also pass {@code GroupId}, which we add when
 * {@code HAILUO_GROUP_ID} is set.
 */
public final class HailuoClips implements RemoteClips {

    /** MiniMax's limit on the first frame: 20 MB. */
    static final long MAX_IMAGE_BYTES = 20_000_000;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration LAST_CALL = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HailuoSettings settings;
    private final String key;
    private final ProviderHttp http;
    private final SafeDownload downloads;
    private final TaskPoller poller;
    private final SpendMeter meter;
    private final PriceTable prices;
    private final Clock clock;

    public HailuoClips(HailuoSettings settings, Duration pollInterval, SpendMeter meter, PriceTable prices, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.key = settings.apiKey().orElseThrow(() -> new IllegalArgumentException("Hailuo needs HAILUO_AUTH"));
        this.http = new ProviderHttp("Hailuo", clock);
        this.downloads = new SafeDownload(http, settings.baseUrl(), SafeDownload.CLIP_MAX_BYTES);
        this.poller = new TaskPoller(pollInterval, clock, sleeper);
        this.meter = meter;
        this.prices = prices;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "hailuo";
    }

    @Override
    public String label() {
        return "Hailuo";
    }

    @Override
    public ProviderHttp.LastCall lastCall() {
        return http.lastCall();
    }

    @Override
    public byte[] fetch(ClipRequest request, int attempt) throws ProviderException {
        Instant deadline = poller.deadlineAfter(settings.timeout());
        int duration = duration(request.seconds());
        String taskId = submit(request, duration);
        String fileId = poller.until("Hailuo task " + taskId, deadline, () -> status(taskId));
        meter.record(new Charge(request.storyId(), "video", name(), settings.model(),
                "scene " + request.scene().number() + ", " + duration + " s " + settings.resolution(),
                prices.unit("video", settings.model() + "/" + settings.resolution() + "/" + duration)));
        return download(fileId, deadline);
    }

    /** The shortest clip the model makes at its resolution that covers the scene, else its longest (slowed or held if need be). */
    int duration(double seconds) {
        List<Integer> offered = HailuoModels.durations(settings.model(), settings.resolution());
        return offered.stream().filter(d -> d >= seconds).findFirst().orElse(offered.getLast());
    }

    private String submit(ClipRequest request, int duration) throws ProviderException {
        ObjectNode body = MAPPER.createObjectNode()
                .put("model", settings.model())
                .put("prompt", MotionPrompt.forScene(request.scene()))
                .put("first_frame_image", StillUpload.of(request, MAX_IMAGE_BYTES).dataUri())
                .put("duration", duration)
                // Sent for every model: the I2V-01 models list 720P as their one option (doc.vtrix.ai minimax-i2v-01-live).
                .put("resolution", settings.resolution())
                // Our prompt is already a camera direction; the optimizer would rewrite it into a story of its own.
                .put("prompt_optimizer", false);
        HttpRequest post = authorized(URI.create(settings.baseUrl() + "/v1/video_generation"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        String taskId = HailuoErrors.body(http.send(post, CALL_TIMEOUT), clock).path("task_id").asText("");
        if (taskId.isBlank()) {
            throw new ProviderException(new ProviderError.Transient("MiniMax accepted the task but gave no task_id"));
        }
        return taskId;
    }

    /** One look at the task: its file id once it has succeeded. */
    private TaskPoller.Status<String> status(String taskId) throws ProviderException {
        HttpRequest get = authorized(URI.create(settings.baseUrl() + "/v1/query/video_generation?task_id=" + encode(taskId))).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(get, CALL_TIMEOUT);
        } catch (ProviderException e) {
            return new TaskPoller.Status.CallFailed<>(e.error());
        }
        JsonNode body;
        try {
            body = HailuoErrors.body(response, clock);
        } catch (ProviderException e) {
            // A failed task answers with its reason in base_resp (1027: the finished video was refused): the task is over.
            if ("Fail".equals(HailuoErrors.field(response, "status")) || e.error() instanceof ProviderError.PolicyRefusal) {
                throw e;
            }
            return new TaskPoller.Status.CallFailed<>(e.error());
        }
        String state = body.path("status").asText("");
        return switch (state) {
            case "Success" -> {
                String fileId = body.path("file_id").asText("");
                if (fileId.isBlank()) {
                    throw new ProviderException(new ProviderError.Transient("Hailuo task " + taskId + " succeeded without a file_id"));
                }
                yield new TaskPoller.Status.Done<>(fileId);
            }
            case "Fail" -> throw new ProviderException(new ProviderError.Transient("Hailuo task " + taskId + " failed"));
            case "Preparing", "Queueing", "Processing" -> new TaskPoller.Status.Pending<>(state);
            default -> new TaskPoller.Status.CallFailed<>(new ProviderError.Transient("Hailuo task " + taskId + " has an unknown status '" + state + "'"));
        };
    }

    /** Downloads the file; an expired link is asked for again once. */
    private byte[] download(String fileId, Instant deadline) throws ProviderException {
        try {
            return ClipDownload.fetch(downloads, http.provider(), downloadUrl(fileId), min(DOWNLOAD_TIMEOUT, poller.remaining(deadline, LAST_CALL)));
        } catch (ClipDownload.ExpiredLink expired) {
            return ClipDownload.fetch(downloads, http.provider(), downloadUrl(fileId), min(DOWNLOAD_TIMEOUT, poller.remaining(deadline, LAST_CALL)));
        }
    }

    private String downloadUrl(String fileId) throws ProviderException {
        String query = "file_id=" + encode(fileId) + settings.groupId().map(group -> "&GroupId=" + encode(group)).orElse("");
        HttpRequest get = authorized(URI.create(settings.baseUrl() + "/v1/files/retrieve?" + query)).GET().build();
        String url = HailuoErrors.body(http.send(get, CALL_TIMEOUT), clock).path("file").path("download_url").asText("");
        if (url.isBlank()) {
            throw new ProviderException(new ProviderError.Transient("MiniMax gave no download_url for file " + fileId));
        }
        return url;
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
