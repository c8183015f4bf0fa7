package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.fake.FakeServer.Recorded;
import fableforge.fake.FakeServer.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenAI Chat Completions on loopback ({@code POST /v1/chat/completions}), as provider-contracts.md
 * describes it. It checks what it is sent the way the API does (Bearer key, model, messages and
 * their roles, temperature, token limit, response_format and the strict-schema rules, "json" in the
 * messages for JSON mode, unknown fields) and answers with a realistic story or prompt list written
 * from the request by {@link FakeStoryteller}. It can play a server without structured output (older
 * Ollama, LM Studio, llama.cpp builds) and every failure the contract lists.
 */
public final class FakeOpenAiChat implements AutoCloseable {

    public static final String PATH = "/v1/chat/completions";
    public static final String KEY = "sk-fake-0123456789abcdef";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Which {@code response_format} types the server takes. */
    public enum Support {
        /** OpenAI: json_schema, json_object and text. */
        STRUCTURED,
        /** JSON mode only: json_schema answered 400, as OpenAI does for models without structured outputs. */
        JSON_MODE_ONLY,
        /** No response_format at all: any is answered 400 with a bare-string error, as some local servers do. */
        NONE
    }

    /** How the next story answers are written. */
    public enum StoryAnswer { NORMAL, CODE_FENCED, PROSE_WRAPPED, SCENE_LINES, LABELLED_AND_QUOTED, MALFORMED, ONLY_17,
        DUPLICATES_AND_EMPTY, CUT_AT_LENGTH, REFUSAL, NOTHING_NEW }

    /** How the next prompt answers are written. */
    public enum PromptAnswer { NORMAL, PARAPHRASED_BIBLE, DUPLICATED_BIBLE, ONLY_19, MALFORMED, SERVER_ERROR }

    private final FakeServer server = new FakeServer();
    private final AtomicInteger ids = new AtomicInteger();
    private final ConcurrentLinkedDeque<StoryAnswer> storyAnswers = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<PromptAnswer> promptAnswers = new ConcurrentLinkedDeque<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<Usage> usages = new CopyOnWriteArrayList<>();
    private volatile String key = KEY;
    /** The one model this server takes, or null: any chat model its {@code /v1/models} lists. */
    private volatile String model;
    private final FakeOpenAiModels models = new FakeOpenAiModels();
    private volatile Support support = Support.STRUCTURED;
    private volatile PromptAnswer promptDefault = PromptAnswer.NORMAL;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean defaultTemperatureOnly;

    public FakeOpenAiChat() {
        server.on("POST", PATH, this::answer);
        models.serveOn(server, () -> key);
    }

    /** What {@code GET /v1/models} lists (today's models by default). */
    public FakeOpenAiModels models() {
        return models;
    }

    private String expectedModel(JsonNode body) {
        if (model != null) {
            return model;
        }
        String asked = body.path("model").asText("");
        return models.listed().stream().anyMatch(listed -> listed.id().equals(asked)) ? asked : "a listed model";
    }

    /** The base URL an adapter is configured with ({@code OPENAI_BASE_URL}). */
    public String baseUrl() {
        return server.url() + "/v1";
    }

    /** The key the server accepts; {@code null} plays a local server that takes any or none. */
    public FakeOpenAiChat key(String key) {
        this.key = key;
        return this;
    }

    public FakeOpenAiChat model(String model) {
        this.model = model;
        return this;
    }

    public FakeOpenAiChat support(Support support) {
        this.support = support;
        return this;
    }

    public FakeOpenAiChat nextStoryAnswers(StoryAnswer... answers) {
        storyAnswers.addAll(List.of(answers));
        return this;
    }

    public FakeOpenAiChat nextPromptAnswers(PromptAnswer... answers) {
        promptAnswers.addAll(List.of(answers));
        return this;
    }

    /** How prompt answers are written once the scripted ones are used up. */
    public FakeOpenAiChat promptAnswersAfter(PromptAnswer answer) {
        this.promptDefault = answer;
        return this;
    }

    /** Plays a reasoning model: any temperature but the default 1 is refused. */
    public FakeOpenAiChat defaultTemperatureOnly() {
        this.defaultTemperatureOnly = true;
        return this;
    }

    /** Every answer that passes the checks comes this late (a slow model). */
    public FakeOpenAiChat slow(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** The next calls get these answers, in order, whatever they ask. */
    public FakeOpenAiChat script(Reply... replies) {
        server.script("POST", PATH, replies);
        return this;
    }

    public List<Recorded> calls() {
        return server.requests("POST", PATH);
    }

    public JsonNode body(int call) {
        return json(calls().get(call).body());
    }

    /** Requests that broke the API's rules (each was also answered 400). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The usage the fake reported on each answered call. */
    public List<Usage> usages() {
        return List.copyOf(usages);
    }

    public record Usage(long promptTokens, long completionTokens) {
    }

    @Override
    public void close() {
        server.close();
    }

    // ----- the failures the contract lists, ready to script -----

    public static Reply invalidApiKey() {
        return error(401, "Incorrect API key provided: sk-wrong. You can find your API key at https://platform.openai.com/account/api-keys.",
                "invalid_request_error", null, "invalid_api_key");
    }

    /** A rate limit with the headers OpenAI sends: retry-after in seconds and the x-ratelimit-* set. */
    public static Reply rateLimited(int retryAfterSeconds) {
        return error(429, "Rate limit reached for gpt-4o-mini in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1.",
                "requests", null, "rate_limit_exceeded")
                .withHeader("retry-after", String.valueOf(retryAfterSeconds))
                .withHeader("x-ratelimit-limit-requests", "3")
                .withHeader("x-ratelimit-remaining-requests", "0")
                .withHeader("x-ratelimit-reset-requests", retryAfterSeconds + "s")
                .withHeader("x-ratelimit-limit-tokens", "40000")
                .withHeader("x-ratelimit-remaining-tokens", "38000")
                .withHeader("x-ratelimit-reset-tokens", "3s");
    }

    /** A rate limit that names its wait only in x-ratelimit-reset-requests, a Go duration. */
    public static Reply rateLimitedResetOnly(String reset) {
        return error(429, "Rate limit reached for requests", "requests", null, "rate_limit_exceeded")
                .withHeader("x-ratelimit-remaining-requests", "0")
                .withHeader("x-ratelimit-reset-requests", reset);
    }

    public static Reply insufficientQuota() {
        return error(429, "You exceeded your current quota, please check your plan and billing details. For more information on this error, "
                + "read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.", "insufficient_quota", null, "insufficient_quota");
    }

    /** 400 whose message quotes the request's Authorization header with {@code key}, as a debugging proxy might. */
    public static Reply echoingKey(String key) {
        return error(400, "Unrecognized request argument supplied. Request headers were: Authorization: Bearer " + key
                + "; Content-Type: application/json", "invalid_request_error", null, null);
    }

    public static Reply serverError() {
        return error(500, "The server had an error while processing your request. Sorry about that!", "server_error", null, null);
    }

    static Reply error(int status, String message, String type, String param, String code) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Reply.json(status, body.toString());
    }

    // ----- the server -----

    private Reply answer(Recorded request) {
        if (key != null && !("Bearer " + key).equals(request.header("authorization"))) {
            return invalidApiKey();
        }
        JsonNode body = json(request.body());
        String problem = body == null ? "We could not parse the JSON body of your request." : FakeChatRules.problem(request, body, expectedModel(body));
        if (problem == null) {
            // The official spec's request schema (../shared/openai-contract.json), when the shared folder is there.
            problem = fableforge.fake.contract.OpenAiContract.shared()
                    .flatMap(contract -> contract.check("chat/completions", body).stream().findFirst())
                    .map(violation -> "Invalid request (against OpenAI's spec): " + violation).orElse(null);
        }
        if (problem != null) {
            problems.add(problem);
            return error(problem.contains("does not exist") ? 404 : 400, problem, "invalid_request_error", null,
                    problem.contains("does not exist") ? "model_not_found" : null);
        }
        if (defaultTemperatureOnly && body.has("temperature") && body.get("temperature").asDouble() != 1) {
            return error(400, "Unsupported value: 'temperature' does not support " + body.get("temperature").asText()
                    + " with this model. Only the default (1) value is supported.", "invalid_request_error", "temperature", "unsupported_value");
        }
        Reply refused = refusedFormat(body.path("response_format"));
        if (refused != null) {
            return refused;
        }
        return written(body).after(delay);
    }

    private Reply refusedFormat(JsonNode format) {
        String type = format.path("type").asText("");
        if (support == Support.JSON_MODE_ONLY && type.equals("json_schema")) {
            return error(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
                    "invalid_request_error", "response_format", null);
        }
        if (support == Support.NONE && !format.isMissingNode()) {
            return Reply.json(400, "{\"error\":\"'response_format' is not supported by this server\"}");
        }
        return null;
    }

    private Reply written(JsonNode body) {
        String format = body.path("response_format").path("type").asText("none");
        boolean forPrompts = body.path("messages").toString().contains("image prompt");
        FakeStoryteller.Answer answer;
        if (forPrompts) {
            PromptAnswer mode = next(promptAnswers, promptDefault);
            if (mode == PromptAnswer.SERVER_ERROR) {
                return serverError();
            }
            answer = FakeStoryteller.prompts(body.path("messages"), mode, format);
        } else {
            answer = FakeStoryteller.story(body.path("messages"), next(storyAnswers, StoryAnswer.NORMAL), format,
                    body.path("response_format"));
        }
        long promptTokens = (body.path("messages").toString().length() + 3) / 4;
        long completionTokens = answer.content() == null ? 12 : (answer.content().length() + 3) / 4;
        usages.add(new Usage(promptTokens, completionTokens));
        ObjectNode reply = MAPPER.createObjectNode()
                .put("id", "chatcmpl-fake" + ids.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", body.path("model").asText() + "-2026-01-01");
        ObjectNode choice = reply.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.put("content", answer.content());
        message.put("refusal", answer.refusal());
        choice.putNull("logprobs");
        choice.put("finish_reason", answer.finishReason());
        reply.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return Reply.json(200, reply.toString())
                .withHeader("x-ratelimit-limit-requests", "5000")
                .withHeader("x-ratelimit-remaining-requests", "4999")
                .withHeader("x-ratelimit-reset-requests", "12ms");
    }

    private static <T> T next(ConcurrentLinkedDeque<T> queue, T fallback) {
        T next = queue.pollFirst();
        return next == null ? fallback : next;
    }

    private static JsonNode json(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
