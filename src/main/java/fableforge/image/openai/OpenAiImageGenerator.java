package fableforge.image.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.provider.openai.OpenAiSettings;
import fableforge.story.AspectRatio;
import fableforge.image.FrameFit;
import fableforge.image.GeneratedImage;
import fableforge.image.ImageGenerator;
import fableforge.image.ImageHeader;
import fableforge.image.ImageRequest;
import fableforge.image.ReferenceImages;
import fableforge.job.RateLimiter;
import fableforge.provider.http.Monitored;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.ProviderHttp;
import fableforge.provider.http.SafeDownload;
import fableforge.provider.openai.OpenAiErrors;
import fableforge.spend.Charge;
import fableforge.image.PriceQuote;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI images through {@code POST /images/generations}, or with {@code IMAGE_CONSISTENCY=reference}
 * through {@code POST /images/edits} with the story's reference images (the character sheet, and the
 * approved scene 1 once there is one), so every scene starts from the same picture of the hero. What
 * a request carries follows the model's family in {@code models.json}: GPT image models never get
 * {@code style} or {@code response_format} and gpt-image-2 is asked the frame's own aspect (OpenAI's
 * CreateImageRequest / CreateImageEditRequest, openai-openapi 2.3.0). The answer is fitted to the
 * story's frame. One image per call; retries, pauses and prompt escalation belong to
 * {@code ImageProducer}, not here.
 */
public final class OpenAiImageGenerator implements ImageGenerator, Monitored {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiImageGenerator.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PROVIDER = "openai";
    /** A character sheet shows the hero from three sides, which fits a wide frame best. */
    private static final AspectRatio SHEET_FRAME = AspectRatio.LANDSCAPE;

    private final OpenAiSettings settings;
    private final ImageModel model;
    private final PriceTable prices;
    private final SpendMeter meter;
    private final ReferenceImages references;
    private final RateLimiter sheetPacing;
    private final ProviderHttp http;
    private final SafeDownload downloads;
    private final OpenAiErrors.ModelSetting modelSetting;
    private final Clock clock;

    /** Every scene from its prompt alone. */
    public OpenAiImageGenerator(OpenAiSettings settings, PriceTable prices, SpendMeter meter, Clock clock) {
        this(settings, prices, meter, ReferenceImages.NONE, RateLimiter.unlimited(), clock);
    }

    /**
     * @param references  where a scene's reference images come from when {@code settings} ask for
     *                    reference consistency
     * @param sheetPacing the provider's rate limiter: painting a character sheet is a second call made
     *                    within the slot of the scene that needed it, so it takes its own token
     * @throws IllegalArgumentException when the quality or the consistency mode does not fit the model
     */
    public OpenAiImageGenerator(OpenAiSettings settings, PriceTable prices, SpendMeter meter, ReferenceImages references,
                                RateLimiter sheetPacing, Clock clock) {
        this.settings = settings;
        this.model = ImageModel.of(settings.imageModel(), settings.models().imageFamily(settings.imageModel()), settings.imageQuality());
        if (settings.referenceConsistency() && !model.takesReferenceImages()) {
            throw new IllegalArgumentException("IMAGE_CONSISTENCY=reference needs an OPENAI_IMAGE_MODEL that draws from reference images"
                    + " such as gpt-image-2 (" + model.id() + " cannot)");
        }
        this.prices = prices;
        this.meter = meter;
        this.references = settings.referenceConsistency() ? references : ReferenceImages.NONE;
        this.sheetPacing = sheetPacing;
        this.http = new ProviderHttp(PROVIDER, clock);
        this.downloads = new SafeDownload(http, settings.baseUrl(), SafeDownload.IMAGE_MAX_BYTES);
        this.modelSetting = new OpenAiErrors.ModelSetting("OPENAI_IMAGE_MODEL", model.id());
        this.clock = clock;
    }

    @Override
    public GeneratedImage generate(ImageRequest request) throws ProviderException {
        String size = model.size(request.brief().aspectRatio());
        List<ReferenceImages.Reference> reference;
        try {
            reference = references.referencesFor(request, this::paintCharacterSheet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(new ProviderError.TimedOut("interrupted while waiting for the story's character sheet"), e);
        }
        GeneratedImage image;
        if (!reference.isEmpty()) {
            List<ReferenceImages.Reference> sent = reference.subList(0, Math.min(reference.size(), model.maxReferenceImages()));
            LOG.debug("[IMAGE] story={} scene={} drawn from {}", request.storyId(), request.sceneNumber(),
                    sent.stream().map(ReferenceImages.Reference::source).toList());
            image = drawn(request.storyId(), post("/images/edits", editForm(request.prompt(), size, sent)), size, "");
        } else {
            image = drawn(request.storyId(), post("/images/generations", generationJson(request.prompt(), size)), size, "");
        }
        return fitted(image, request.brief().aspectRatio());
    }

    /** The picture cut to the story's frame (1088x1920 asked, 1080x1920 kept), never stretched. */
    private static GeneratedImage fitted(GeneratedImage image, AspectRatio frame) throws ProviderException {
        try {
            return FrameFit.cover(image, frame.width(), frame.height()).orElse(image);
        } catch (IOException e) {
            throw new ProviderException(new ProviderError.Transient("OpenAI's image could not be decoded: " + e.getMessage()), e);
        }
    }

    @Override
    public String name() {
        return PROVIDER + ":" + model.id();
    }

    @Override
    public PriceQuote quote(AspectRatio aspectRatio) {
        String size = model.size(aspectRatio);
        if (prices.billsImageTokens(model.id())) {
            String[] sides = size.split("x");
            return new PriceQuote(PROVIDER, model.id(), size + " " + model.quality() + " (estimated from output tokens)",
                    prices.imageTokensEstimate(model.id(), Integer.parseInt(sides[0]), Integer.parseInt(sides[1]), model.quality()));
        }
        return new PriceQuote(PROVIDER, model.id(), (size + " " + model.quality()).strip(), prices.image(model.id(), size, model.quality()));
    }

    @Override
    public ProviderHttp.LastCall lastCall() {
        return http.lastCall();
    }

    /** The story's character sheet: the hero alone, from three sides, for later scenes to draw from. */
    private GeneratedImage paintCharacterSheet(ImageRequest request) throws ProviderException, InterruptedException {
        sheetPacing.acquire();
        String size = model.size(SHEET_FRAME);
        LOG.info("[IMAGE] story={} painting the character sheet", request.storyId());
        return drawn(request.storyId(), post("/images/generations", generationJson(CharacterSheetPrompt.of(request.brief()), size)),
                size, "character sheet ");
    }

    /** Only the fields the model's family takes: a field a model does not know is a 400 for every image. */
    private Body generationJson(String prompt, String size) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("model", model.id())
                .put("prompt", prompt)
                .put("n", 1)
                .put("size", size);
        if (model.takes("quality") && !model.quality().isEmpty()) {
            json.put("quality", model.quality());
        }
        if (model.takes("style")) {
            json.put("style", settings.imageStyle());
        }
        if (model.takes("response_format")) {
            // DALL-E answers a URL by default; the bytes in the answer spare a second call that can expire.
            json.put("response_format", "b64_json");
        }
        return new Body("application/json", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An edit as the official SDK sends it: one {@code image[]} file part per reference (up to 16);
     * {@code input_fidelity=high} keeps the references' features closer (gpt-image-1.5 and later,
     * gpt-image-2 included, per openai-python's ImageEditParams; how well it holds an animal's markings
     * is not documented).
     */
    private Body editForm(String prompt, String size, List<ReferenceImages.Reference> references) {
        MultipartForm form = new MultipartForm()
                .field("model", model.id())
                .field("prompt", prompt);
        for (ReferenceImages.Reference reference : references) {
            String extension = switch (reference.contentType()) {
                case "image/jpeg" -> "jpg";
                case "image/webp" -> "webp";
                default -> "png";
            };
            form.file("image[]", reference.source() + "." + extension, reference.contentType(), reference.bytes());
        }
        form.field("n", "1").field("size", size);
        if (model.takes("quality") && !model.quality().isEmpty()) {
            form.field("quality", model.quality());
        }
        if (model.takes("input_fidelity")) {
            form.field("input_fidelity", "high");
        }
        return new Body(form.contentType(), form.bytes());
    }

    private HttpResponse<byte[]> post(String path, Body body) throws ProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<byte[]> response = http.send(request.build(), settings.timeout());
        if (response.statusCode() / 100 != 2) {
            throw new ProviderException(OpenAiErrors.classify(response, clock, modelSetting));
        }
        return response;
    }

    /** The image in a 200 answer, charged once the provider delivered one (it bills for it even if a link then fails). */
    private GeneratedImage drawn(String storyId, HttpResponse<byte[]> response, String size, String what) throws ProviderException {
        JsonNode answer = parse(response.body());
        JsonNode first = answer.path("data").path(0);
        boolean inline = first.path("b64_json").isTextual();
        if (!inline && !first.path("url").isTextual()) {
            throw new ProviderException(new ProviderError.Transient("OpenAI answered without an image (no data[0].b64_json or url)"));
        }
        meter.record(new Charge(storyId, "image", PROVIDER, model.id(), (what + size + " " + model.quality()).strip() + usageDetail(answer),
                price(size, answer)));
        logUsage(storyId, answer);
        byte[] bytes = inline ? decode(first.get("b64_json").asText()) : download(first.get("url").asText());
        ImageHeader header = ImageHeader.ofProviderImage(bytes, "OpenAI");
        return new GeneratedImage(bytes, header.contentType(), header.width(), header.height());
    }

    /**
     * DALL-E links expire after about an hour, so the image is fetched at once; the link is signed, so
     * no API key goes with it. The link is the answer's choice, so it goes through {@link SafeDownload}.
     */
    private byte[] download(String url) throws ProviderException {
        SafeDownload.Fetched response = downloads.get(url, settings.timeout());
        if (response.status() != 200) {
            throw new ProviderException(new ProviderError.Transient("the image link OpenAI answered could not be downloaded (HTTP "
                    + response.status() + "); it may have expired"));
        }
        return response.body();
    }

    private static JsonNode parse(byte[] body) throws ProviderException {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ProviderException(new ProviderError.Transient("OpenAI answered 200 with a body that is not the expected JSON"), e);
        }
    }

    private static byte[] decode(String base64) throws ProviderException {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(new ProviderError.Transient("OpenAI answered b64_json that is not base64"), e);
        }
    }

    /**
     * What the image cost: a token-billed model (gpt-image-2) from the tokens its answer reports, and
     * unknown when it reports none; otherwise the per-image price plus, where reported, the input
     * tokens (the prompt's text and the reference images) the older GPT image models bill on top.
     */
    private Optional<BigDecimal> price(String size, JsonNode answer) {
        JsonNode usage = answer.path("usage");
        JsonNode input = usage.path("input_tokens_details");
        if (prices.billsImageTokens(model.id())) {
            if (!usage.path("output_tokens").isNumber()) {
                return Optional.empty();
            }
            long text = input.isObject() ? input.path("text_tokens").asLong() : usage.path("input_tokens").asLong();
            return prices.imageTokens(model.id(), text, input.path("image_tokens").asLong(), usage.path("output_tokens").asLong());
        }
        Optional<BigDecimal> perImage = prices.image(model.id(), size, model.quality());
        if (perImage.isEmpty() || !input.isObject()) {
            return perImage;
        }
        return prices.imageInput(model.id(), input.path("text_tokens").asLong(), input.path("image_tokens").asLong())
                .map(tokens -> tokens.add(perImage.get())).or(() -> perImage);
    }

    private static String usageDetail(JsonNode answer) {
        JsonNode usage = answer.path("usage");
        JsonNode input = usage.path("input_tokens_details");
        String detail = input.isObject() ? " + " + input.path("text_tokens").asLong() + " text / "
                + input.path("image_tokens").asLong() + " image input tokens" : "";
        return usage.path("output_tokens").isNumber() ? detail + " + " + usage.path("output_tokens").asLong() + " output tokens" : detail;
    }

    /** GPT image models report tokens; they go to the log for checking the charge. */
    private static void logUsage(String storyId, JsonNode answer) {
        JsonNode usage = answer.path("usage");
        if (usage.isObject()) {
            LOG.debug("[IMAGE] story={} usage input_tokens={} output_tokens={}", storyId,
                    usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong());
        }
        if (answer.path("data").path(0).path("revised_prompt").isTextual()) {
            LOG.debug("[IMAGE] story={} revised prompt: {}", storyId, answer.path("data").path(0).path("revised_prompt").asText());
        }
    }

    private record Body(String contentType, byte[] bytes) {
    }
}
