package fableforge.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import fableforge.fake.FakeServer.Recorded;
import fableforge.fake.FakeServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Gemini API's {@code POST /v1beta/models/{model}:generateContent} on loopback, for image models
 * (ai.google.dev/gemini-api/docs/image-generation): {@code contents[].parts[]} of {@code text} and
 * {@code inlineData{mimeType,data}}, {@code generationConfig.responseModalities} and
 * {@code generationConfig.imageConfig.aspectRatio}; it answers {@code candidates[0].content.parts[]}
 * with a real PNG at the model's size for that ratio (768x1344 for 9:16 on gemini-2.5-flash-image),
 * {@code usageMetadata} and {@code finishReason}.
 *
 * <p>It checks what it is sent as the real API does and answers mistakes in Google's error shape
 * {@code {"error":{"code","message","status","details"}}}: a wrong key is 400 INVALID_ARGUMENT with
 * ErrorInfo API_KEY_INVALID, no key 403 PERMISSION_DENIED, an unknown model 404 NOT_FOUND, an
 * unsupported aspect ratio, unknown field or more input images than the model takes 400
 * INVALID_ARGUMENT (request mistakes are also kept in {@link #violations()}). Prompts with refused
 * words get finishReason IMAGE_SAFETY and no image. Scripted answers play 429 RESOURCE_EXHAUSTED with
 * RetryInfo, 500 INTERNAL, 503 UNAVAILABLE, a blocked prompt and a text-only answer.
 */
public final class FakeGemini implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PATH = "/v1beta/models/([^/:]+):generateContent";
    /** The 1K sizes per aspect ratio from the image-generation guide's tables. */
    private static final Map<String, String> FLASH_SIZES = Map.of("1:1", "1024x1024", "2:3", "832x1248", "3:2", "1248x832",
            "3:4", "864x1184", "4:3", "1184x864", "4:5", "896x1152", "5:4", "1152x896", "9:16", "768x1344", "16:9", "1344x768",
            "21:9", "1536x672");
    private static final Map<String, String> PRO_SIZES = Map.of("1:1", "1024x1024", "2:3", "848x1264", "3:2", "1264x848",
            "3:4", "896x1200", "4:3", "1200x896", "4:5", "928x1152", "5:4", "1152x928", "9:16", "768x1376", "16:9", "1376x768",
            "21:9", "1584x672");
    private final FakeServer server = new FakeServer();
    private final String apiKey;
    /** The models this key may use, with how many input images each takes per request. */
    private final Map<String, Model> models = new ConcurrentHashMap<>(Map.of(
            "gemini-2.5-flash-image", new Model(3, FLASH_SIZES, 1290),
            "gemini-3-pro-image-preview", new Model(14, PRO_SIZES, 1120)));
    private final Set<String> refusedWords = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile Duration latency = Duration.ZERO;

    public FakeGemini(String apiKey) {
        this.apiKey = apiKey;
        server.on("POST", PATH, this::handle);
    }

    /** What {@code GEMINI_BASE_URL} is set to: {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return server.url();
    }

    // --- behaviour -------------------------------------------------------------------------------

    /** Prompts containing any of these whole words (any case) are refused as the image safety filter does. */
    public FakeGemini refuse(String... words) {
        for (String word : words) {
            refusedWords.add(word.toLowerCase(Locale.ROOT));
        }
        return this;
    }

    /** Another model this key may use, drawing like gemini-2.5-flash-image. */
    public FakeGemini knowsModel(String model) {
        models.put(model, new Model(3, FLASH_SIZES, 1290));
        return this;
    }

    /** The next calls get these answers, in order, after their request passed the checks; then images again. */
    public FakeGemini script(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    public FakeGemini latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    // --- observations ----------------------------------------------------------------------------

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Requests the real API would have refused as malformed; a correct adapter leaves this empty. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public void close() {
        server.close();
    }

    // --- the API ---------------------------------------------------------------------------------

    private Reply handle(Recorded request) {
        Matcher path = Pattern.compile(PATH).matcher(request.path());
        String modelName = path.matches() ? path.group(1) : "";
        GeminiRequests.Asked asked = new GeminiRequests.Asked();
        Reply reply = answer(request, modelName, asked);
        calls.add(new Call(modelName, request.header("x-goog-api-key"), List.copyOf(asked.texts), List.copyOf(asked.images),
                asked.aspectRatio, List.copyOf(asked.modalities), reply.status()));
        return reply;
    }

    private Reply answer(Recorded request, String modelName, GeminiRequests.Asked call) {
        String key = request.header("x-goog-api-key");
        if (key == null && request.uri().getQuery() == null) {
            return GeminiReplies.error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). "
                    + "Please use API Key or other form of API consumer identity to call this API.", MAPPER.createArrayNode());
        }
        if (!apiKey.equals(key)) {
            ArrayNode details = MAPPER.createArrayNode();
            details.addObject().put("@type", "type.googleapis.com/google.rpc.ErrorInfo").put("reason", "API_KEY_INVALID")
                    .put("domain", "googleapis.com").putObject("metadata").put("service", "generativelanguage.googleapis.com");
            return GeminiReplies.error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", details);
        }
        Model model = models.get(modelName);
        if (model == null) {
            return GeminiReplies.error(404, "NOT_FOUND", "models/" + modelName + " is not found for API version v1beta, or is not supported for "
                    + "generateContent. Call ListModels to see the list of available models and their supported methods.",
                    MAPPER.createArrayNode());
        }
        Optional<String> problem = GeminiRequests.read(request, model, call);
        if (problem.isPresent()) {
            violations.add(problem.get());
            return GeminiReplies.error(400, "INVALID_ARGUMENT", problem.get(), MAPPER.createArrayNode());
        }
        sleep(latency);
        Answer scripted = script.pollFirst();
        if (scripted != null) {
            return GeminiReplies.failure(scripted, modelName);
        }
        String allText = String.join("\n", call.texts);
        Optional<String> refused = refusedWords.stream()
                .filter(word -> Pattern.compile("\\b" + Pattern.quote(word) + "\\b", Pattern.CASE_INSENSITIVE).matcher(allText).find())
                .findFirst();
        if (refused.isPresent()) {
            return GeminiReplies.imageSafety(call);
        }
        if (!call.modalities.contains("IMAGE")) {
            return GeminiReplies.textOnly("Here is a description of the picture instead.", call);
        }
        return GeminiReplies.image(call, model, modelName, "fake-" + calls.size());
    }

    private static void sleep(Duration wait) {
        if (wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An image model: how many input images it takes, its size per aspect ratio, the tokens of one image it draws. */
    record Model(int maxInputImages, Map<String, String> sizes, int imageTokens) {
    }

    /** An inline image of a request. */
    public record InputImage(String mimeType, byte[] bytes) {
    }

    /**
     * One request as the fake read it: the model in its path, the key header, its text parts and
     * inline images in order, the asked aspect ratio (null when none) and modalities, and its answer's status.
     */
    public record Call(String model, String apiKey, List<String> texts, List<InputImage> images, String aspectRatio,
                       List<String> responseModalities, int status) {
    }

    /** A scripted answer. */
    public record Answer(Kind kind, String retryDelay) {
        public static Answer rateLimited(String retryDelay) {
            return new Answer(Kind.RATE_LIMITED, retryDelay);
        }

        public static Answer of(Kind kind) {
            return new Answer(kind, null);
        }
    }

    public enum Kind { RATE_LIMITED, INTERNAL, UNAVAILABLE, PROMPT_BLOCKED, TEXT_ONLY }
}
