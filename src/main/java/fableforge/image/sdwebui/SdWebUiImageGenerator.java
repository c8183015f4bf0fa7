package fableforge.image.sdwebui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.story.AspectRatio;
import fableforge.image.GeneratedImage;
import fableforge.image.ImageGenerator;
import fableforge.image.ImageRequest;
import fableforge.provider.http.Monitored;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.ProviderHttp;
import fableforge.image.PriceQuote;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Draws scenes on the user's own Stable Diffusion WebUI (AUTOMATIC1111, Forge, SD.Next started with
 * {@code --api}) through {@code POST /sdapi/v1/txt2img}. It costs nothing per image, so it charges
 * no spend; the WebUI draws one image at a time, so calls queue there and may take minutes.
 */
public final class SdWebUiImageGenerator implements ImageGenerator, Monitored {

    /** AUTOMATIC1111 draws its own random seeds from [0, 4294967294) (processing.get_fixed_seed); numpy-based samplers reject seeds of 2^32 and up. */
    static final long SEED_RANGE = 4_294_967_294L;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SdWebUiImageGenerator.class);

    private final SdWebUiSettings settings;
    private final URI endpoint;
    private final Optional<String> authorization;
    private final ProviderHttp http;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public SdWebUiImageGenerator(SdWebUiSettings settings, Clock clock) {
        this.settings = settings;
        this.endpoint = URI.create(settings.url() + "/sdapi/v1/txt2img");
        this.authorization = settings.basicAuth()
                .map(userAndPassword -> "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
        this.http = new ProviderHttp(name(), clock);
        this.clock = clock;
    }

    @Override
    public GeneratedImage generate(ImageRequest request) throws ProviderException {
        FrameSize size = FrameSize.of(request.brief().aspectRatio(), settings.baseSize());
        long seed = seedFor(request);
        HttpResponse<byte[]> response = send(body(request.prompt(), size, seed));
        if (response.statusCode() != 200) {
            throw new ProviderException(SdWebUiErrors.classify(response, endpoint, clock));
        }
        JsonNode answer = SdWebUiErrors.parse(response.body());
        JsonNode images = answer.path("images");
        if (!images.isArray() || images.isEmpty() || !images.get(0).isTextual()) {
            throw new ProviderException(new ProviderError.Transient("Stable Diffusion WebUI answered without an image: "
                    + preview(response.body())));
        }
        GeneratedImage image = EncodedImage.decode(images.get(0).asText());
        logDrawn(request, size, seed, answer.path("info"), image);
        return image;
    }

    /**
     * One seed per story, so all 20 frames share the seed's noise and with it a similar composition
     * and palette. A regeneration (attempt 2, 3, …) exists because the user rejected the picture:
     * the same seed with a slightly edited prompt would draw nearly the same picture again, so each
     * attempt moves the seed on by one. Retries of one attempt (after an out-of-memory, say) keep
     * its seed: they are meant to draw the same picture.
     */
    static long seedFor(ImageRequest request) {
        long storySeed = Math.floorMod(request.brief().storySeed(), SEED_RANGE);
        return Math.floorMod(storySeed + request.attempt() - 1, SEED_RANGE);
    }

    private byte[] body(String prompt, FrameSize size, long seed) {
        ObjectNode body = mapper.createObjectNode()
                .put("prompt", prompt)
                .put("negative_prompt", settings.negativePrompt())
                .put("steps", settings.steps())
                .put("cfg_scale", settings.cfgScale())
                .put("sampler_name", settings.sampler())
                .put("width", size.width())
                .put("height", size.height())
                .put("seed", seed)
                // More than one image makes the WebUI put a grid of them first in "images".
                .put("batch_size", 1)
                .put("n_iter", 1);
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> send(byte[] body) throws ProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            return http.send(request.build(), settings.timeout());
        } catch (ProviderException e) {
            throw new ProviderException(switch (e.error()) {
                case ProviderError.Transient transport -> new ProviderError.Transient("Stable Diffusion WebUI is not reachable at "
                        + settings.url() + " (is it running, with --api?): " + transport.message());
                case ProviderError.TimedOut slow when !Thread.currentThread().isInterrupted() -> new ProviderError.TimedOut(
                        "Stable Diffusion WebUI did not answer within " + settings.timeout().toSeconds()
                                + " s (SD_TIMEOUT_SECONDS; a small GPU may need more)");
                default -> e.error();
            }, e);
        }
    }

    /** The seed the WebUI reports it used (info is a JSON string); an extension may have changed it. */
    private void logDrawn(ImageRequest request, FrameSize size, long seed, JsonNode info, GeneratedImage image) {
        JsonNode details = info.isTextual() ? SdWebUiErrors.parse(info.asText().getBytes(StandardCharsets.UTF_8)) : info;
        String used = details.path("seed").isIntegralNumber() ? details.path("seed").asText() : "unknown";
        if (!used.equals("unknown") && details.path("seed").asLong() != seed) {
            LOG.warn("[IMAGE] story={} scene={} attempt={}: the WebUI used seed {} instead of {}", request.storyId(),
                    request.sceneNumber(), request.attempt(), used, seed);
        }
        LOG.info("[IMAGE] sdwebui story={} scene={} attempt={} seed={} asked={} got={}x{} model={}", request.storyId(),
                request.sceneNumber(), request.attempt(), used, size, image.width(), image.height(),
                details.path("sd_model_name").asText("?"));
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "an empty body" : text;
    }

    @Override
    public String name() {
        return "sdwebui";
    }

    /** Free: it runs on the user's own GPU. */
    @Override
    public PriceQuote quote(AspectRatio aspectRatio) {
        return new PriceQuote(name(), settings.sampler(), FrameSize.of(aspectRatio, settings.baseSize()) + ", "
                + settings.steps() + " steps, on your own GPU", Optional.of(BigDecimal.ZERO));
    }

    @Override
    public ProviderHttp.LastCall lastCall() {
        return http.lastCall();
    }
}
