package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.fake.FakeServer.Recorded;
import fableforge.fake.FakeServer.Reply;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
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
    private static final Set<String> REQUEST_FIELDS = Set.of("contents", "generationConfig", "safetySettings", "systemInstruction",
            "tools", "toolConfig", "cachedContent");
    private static final Set<String> GENERATION_FIELDS = Set.of("responseModalities", "imageConfig", "candidateCount", "temperature",
            "topP", "topK", "seed", "maxOutputTokens", "stopSequences");
    private static final Set<String> IMAGE_CONFIG_FIELDS = Set.of("aspectRatio", "imageSize");
    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/webp");

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
        Asked asked = new Asked();
        Reply reply = answer(request, modelName, asked);
        calls.add(new Call(modelName, request.header("x-goog-api-key"), List.copyOf(asked.texts), List.copyOf(asked.images),
                asked.aspectRatio, List.copyOf(asked.modalities), reply.status()));
        return reply;
    }

    private Reply answer(Recorded request, String modelName, Asked call) {
        String key = request.header("x-goog-api-key");
        if (key == null && request.uri().getQuery() == null) {
            return error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). "
                    + "Please use API Key or other form of API consumer identity to call this API.", MAPPER.createArrayNode());
        }
        if (!apiKey.equals(key)) {
            ArrayNode details = MAPPER.createArrayNode();
            details.addObject().put("@type", "type.googleapis.com/google.rpc.ErrorInfo").put("reason", "API_KEY_INVALID")
                    .put("domain", "googleapis.com").putObject("metadata").put("service", "generativelanguage.googleapis.com");
            return error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", details);
        }
        Model model = models.get(modelName);
        if (model == null) {
            return error(404, "NOT_FOUND", "models/" + modelName + " is not found for API version v1beta, or is not supported for "
                    + "generateContent. Call ListModels to see the list of available models and their supported methods.",
                    MAPPER.createArrayNode());
        }
        Optional<String> problem = read(request, model, call);
        if (problem.isPresent()) {
            violations.add(problem.get());
            return error(400, "INVALID_ARGUMENT", problem.get(), MAPPER.createArrayNode());
        }
        sleep(latency);
        Answer scripted = script.pollFirst();
        if (scripted != null) {
            return failure(scripted, modelName);
        }
        String allText = String.join("\n", call.texts);
        Optional<String> refused = refusedWords.stream()
                .filter(word -> Pattern.compile("\\b" + Pattern.quote(word) + "\\b", Pattern.CASE_INSENSITIVE).matcher(allText).find())
                .findFirst();
        if (refused.isPresent()) {
            ObjectNode answer = MAPPER.createObjectNode();
            answer.putArray("candidates").addObject().put("finishReason", "IMAGE_SAFETY").put("index", 0);
            usage(answer, call, 0);
            return Reply.json(200, answer.toString());
        }
        if (!call.modalities.contains("IMAGE")) {
            return textOnly("Here is a description of the picture instead.", call);
        }
        String size = model.sizes().get(Optional.ofNullable(call.aspectRatio).orElse("1:1"));
        ObjectNode answer = MAPPER.createObjectNode();
        ObjectNode candidate = answer.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().putObject("inlineData").put("mimeType", "image/png")
                .put("data", Base64.getEncoder().encodeToString(png(size)));
        content.put("role", "model");
        candidate.put("finishReason", "STOP").put("index", 0);
        usage(answer, call, model.imageTokens());
        answer.put("modelVersion", modelName).put("responseId", "fake-" + calls.size());
        return Reply.json(200, answer.toString());
    }

    /** Checks the body as the API does; fills {@code call} with what was asked. */
    private Optional<String> read(Recorded request, Model model, Asked call) {
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (IOException e) {
            return Optional.of("Invalid JSON payload received.");
        }
        if (body == null || !body.isObject()) {
            return Optional.of("Invalid JSON payload received: the body must be an object.");
        }
        Optional<String> unknown = unknownField(body, REQUEST_FIELDS, "");
        if (unknown.isPresent()) {
            return unknown;
        }
        JsonNode contents = body.path("contents");
        if (!contents.isArray() || contents.isEmpty()) {
            return Optional.of("* GenerateContentRequest.contents: contents is not specified");
        }
        for (JsonNode content : contents) {
            if (content.has("role") && !List.of("user", "model").contains(content.get("role").asText())) {
                return Optional.of("Please use a valid role: user, model.");
            }
            if (!content.path("parts").isArray() || content.path("parts").isEmpty()) {
                return Optional.of("* GenerateContentRequest.contents.parts: contents.parts must not be empty.");
            }
            for (JsonNode part : content.path("parts")) {
                if (part.has("text") == part.has("inlineData")) {
                    return Optional.of("* GenerateContentRequest.contents.parts: a part holds exactly one of text or inlineData");
                }
                if (part.has("text")) {
                    call.texts.add(part.get("text").asText());
                    continue;
                }
                String mimeType = part.path("inlineData").path("mimeType").asText("");
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(part.path("inlineData").path("data").asText(""));
                } catch (IllegalArgumentException e) {
                    return Optional.of("Invalid value at 'contents.parts.inline_data.data' (TYPE_BYTES), Base64 decoding failed");
                }
                if (!IMAGE_TYPES.contains(mimeType) || !mimeType.equals(sniff(bytes))) {
                    return Optional.of("Unable to process input image: mimeType '" + mimeType + "' does not match the data ("
                            + sniff(bytes) + ")");
                }
                call.images.add(new InputImage(mimeType, bytes));
            }
        }
        if (call.images.size() > model.maxInputImages()) {
            return Optional.of("The request contains " + call.images.size() + " images; this model takes at most "
                    + model.maxInputImages() + ".");
        }
        JsonNode generation = body.path("generationConfig");
        unknown = unknownField(generation, GENERATION_FIELDS, "generation_config.");
        if (unknown.isPresent()) {
            return unknown;
        }
        for (JsonNode modality : generation.path("responseModalities")) {
            if (!List.of("TEXT", "IMAGE").contains(modality.asText())) {
                return Optional.of("Invalid value at 'generation_config.response_modalities' (type.googleapis.com/"
                        + "google.ai.generativelanguage.v1beta.GenerationConfig.Modality), \"" + modality.asText() + "\"");
            }
            call.modalities.add(modality.asText());
        }
        JsonNode imageConfig = generation.path("imageConfig");
        unknown = unknownField(imageConfig, IMAGE_CONFIG_FIELDS, "generation_config.image_config.");
        if (unknown.isPresent()) {
            return unknown;
        }
        call.aspectRatio = imageConfig.has("aspectRatio") ? imageConfig.get("aspectRatio").asText() : null;
        if (call.aspectRatio != null && !model.sizes().containsKey(call.aspectRatio)) {
            return Optional.of("Unsupported aspect ratio: " + call.aspectRatio + ". Supported values are " + model.sizes().keySet() + ".");
        }
        return Optional.empty();
    }

    private Reply failure(Answer answer, String model) {
        return switch (answer.kind()) {
            case RATE_LIMITED -> {
                ArrayNode details = MAPPER.createArrayNode();
                ObjectNode quota = details.addObject().put("@type", "type.googleapis.com/google.rpc.QuotaFailure");
                quota.putArray("violations").addObject()
                        .put("quotaMetric", "generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count")
                        .put("quotaId", "GenerateContentPaidTierInputTokensPerModelPerMinute")
                        .putObject("quotaDimensions").put("model", model).put("location", "global");
                if (answer.retryDelay() != null) {
                    details.addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo").put("retryDelay", answer.retryDelay());
                }
                yield error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details. "
                        + "For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.", details);
            }
            case INTERNAL -> error(500, "INTERNAL", "An internal error has occurred. Please retry or report in "
                    + "https://developers.generativeai.google/guide/troubleshooting", MAPPER.createArrayNode());
            case UNAVAILABLE -> error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", MAPPER.createArrayNode());
            case PROMPT_BLOCKED -> {
                ObjectNode blocked = MAPPER.createObjectNode();
                blocked.putObject("promptFeedback").put("blockReason", "PROHIBITED_CONTENT");
                blocked.putObject("usageMetadata").put("promptTokenCount", 40).put("totalTokenCount", 40);
                yield Reply.json(200, blocked.toString());
            }
            case TEXT_ONLY -> textOnly("I can't draw that, but here is a story about it.", null);
        };
    }

    private static Reply textOnly(String text, Asked call) {
        ObjectNode answer = MAPPER.createObjectNode();
        ObjectNode candidate = answer.putArray("candidates").addObject();
        candidate.putObject("content").put("role", "model").putArray("parts").addObject().put("text", text);
        candidate.put("finishReason", "STOP").put("index", 0);
        answer.putObject("usageMetadata").put("promptTokenCount", call == null ? 40 : promptTokens(call)).put("candidatesTokenCount", 12);
        return Reply.json(200, answer.toString());
    }

    /** Counts like the API: text by words here, 258 tokens per input image of up to 384 px a side and more for larger ones. */
    private static void usage(ObjectNode answer, Asked call, int imageTokens) {
        int prompt = promptTokens(call);
        ObjectNode usage = answer.putObject("usageMetadata").put("promptTokenCount", prompt).put("totalTokenCount", prompt + imageTokens);
        if (imageTokens > 0) {
            usage.put("candidatesTokenCount", imageTokens);
            usage.putArray("candidatesTokensDetails").addObject().put("modality", "IMAGE").put("tokenCount", imageTokens);
        }
    }

    private static int promptTokens(Asked call) {
        int words = call.texts.stream().mapToInt(text -> text.split("\\s+").length).sum();
        return words + 258 * call.images.size();
    }

    private static Reply error(int code, String status, String message, ArrayNode details) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", message).put("status", status);
        if (!details.isEmpty()) {
            error.set("details", details);
        }
        return Reply.json(code, body.toPrettyString());
    }

    private static Optional<String> unknownField(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                return Optional.of("Invalid JSON payload received. Unknown name \"" + prefix + name + "\": Cannot find field.");
            }
        }
        return Optional.empty();
    }

    private static String sniff(byte[] bytes) {
        if (bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "image/png";
        }
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8) {
            return "image/jpeg";
        }
        if (bytes.length > 12 && new String(bytes, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WEBP")) {
            return "image/webp";
        }
        return "not an image";
    }

    private static byte[] png(String size) {
        String[] sides = size.split("x");
        BufferedImage image = new BufferedImage(Integer.parseInt(sides[0]), Integer.parseInt(sides[1]), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x3F7F5F));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        return fableforge.TestPngs.encode(image);
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

    private record Model(int maxInputImages, Map<String, String> sizes, int imageTokens) {
    }

    /** An inline image of a request. */
    public record InputImage(String mimeType, byte[] bytes) {
    }

    /** What a request asked for, filled in while it is read. */
    private static final class Asked {
        private final List<String> texts = new ArrayList<>();
        private final List<InputImage> images = new ArrayList<>();
        private final List<String> modalities = new ArrayList<>();
        private String aspectRatio;
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
