package fableforge.image.gemini;

import com.google.genai.Client;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import com.google.genai.types.Blob;
import com.google.genai.types.Candidate;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.ImageConfig;
import com.google.genai.types.Part;
import fableforge.story.AspectRatio;
import fableforge.image.GeneratedImage;
import fableforge.image.ImageGenerator;
import fableforge.image.ImageHeader;
import fableforge.image.ImageRequest;
import fableforge.image.ReferenceImages;
import fableforge.image.openai.CharacterSheetPrompt;
import fableforge.job.RateLimiter;
import fableforge.provider.http.Monitored;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.ProviderHttp;
import fableforge.spend.Charge;
import fableforge.image.PriceQuote;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gemini image models ("Nano Banana") through Google's Gen AI SDK: one {@code generateContent} call
 * per image (ai.google.dev/gemini-api/docs/image-generation) asking for the IMAGE modality at the
 * story's aspect ratio ({@code imageConfig.aspectRatio}). Every scene is drawn from the story's
 * references, given as inline image parts before the scene's prompt: the character sheet (painted once
 * per story by the same model) and, once approved, scene 1. Keeping the hero the same across scenes
 * is why this provider was chosen, so with a {@link ReferenceImages} it is always on.
 *
 * <p>One try per call: the SDK's own retries are switched off, because retries, pauses and prompt
 * escalation belong to {@code ImageProducer} and the shared rate limiter.
 */
public final class GeminiImageGenerator implements ImageGenerator, Monitored {

    private static final Logger LOG = LoggerFactory.getLogger(GeminiImageGenerator.class);
    private static final String PROVIDER = "gemini";
    /** A character sheet shows the hero from three sides, which fits a wide frame best. */
    private static final AspectRatio SHEET_FRAME = AspectRatio.LANDSCAPE;

    private final GeminiSettings settings;
    private final PriceTable prices;
    private final SpendMeter meter;
    private final ReferenceImages references;
    private final RateLimiter sheetPacing;
    private final GeminiCalls calls;
    private final GeminiErrors errors;
    private final Client client;

    /**
     * @param references  the story's character sheet and approved scene 1; {@link ReferenceImages#NONE}
     *                    draws every scene from its prompt alone
     * @param sheetPacing the provider's rate limiter: painting a character sheet is a second call made
     *                    within the slot of the scene that needed it, so it takes its own token
     */
    public GeminiImageGenerator(GeminiSettings settings, PriceTable prices, SpendMeter meter, ReferenceImages references,
                                RateLimiter sheetPacing, Clock clock) {
        this.settings = settings;
        this.prices = prices;
        this.meter = meter;
        this.references = references;
        this.sheetPacing = sheetPacing;
        this.calls = new GeminiCalls(clock);
        this.errors = new GeminiErrors(settings.imageModel(), settings.apiKey());
        this.client = Client.builder()
                .apiKey(settings.apiKey().orElseThrow(() -> new IllegalArgumentException("IMAGE_PROVIDER=gemini needs GEMINI_API_KEY")))
                // Explicit, so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot switch the backend.
                .vertexAI(false)
                .httpOptions(HttpOptions.builder()
                        .baseUrl(settings.baseUrl().toString())
                        // The SDK defaults to v1; the image-generation guide's REST contract (imageConfig) is v1beta.
                        .apiVersion("v1beta")
                        .timeout(Math.toIntExact(settings.timeout().toMillis()))
                        // Without this the SDK retries 408/429/5xx up to 5 times with its own backoff.
                        .retryOptions(HttpRetryOptions.builder().attempts(1).build())
                        .build())
                .clientOptions(ClientOptions.builder().customHttpClient(calls.httpClient()).build())
                .build();
    }

    @Override
    public GeneratedImage generate(ImageRequest request) throws ProviderException {
        List<ReferenceImages.Reference> drawnFrom;
        try {
            drawnFrom = references.referencesFor(request, this::paintCharacterSheet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(new ProviderError.TimedOut("interrupted while waiting for the story's character sheet"), e);
        }
        LOG.debug("[IMAGE] story={} scene={} drawn from {}", request.storyId(), request.sceneNumber(),
                drawnFrom.stream().map(ReferenceImages.Reference::source).toList());
        AspectRatio frame = request.brief().aspectRatio();
        return delivered(request.storyId(), call(sceneParts(request.prompt(), drawnFrom), frame), frame, "");
    }

    @Override
    public String name() {
        return PROVIDER + ":" + settings.imageModel();
    }

    /** One 1K image; the input tokens of the prompt and references (a fraction of a cent) come on top. */
    @Override
    public PriceQuote quote(AspectRatio aspectRatio) {
        return new PriceQuote(PROVIDER, settings.imageModel(), aspectRatio.label() + " 1K image",
                prices.geminiImage(settings.imageModel(), 0));
    }

    @Override
    public ProviderHttp.LastCall lastCall() {
        return calls.lastCall();
    }

    /** The story's character sheet: the hero alone, from three sides, for every scene to draw from. */
    private GeneratedImage paintCharacterSheet(ImageRequest request) throws ProviderException, InterruptedException {
        sheetPacing.acquire();
        LOG.info("[IMAGE] story={} painting the character sheet", request.storyId());
        List<Part> parts = List.of(Part.fromText(CharacterSheetPrompt.of(request.brief())));
        return delivered(request.storyId(), call(parts, SHEET_FRAME), SHEET_FRAME, "character sheet ");
    }

    /** Each reference with a line saying what it is for, then the scene's prompt. */
    private static List<Part> sceneParts(String prompt, List<ReferenceImages.Reference> drawnFrom) {
        List<Part> parts = new ArrayList<>();
        for (ReferenceImages.Reference reference : drawnFrom) {
            parts.add(Part.fromText(switch (reference.source()) {
                case "character-sheet" -> "Reference image: the main character's reference sheet. Draw the main character exactly "
                        + "as shown here: same species, colours, markings and proportions.";
                case "scene-1" -> "Reference image: the story's first scene as approved. Keep the main character and the art style "
                        + "consistent with it, but not its composition.";
                default -> "Reference image (" + reference.source() + ").";
            }));
            parts.add(Part.fromBytes(reference.bytes(), reference.contentType()));
        }
        parts.add(Part.fromText(drawnFrom.isEmpty() ? prompt : "Now draw this new picture:\n" + prompt));
        return parts;
    }

    private GenerateContentResponse call(List<Part> parts, AspectRatio frame) throws ProviderException {
        Content content = Content.builder().role("user").parts(parts).build();
        GenerateContentConfig config = GenerateContentConfig.builder()
                .responseModalities("IMAGE")
                .imageConfig(ImageConfig.builder().aspectRatio(frame.label()).build())
                .build();
        calls.beforeCall();
        try {
            return client.models.generateContent(settings.imageModel(), content, config);
        } catch (ApiException e) {
            throw new ProviderException(errors.answered(e.code(), calls.takeErrorBody(), e.message()), e);
        } catch (GenAiIOException e) {
            throw new ProviderException(errors.transport(e, settings.timeout()), e);
        } catch (RuntimeException e) {
            // The SDK could not read a 200 answer (a proxy's page, a cut body): likely to pass on a later try.
            throw new ProviderException(new ProviderError.Transient("Gemini's answer could not be read: " + e.getMessage()), e);
        }
    }

    /** The image in the answer, charged once Gemini delivered one. */
    private GeneratedImage delivered(String storyId, GenerateContentResponse answer, AspectRatio frame, String what)
            throws ProviderException {
        Optional<Blob> image = answer.candidates().flatMap(all -> all.stream().findFirst())
                .flatMap(Candidate::content).flatMap(Content::parts).orElse(List.of()).stream()
                .flatMap(part -> part.inlineData().stream())
                .filter(blob -> blob.data().isPresent() && blob.mimeType().orElse("").startsWith("image/"))
                .findFirst();
        if (image.isEmpty()) {
            throw new ProviderException(errors.withoutImage(answer));
        }
        long inputTokens = answer.usageMetadata().flatMap(GenerateContentResponseUsageMetadata::promptTokenCount).orElse(0);
        meter.record(new Charge(storyId, "image", PROVIDER, settings.imageModel(),
                what + frame.label() + " 1K image + " + inputTokens + " input tokens", prices.geminiImage(settings.imageModel(), inputTokens)));
        byte[] bytes = image.get().data().get();
        ImageHeader header = ImageHeader.ofProviderImage(bytes, "Gemini");
        return new GeneratedImage(bytes, header.contentType(), header.width(), header.height());
    }
}
