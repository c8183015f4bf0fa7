package fableforge.fake;

import fableforge.fake.FakeServer.Recorded;
import fableforge.fake.FakeServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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

    /** The image models OpenAI serves today (provider-contracts.md, "OpenAI — Images"); the retired ones answer 404. */
    private static final Set<String> MODELS = Set.of("gpt-image-2", "gpt-image-2-2026-04-21");

    private final FakeServer server = new FakeServer();
    private final FakeOpenAiModels models = new FakeOpenAiModels();
    private final String apiKey;
    private final Set<String> refusedWords = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<OpenAiImagesAnswer> script = new ConcurrentLinkedDeque<>();
    private volatile OpenAiImagesAnswer afterScript = OpenAiImagesAnswer.ok();
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

    public FakeOpenAiImages(String apiKey) {
        this.apiKey = apiKey;
        server.on("POST", "/v1/images/generations", request -> handle(request, OpenAiImageRequests::generation));
        server.on("POST", "/v1/images/edits", request -> handle(request, OpenAiImageRequests::edit));
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

    /** The next calls get these answers, in order; then every call gets {@link #thenAlways(OpenAiImagesAnswer)}'s. */
    public FakeOpenAiImages script(OpenAiImagesAnswer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    public FakeOpenAiImages thenAlways(OpenAiImagesAnswer answer) {
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

    private Reply handle(Recorded request, java.util.function.Function<Recorded, OpenAiImageRequests.Parsed> reader) {
        long arrived = System.nanoTime();
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        Reply reply = null;
        OpenAiImageRequests.Parsed parsed = null;
        try {
            String authorization = request.header("authorization");
            if (!("Bearer " + apiKey).equals(authorization)) {
                reply = OpenAiImageReplies.error(401, "invalid_api_key", "invalid_request_error", "Incorrect API key provided: "
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
                reply = OpenAiImageReplies.error(400, "invalid_value", "invalid_request_error", parsed.problem().get());
                return reply;
            }
            OpenAiImagesAnswer answer = Optional.ofNullable(script.pollFirst()).orElse(afterScript);
            sleep(latency.plus(answer.delay()));
            if (answer.kind() == OpenAiImagesAnswer.Kind.RATE_LIMITED) {
                long answering = System.nanoTime();
                retryAfterWindows.add(new Window(answering, answering + answer.pause().toNanos()));
            }
            reply = answer.kind() == OpenAiImagesAnswer.Kind.OK ? draw(parsed) : OpenAiImageReplies.failure(answer, apiKey);
            return reply;
        } finally {
            long answered = System.nanoTime();
            inFlight.decrementAndGet();
            Reply sent = reply;
            calls.add(new Call(request.path(), parsed == null ? Map.of() : parsed.fields(), parsed == null ? List.of() : parsed.images(),
                    request.header("content-type"), arrived, answered, sent == null ? 500 : sent.status()));
        }
    }

    private Reply draw(OpenAiImageRequests.Parsed request) {
        String prompt = request.fields().get("prompt");
        boolean refused = refusedWords.stream()
                .anyMatch(word -> Pattern.compile("\\b" + Pattern.quote(word) + "\\b", Pattern.CASE_INSENSITIVE).matcher(prompt).find());
        if (refused) {
            return OpenAiImageReplies.refusedBySafety();
        }
        return OpenAiImageReplies.image(request, answerWithUrls ? Optional.of(this::link) : Optional.empty(), !omitUsage);
    }

    /** Keeps the bytes for {@code GET /files/<id>.png} and answers that link. */
    private String link(byte[] png) {
        String name = UUID.randomUUID() + ".png";
        files.put(name, png);
        return server.url() + "/files/" + name;
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

    /** gpt-image-2's rule (provider-contracts.md): the three fixed sizes, auto, or any 16-grid size within 1:3..3:1 and 3840x2160. */
    public static boolean sizeAllowed(String size) {
        return OpenAiImageRequests.sizeAllowed(size);
    }

    // --- types -----------------------------------------------------------------------------------

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
}
