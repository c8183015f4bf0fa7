package fableforge.video.kling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.job.Sleeper;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.PathSegment;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Kling image-to-video (official API): submits the still with a camera direction as a task
 * ({@code POST /v1/videos/image2video}), polls it ({@code GET /v1/videos/image2video/{task_id}}),
 * downloads the clip at once (its link expires) and fits it to the scene. Each task is charged when
 * Kling reports it done, since that is when Kling bills it, whether or not the download then works.
 */
public final class KlingClips implements RemoteClips {

    /** Kling's limit on the image: 10 MB (its reference: "no larger than 10MB, at least 300 px a side"). */
    static final long MAX_IMAGE_BYTES = 10_000_000;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration LAST_CALL = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KlingSettings settings;
    private final KlingModels.Model model;
    private final ProviderHttp http;
    private final SafeDownload downloads;
    private final KlingToken token;
    private final TaskPoller poller;
    private final SpendMeter meter;
    private final PriceTable prices;
    private final Clock clock;
    /**
     * Kling wants external task ids unique per account for good: a render that runs again (after a
     * restart, or as the story's next video version) must not reuse the ids of an earlier run.
     */
    private final String runTag = Long.toString(new java.security.SecureRandom().nextLong() >>> 1, 36);

    public KlingClips(KlingSettings settings, Duration pollInterval, SpendMeter meter, PriceTable prices, Clock clock, Sleeper sleeper) {
        if (!settings.configured()) {
            throw new IllegalArgumentException("Kling needs an access key and a secret key");
        }
        this.settings = settings;
        this.model = KlingModels.of(settings.model());
        this.http = new ProviderHttp("Kling", clock);
        this.downloads = new SafeDownload(http, settings.baseUrl(), SafeDownload.CLIP_MAX_BYTES);
        this.token = new KlingToken(settings.accessKey().get(), settings.secretKey().get(), clock);
        this.poller = new TaskPoller(pollInterval, clock, sleeper);
        this.meter = meter;
        this.prices = prices;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "kling";
    }

    @Override
    public String label() {
        return "Kling";
    }

    @Override
    public ProviderHttp.LastCall lastCall() {
        return http.lastCall();
    }

    @Override
    public byte[] fetch(ClipRequest request, int attempt) throws ProviderException {
        Instant deadline = poller.deadlineAfter(settings.timeout());
        String duration = duration(request.seconds());
        String taskId = submit(request, attempt, duration);
        String url = poller.until("Kling task " + taskId, deadline, () -> status(taskId));
        // A model without modes is priced by model and duration alone ("kling-v2-master/5").
        String priceKey = model.mode() ? settings.model() + "/" + settings.mode() + "/" + duration : settings.model() + "/" + duration;
        String detail = "scene " + request.scene().number() + ", " + duration + " s" + (model.mode() ? " " + settings.mode() : "");
        meter.record(new Charge(request.storyId(), "video", name(), settings.model(), detail, prices.unit("video", priceKey)));
        return download(taskId, url, deadline);
    }

    /** Kling makes 5 s or 10 s clips: the shorter one when it covers the scene, else the longer one (slowed or held if need be). */
    static String duration(double seconds) {
        return seconds <= 5.0 ? "5" : "10";
    }

    private String submit(ClipRequest request, int attempt, String duration) throws ProviderException {
        StillUpload still = StillUpload.of(request, MAX_IMAGE_BYTES);
        ObjectNode body = MAPPER.createObjectNode()
                .put("model_name", settings.model())
                .put("image", still.base64())
                .put("prompt", MotionPrompt.forScene(request.scene()))
                .put("negative_prompt", MotionPrompt.NEGATIVE)
                .put("duration", duration)
                .put("external_task_id", request.storyId() + "-" + runTag + "-scene" + request.scene().number() + "-try" + attempt);
        // Which optional parameters the model takes is data (KlingModels): v2 models refuse cfg_scale,
        // the master models take no mode, a model we do not know gets neither.
        if (model.mode()) {
            body.put("mode", settings.mode());
        }
        if (model.cfgScale()) {
            body.put("cfg_scale", 0.5);
        }
        HttpRequest post = authorized(URI.create(settings.baseUrl() + "/v1/videos/image2video"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        JsonNode data = KlingErrors.data(http.send(post, CALL_TIMEOUT), clock);
        String taskId = data.path("task_id").asText("");
        if (taskId.isBlank()) {
            throw new ProviderException(new ProviderError.Transient("Kling accepted the task but gave no task_id"));
        }
        return taskId;
    }

    /** One look at the task: its video's link when it has succeeded. */
    private TaskPoller.Status<String> status(String taskId) throws ProviderException {
        HttpRequest get = authorized(URI.create(settings.baseUrl() + "/v1/videos/image2video/" + PathSegment.encode(taskId))).GET().build();
        JsonNode data;
        try {
            data = KlingErrors.data(http.send(get, CALL_TIMEOUT), clock);
        } catch (ProviderException e) {
            return new TaskPoller.Status.CallFailed<>(e.error());
        }
        String state = data.path("task_status").asText("");
        return switch (state) {
            case "succeed" -> {
                String url = data.path("task_result").path("videos").path(0).path("url").asText("");
                if (url.isBlank()) {
                    throw new ProviderException(new ProviderError.Transient("Kling task " + taskId + " succeeded without a video URL"));
                }
                yield new TaskPoller.Status.Done<>(url);
            }
            case "failed" -> throw new ProviderException(KlingErrors.taskFailed(taskId, data.path("task_status_msg").asText("")));
            case "submitted", "processing" -> new TaskPoller.Status.Pending<>(state);
            default -> new TaskPoller.Status.CallFailed<>(new ProviderError.Transient("Kling task " + taskId + " has an unknown status '" + state + "'"));
        };
    }

    /** Downloads the clip; an expired link is asked for again once (the task answers with a fresh one). */
    private byte[] download(String taskId, String url, Instant deadline) throws ProviderException {
        try {
            return ClipDownload.fetch(downloads, http.provider(), url, min(DOWNLOAD_TIMEOUT, poller.remaining(deadline, LAST_CALL)));
        } catch (ClipDownload.ExpiredLink expired) {
            if (!(status(taskId) instanceof TaskPoller.Status.Done<String> done)) {
                throw expired;
            }
            return ClipDownload.fetch(downloads, http.provider(), done.result(), min(DOWNLOAD_TIMEOUT, poller.remaining(deadline, LAST_CALL)));
        }
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token.current());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
