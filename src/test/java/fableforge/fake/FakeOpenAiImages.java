package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.fake.FakeServer.Recorded;
import fableforge.fake.FakeServer.Reply;
import fableforge.fake.Multipart.Part;
import fableforge.fake.contract.OpenAiContract;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * OpenAI's image API on loopback, as {@code ../shared/provider-contracts.md} describes it:
 * {@code POST /v1/images/generations} (JSON) and {@code POST /v1/images/edits} (multipart), answering
 * real PNGs of the requested size as {@code b64_json} or as a link to {@code GET /files/<id>.png}.
 *
 * <p>It checks what it is sent the way the real API does (Bearer key, model, size and quality valid
 * for today's GPT image models, {@code n=1}, prompt length, never {@code style} or {@code response_format}; retired models answer 404 {@code model_not_found},
 * the edit's {@code image[]} parts) and answers a mistake with a 400, also kept in {@link #violations()}
 * so a test can fail on it. Scripted answers play the failures: 429 storms with Retry-After headers,
 * no credit, bad key, server errors, slow and malformed answers; prompts with configured words are
 * refused as the safety system does. It records every call's arrival and answer time and the most
 * calls it ever held at once.
 */
public final class FakeOpenAiImages implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The image models OpenAI serves today (provider-contracts.md, "OpenAI — Images"); the retired ones answer 404. */
    private static final Set<String> MODELS = Set.of("gpt-image-2", "gpt-image-2-2026-04-21");
    private static final List<String> FIXED_SIZES = List.of("1024x1024", "1536x1024", "1024x1536", "auto");
    private static final List<String> QUALITIES = List.of("low", "medium", "high", "auto");
    private static final int PROMPT_LIMIT = 32_000;
    /** Output tokens of a 1024x1024 image per quality (gpt-image-1's published counts), scaled by area. */
    private static final Map<String, Integer> OUTPUT_TOKENS_1024 = Map.of("low", 272, "medium", 1_056, "high", 4_160, "auto", 1_056);
    private static final Set<String> GENERATION_FIELDS = Set.of("model", "prompt", "n", "size", "quality", "style",
            "response_format", "user", "output_format", "output_compression", "background", "moderation");
    private static final Set<String> EDIT_FIELDS = Set.of("model", "prompt", "n", "size", "quality", "input_fidelity",
            "user", "output_format", "output_compression", "background", "moderation");

    private final FakeServer server = new FakeServer();
    private final FakeOpenAiModels models = new FakeOpenAiModels();
    private final String apiKey;
    private final Set<String> refusedWords = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
    private volatile Answer afterScript = Answer.ok();
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean answerWithUrls;
    private volatile boolean linksExpired;
    private volatile boolean omitUsage;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Download> downloads = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Window> retryAfterWindows = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, byte[]> pngs = new ConcurrentHashMap<>();

    public FakeOpenAiImages(String apiKey) {
        this.apiKey = apiKey;
        server.on("POST", "/v1/images/generations", request -> handle(request, this::readGeneration));
        server.on("POST", "/v1/images/edits", request -> handle(request, this::readEdit));
        server.on("GET", "/files/[A-Za-z0-9-]+\\.png", this::file);
        models.serveOn(server, () -> apiKey);
    }

    /** What {@code GET /v1/models} lists (today's models by default). */
    public FakeOpenAiModels models() {
        return models;
    }

    /** {@code http://127.0.0.1:<port>/v1}, what {@code OPENAI_BASE_URL} is set to. */
    public String baseUrl() {
        return server.url() + "/v1";
    }

    // --- behaviour -------------------------------------------------------------------------------

    /** Prompts containing any of these whole words (any case) are refused as the safety system does. */
    public FakeOpenAiImages refuse(String... words) {
        for (String word : words) {
            refusedWords.add(word.toLowerCase(Locale.ROOT));
        }
        return this;
    }

    /** The next calls get these answers, in order; then every call gets {@link #thenAlways(Answer)}'s. */
    public FakeOpenAiImages script(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    public FakeOpenAiImages thenAlways(Answer answer) {
        this.afterScript = answer;
        return this;
    }

    /** How long every call takes to draw. */
    public FakeOpenAiImages latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /**
     * Answers a link instead of the bytes even when {@code b64_json} was asked for, as OpenAI-compatible
     * servers that ignore {@code response_format} do, so the download path is exercised.
     */
    public FakeOpenAiImages answerWithLinks(boolean links) {
        this.answerWithUrls = links;
        return this;
    }

    /** Answers carry no {@code usage}, as some OpenAI-compatible servers answer. */
    public FakeOpenAiImages omitUsage() {
        this.omitUsage = true;
        return this;
    }

    /** Links answered so far stop working (403, as an expired signed blob link does). */
    public FakeOpenAiImages expireLinks() {
        this.linksExpired = true;
        return this;
    }

    // --- observations ----------------------------------------------------------------------------

    /** Generation and edit calls, in arrival order. */
    public List<Call> calls() {
        return calls.stream().sorted(java.util.Comparator.comparingLong(Call::arrivedNanos)).toList();
    }

    public List<Call> calls(String path) {
        return calls().stream().filter(call -> call.path().equals(path)).toList();
    }

    public List<Download> downloads() {
        return List.copyOf(downloads);
    }

    /** Requests the real API would have refused as malformed; a correct adapter leaves this empty. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    public int mostCallsAtOnce() {
        return mostInFlight.get();
    }

    /** When the fake answered a 429 that said how long to wait, and until when. */
    public List<Window> retryAfterWindows() {
        return List.copyOf(retryAfterWindows);
    }

    /**
     * Calls that arrived while a Retry-After the fake had answered was still running, later than
     * {@code inFlightGrace} after it: calls already on their way when the 429 left cannot have known.
     */
    public List<Call> callsInsideRetryAfterWindows(Duration inFlightGrace) {
        List<Call> inside = new ArrayList<>();
        for (Call call : calls()) {
            for (Window window : retryAfterWindows) {
                if (call.arrivedNanos() > window.fromNanos() + inFlightGrace.toNanos() && call.arrivedNanos() < window.untilNanos()) {
                    inside.add(call);
                    break;
                }
            }
        }
        return inside;
    }

    /** The most calls that arrived within any stretch of {@code window}. */
    public int mostCallsWithin(Duration window) {
        List<Long> arrivals = calls().stream().map(Call::arrivedNanos).toList();
        int most = 0;
        int from = 0;
        for (int to = 0; to < arrivals.size(); to++) {
            while (arrivals.get(to) - arrivals.get(from) > window.toNanos()) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }

    @Override
    public void close() {
        server.close();
    }

    // --- the API ---------------------------------------------------------------------------------

    private Reply handle(Recorded request, java.util.function.Function<Recorded, Parsed> reader) {
        long arrived = System.nanoTime();
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        Reply reply = null;
        Parsed parsed = null;
        try {
            String authorization = request.header("authorization");
            if (!("Bearer " + apiKey).equals(authorization)) {
                reply = error(401, "invalid_api_key", "invalid_request_error", "Incorrect API key provided: "
                        + (authorization == null ? "none" : "sk-...") + ". You can find your API key at https://platform.openai.com/account/api-keys.");
                return reply;
            }
            parsed = reader.apply(request);
            String model = parsed.fields().get("model");
            if (model != null && !MODELS.contains(model)) {
                reply = FakeOpenAiModels.modelNotFound(model);
                return reply;
            }
            if (parsed.problem().isPresent()) {
                violations.add(request.path() + ": " + parsed.problem().get());
                reply = error(400, "invalid_value", "invalid_request_error", parsed.problem().get());
                return reply;
            }
            Answer answer = Optional.ofNullable(script.pollFirst()).orElse(afterScript);
            sleep(latency.plus(answer.delay()));
            reply = answer.kind() == Kind.OK ? draw(parsed) : failure(answer);
            return reply;
        } finally {
            long answered = System.nanoTime();
            inFlight.decrementAndGet();
            Reply sent = reply;
            calls.add(new Call(request.path(), parsed == null ? Map.of() : parsed.fields(), parsed == null ? List.of() : parsed.images(),
                    request.header("content-type"), arrived, answered, sent == null ? 500 : sent.status()));
        }
    }

    private Reply failure(Answer answer) {
        return switch (answer.kind()) {
            case RATE_LIMITED -> {
                Reply reply = error(429, "rate_limit_exceeded", "requests", "Rate limit reached for images per minute in organization "
                        + "org-fake on images per min (ipm): Limit 5, Used 5, Requested 1. Please try again in "
                        + answer.pause().toMillis() + "ms.")
                        .withHeader("x-ratelimit-limit-requests", "5")
                        .withHeader("x-ratelimit-remaining-requests", "0");
                for (Map.Entry<String, String> header : answer.headers().entrySet()) {
                    reply = reply.withHeader(header.getKey(), header.getValue());
                }
                long now = System.nanoTime();
                retryAfterWindows.add(new Window(now, now + answer.pause().toNanos()));
                yield reply;
            }
            case NO_CREDIT -> error(429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota, please check "
                    + "your plan and billing details. For more information on this error, read the docs: "
                    + "https://platform.openai.com/docs/guides/error-codes/api-errors.");
            case UNAUTHORIZED -> error(401, "invalid_api_key", "invalid_request_error", "Incorrect API key provided: sk-...revoked.");
            case SERVER_ERROR -> error(500, null, "server_error", "The server had an error while processing your request. Sorry about that!");
            case MALFORMED -> Reply.json(200, "{\"created\": 1731000000, \"data\": [{\"b64_json\": \"iVBORw0K");
            case NOT_AN_IMAGE -> Reply.json(200, "{\"created\": 1731000000, \"data\": [{\"b64_json\": \""
                    + Base64.getEncoder().encodeToString("<html>gateway</html>".getBytes(StandardCharsets.UTF_8)) + "\"}]}");
            case ECHOES_KEY -> error(400, "invalid_value", "invalid_request_error", "Invalid value for 'size'.\nThe request was:\n"
                    + "  Authorization: Bearer " + apiKey + "\n  (a debugging proxy quoting what it was sent)");
            case OK -> throw new IllegalStateException("not a failure");
        };
    }

    private Reply draw(Parsed request) {
        String model = request.fields().get("model");
        String prompt = request.fields().get("prompt");
        Optional<String> refused = refusedWords.stream()
                .filter(word -> Pattern.compile("\\b" + Pattern.quote(word) + "\\b", Pattern.CASE_INSENSITIVE).matcher(prompt).find())
                .findFirst();
        if (refused.isPresent()) {
            return error(400, "moderation_blocked", "image_generation_user_error", "Your request was rejected by the safety system. "
                    + "If you believe this is an error, contact us at help.openai.com and include the request ID req_fake.");
        }
        String size = request.fields().getOrDefault("size", "auto").replace("auto", "1024x1024");
        String quality = request.fields().getOrDefault("quality", "auto");
        byte[] png = png(size);
        ObjectNode answer = MAPPER.createObjectNode().put("created", 1_731_000_000L);
        ObjectNode image = answer.putArray("data").addObject();
        boolean link = answerWithUrls;
        if (link) {
            String name = UUID.randomUUID() + ".png";
            files.put(name, png);
            image.put("url", server.url() + "/files/" + name);
        } else {
            image.put("b64_json", Base64.getEncoder().encodeToString(png));
        }
        String[] sides = size.split("x");
        long outputTokens = Math.round(OUTPUT_TOKENS_1024.get(quality) * Long.parseLong(sides[0]) * Long.parseLong(sides[1]) / 1_048_576.0);
        int textTokens = prompt.split("\\s+").length;
        int imageTokens = request.images().size() * 323;
        answer.put("background", "opaque").put("output_format", "png").put("quality", quality).put("size", size);
        if (!omitUsage) {
            answer.putObject("usage").put("input_tokens", textTokens + imageTokens).put("output_tokens", outputTokens)
                    .put("total_tokens", textTokens + imageTokens + outputTokens)
                    .putObject("input_tokens_details").put("text_tokens", textTokens).put("image_tokens", imageTokens);
        }
        return Reply.json(200, answer.toString());
    }

    private Reply file(Recorded request) {
        String name = request.path().substring("/files/".length());
        downloads.add(new Download(name, request.header("authorization")));
        byte[] bytes = files.get(name);
        if (bytes == null) {
            return Reply.bytes(404, "application/xml", "<Error><Code>BlobNotFound</Code></Error>".getBytes(StandardCharsets.UTF_8));
        }
        if (linksExpired) {
            return Reply.bytes(403, "application/xml", ("<Error><Code>AuthenticationFailed</Code><Message>Signed expiry time has "
                    + "passed</Message></Error>").getBytes(StandardCharsets.UTF_8));
        }
        return Reply.bytes(200, "image/png", bytes);
    }

    // --- reading requests ------------------------------------------------------------------------

    private Parsed readGeneration(Recorded request) {
        String contentType = Optional.ofNullable(request.header("content-type")).orElse("");
        if (!contentType.startsWith("application/json")) {
            return Parsed.problem("generations take application/json, got '" + contentType + "'");
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (IOException e) {
            return Parsed.problem("We could not parse the JSON body of your request.");
        }
        if (body == null || !body.isObject()) {
            return Parsed.problem("the body must be a JSON object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        body.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().isTextual()
                ? field.getValue().asText() : field.getValue().toString()));
        if (body.has("n") && !(body.get("n").isInt() && body.get("n").asInt() == 1)) {
            return new Parsed(fields, List.of(), Optional.of("n must be 1 (FableForge asks for one image per call)"));
        }
        if (!body.path("prompt").isTextual()) {
            return new Parsed(fields, List.of(), Optional.of("Missing required parameter: 'prompt'."));
        }
        Optional<String> offSpec = OpenAiContract.shared().flatMap(contract -> first(contract.check("images/generations", body)));
        if (offSpec.isPresent()) {
            return new Parsed(fields, List.of(), offSpec);
        }
        return check(fields, List.of(), GENERATION_FIELDS);
    }

    private Parsed readEdit(Recorded request) {
        String contentType = Optional.ofNullable(request.header("content-type")).orElse("");
        if (!contentType.startsWith("multipart/form-data") || !contentType.contains("boundary=")) {
            return Parsed.problem("edits take multipart/form-data with a boundary, got '" + contentType + "'");
        }
        List<Part> parts;
        try {
            parts = Multipart.parse(contentType, request.body());
        } catch (IllegalArgumentException malformed) {
            return Parsed.problem("the multipart body is malformed: " + malformed.getMessage());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<byte[]> images = new ArrayList<>();
        for (Part part : parts) {
            if (part.filename().isEmpty()) {
                if (fields.put(part.name(), new String(part.body(), StandardCharsets.UTF_8)) != null) {
                    return new Parsed(fields, images, Optional.of("field '" + part.name() + "' sent twice"));
                }
            } else if (part.name().equals("image[]") || part.name().equals("image")) {
                Optional<String> problem = imageProblem(part);
                if (problem.isPresent()) {
                    return new Parsed(fields, images, problem);
                }
                images.add(part.body());
            } else {
                return new Parsed(fields, images, Optional.of("unexpected file part '" + part.name() + "'"));
            }
        }
        if (images.isEmpty() || images.size() > 16) {
            return new Parsed(fields, images, Optional.of("an edit needs 1 to 16 image[] parts, got " + images.size()));
        }
        if (fields.containsKey("input_fidelity") && !List.of("high", "low").contains(fields.get("input_fidelity"))) {
            return new Parsed(fields, images, Optional.of("input_fidelity must be high or low"));
        }
        if (fields.containsKey("n") && !fields.get("n").equals("1")) {
            return new Parsed(fields, images, Optional.of("n must be 1"));
        }
        if (!fields.containsKey("prompt")) {
            return new Parsed(fields, images, Optional.of("Missing required parameter: 'prompt'."));
        }
        Map<String, List<String>> form = new LinkedHashMap<>();
        fields.forEach((name, value) -> form.put(name, List.of(value)));
        Optional<String> offSpec = OpenAiContract.shared().flatMap(contract -> first(contract.imageEditViolations(form, images.size())));
        if (offSpec.isPresent()) {
            return new Parsed(fields, images, offSpec);
        }
        return check(fields, images, EDIT_FIELDS);
    }

    /** The first of the official spec's objections (../shared/openai-contract.json), as OpenAI's 400 names one. */
    private static Optional<String> first(List<String> violations) {
        return violations.stream().findFirst().map(violation -> "against OpenAI's spec: " + violation);
    }

    /** The parts of a request both endpoints check the same way. */
    private static Parsed check(Map<String, String> fields, List<byte[]> images, Set<String> allowed) {
        for (String name : fields.keySet()) {
            if (!allowed.contains(name)) {
                return new Parsed(fields, images, Optional.of("Unknown parameter: '" + name + "'."));
            }
        }
        String model = fields.get("model");
        if (model == null) {
            return new Parsed(fields, images, Optional.of("Missing required parameter: 'model'."));
        }
        String prompt = fields.get("prompt");
        if (prompt.isBlank() || prompt.length() > PROMPT_LIMIT) {
            return new Parsed(fields, images, Optional.of("prompt must be 1 to " + PROMPT_LIMIT + " characters for " + model
                    + ", was " + prompt.length()));
        }
        if (fields.containsKey("size") && !sizeAllowed(fields.get("size"))) {
            return new Parsed(fields, images, Optional.of("Invalid value for 'size': " + fields.get("size") + ". " + model + " takes "
                    + FIXED_SIZES + " or WIDTHxHEIGHT with both sides divisible by 16, an aspect between 1:3 and 3:1 and at most"
                    + " 3840x2160."));
        }
        if (fields.containsKey("quality") && !QUALITIES.contains(fields.get("quality"))) {
            return new Parsed(fields, images, Optional.of("Invalid value for 'quality': " + fields.get("quality") + " is not one of "
                    + QUALITIES + " for " + model + "."));
        }
        if (fields.containsKey("style")) {
            return new Parsed(fields, images, Optional.of("Unknown parameter: 'style' (GPT image models do not take it)."));
        }
        if (fields.containsKey("response_format")) {
            return new Parsed(fields, images, Optional.of("Unknown parameter: 'response_format' (GPT image models always answer b64_json)."));
        }
        return new Parsed(fields, images, Optional.empty());
    }

    /** gpt-image-2's rule (provider-contracts.md): the three fixed sizes, auto, or any 16-grid size within 1:3..3:1 and 3840x2160. */
    public static boolean sizeAllowed(String size) {
        if (FIXED_SIZES.contains(size)) {
            return true;
        }
        var sides = Pattern.compile("(\\d{2,5})x(\\d{2,5})").matcher(size);
        if (!sides.matches()) {
            return false;
        }
        int width = Integer.parseInt(sides.group(1));
        int height = Integer.parseInt(sides.group(2));
        double aspect = (double) Math.max(width, height) / Math.min(width, height);
        return width % 16 == 0 && height % 16 == 0 && aspect <= 3.0 && Math.max(width, height) <= 3840
                && (long) width * height <= 3840L * 2160;
    }

    private static Optional<String> imageProblem(Part part) {
        String declared = part.contentType().orElse("");
        byte[] bytes = part.body();
        boolean png = bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
        boolean webp = bytes.length > 12 && new String(bytes, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP");
        boolean matches = switch (declared) {
            case "image/png" -> png;
            case "image/jpeg" -> jpeg;
            case "image/webp" -> webp;
            default -> false;
        };
        return matches ? Optional.empty()
                : Optional.of("image[] part '" + part.filename().orElse("") + "' must be a PNG, JPEG or WebP file whose bytes match its Content-Type ("
                + declared + ")");
    }

    /** A solid PNG of the requested size, made once per size (ImageIO keeps it a few kilobytes). */
    private byte[] png(String size) {
        return pngs.computeIfAbsent(size, key -> {
            String[] sides = key.split("x");
            BufferedImage image = new BufferedImage(Integer.parseInt(sides[0]), Integer.parseInt(sides[1]), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(0xE8C07A));
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(new Color(0xB5532A));
            g.fillOval(image.getWidth() / 4, image.getHeight() / 3, image.getWidth() / 2, image.getHeight() / 3);
            g.dispose();
            return fableforge.TestPngs.encode(image);
        });
    }

    private static Reply error(int status, String code, String type, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type).putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return Reply.json(status, body.toString());
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

    // --- types -----------------------------------------------------------------------------------

    enum Kind { OK, RATE_LIMITED, NO_CREDIT, UNAUTHORIZED, SERVER_ERROR, MALFORMED, NOT_AN_IMAGE, ECHOES_KEY }

    /** One scripted answer. */
    public record Answer(Kind kind, Map<String, String> headers, Duration pause, Duration delay) {

        public static Answer ok() {
            return new Answer(Kind.OK, Map.of(), Duration.ZERO, Duration.ZERO);
        }

        /** A normal answer that takes {@code delay} to arrive. */
        public static Answer slow(Duration delay) {
            return new Answer(Kind.OK, Map.of(), Duration.ZERO, delay);
        }

        /** 429 {@code rate_limit_exceeded} with {@code retry-after: <seconds>}. */
        public static Answer retryAfterSeconds(int seconds) {
            return new Answer(Kind.RATE_LIMITED, Map.of("retry-after", String.valueOf(seconds)), Duration.ofSeconds(seconds), Duration.ZERO);
        }

        /** 429 {@code rate_limit_exceeded} with {@code retry-after-ms}. */
        public static Answer retryAfterMillis(long millis) {
            return new Answer(Kind.RATE_LIMITED, Map.of("retry-after-ms", String.valueOf(millis)), Duration.ofMillis(millis), Duration.ZERO);
        }

        /** 429 {@code rate_limit_exceeded} whose only hint is {@code x-ratelimit-reset-requests} (a Go duration). */
        public static Answer resetRequestsIn(long millis) {
            return new Answer(Kind.RATE_LIMITED, Map.of("x-ratelimit-reset-requests", millis + "ms"), Duration.ofMillis(millis), Duration.ZERO);
        }

        /** {@code n} rate-limit answers in a row, cycling through the three ways OpenAI says how long to wait. */
        public static Answer[] storm(int n, long waitMillis) {
            Answer[] storm = new Answer[n];
            for (int i = 0; i < n; i++) {
                storm[i] = switch (i % 3) {
                    case 0 -> retryAfterMillis(waitMillis);
                    case 1 -> new Answer(Kind.RATE_LIMITED, Map.of("retry-after", String.valueOf(waitMillis / 1000.0)),
                            Duration.ofMillis(waitMillis), Duration.ZERO);
                    default -> resetRequestsIn(waitMillis);
                };
            }
            return storm;
        }

        public static Answer noCredit() {
            return new Answer(Kind.NO_CREDIT, Map.of(), Duration.ZERO, Duration.ZERO);
        }

        public static Answer unauthorized() {
            return new Answer(Kind.UNAUTHORIZED, Map.of(), Duration.ZERO, Duration.ZERO);
        }

        public static Answer serverError() {
            return new Answer(Kind.SERVER_ERROR, Map.of(), Duration.ZERO, Duration.ZERO);
        }

        /** 400 whose message quotes the request's Authorization header, key and all, over several lines. */
        public static Answer echoesKey() {
            return new Answer(Kind.ECHOES_KEY, Map.of(), Duration.ZERO, Duration.ZERO);
        }

        /** 200 with a body cut off in the middle of its JSON. */
        public static Answer malformed() {
            return new Answer(Kind.MALFORMED, Map.of(), Duration.ZERO, Duration.ZERO);
        }

        /** 200 whose {@code b64_json} decodes to something that is not an image. */
        public static Answer notAnImage() {
            return new Answer(Kind.NOT_AN_IMAGE, Map.of(), Duration.ZERO, Duration.ZERO);
        }

        public static Answer[] times(int n, Answer answer) {
            Answer[] answers = new Answer[n];
            java.util.Arrays.fill(answers, answer);
            return answers;
        }
    }

    /**
     * One generation or edit call: its fields (JSON values as text, or the multipart text fields), the
     * edit's image parts, and when it arrived and was answered ({@link System#nanoTime()}).
     */
    public record Call(String path, Map<String, String> fields, List<byte[]> images, String contentType,
                       long arrivedNanos, long answeredNanos, int status) {
        public String prompt() {
            return fields.get("prompt");
        }

        public boolean isEdit() {
            return path.endsWith("/edits");
        }

        @Override
        public String toString() {
            String prompt = prompt() == null ? "" : prompt().replace('\n', ' ');
            return path + " " + status + " at " + arrivedNanos / 1_000_000 + " ms: " + (prompt.length() > 80 ? prompt.substring(0, 80) + "…" : prompt);
        }
    }

    /** A download of an answered link, with the Authorization header it carried (none expected). */
    public record Download(String file, String authorization) {
    }

    public record Window(long fromNanos, long untilNanos) {
    }

    private record Parsed(Map<String, String> fields, List<byte[]> images, Optional<String> problem) {
        static Parsed problem(String problem) {
            return new Parsed(Map.of(), List.of(), Optional.of(problem));
        }
    }
}
