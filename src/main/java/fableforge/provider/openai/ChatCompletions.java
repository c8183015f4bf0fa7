package fableforge.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.provider.http.Monitored;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.ProviderHttp;
import fableforge.spend.Charge;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI Chat Completions ({@code POST {base}/chat/completions}) as the story and prompt writers share
 * it, for OpenAI itself and any OpenAI-compatible server. Asks for strict structured output first and
 * steps down to JSON mode, then to no response format, when the server says it does not support one;
 * the step is remembered, so later calls do not repeat the refused request. No retries of its own:
 * the story planner owns them. Every answered call is charged to the spend meter.
 */
public final class ChatCompletions implements Monitored {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCompletions.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Endpoint endpoint;
    private final PriceTable prices;
    private final SpendMeter meter;
    private final Clock clock;
    private final ProviderHttp http;
    private final AtomicReference<OutputFormat> format = new AtomicReference<>(OutputFormat.JSON_SCHEMA);
    private final AtomicBoolean sendsTemperature = new AtomicBoolean(true);

    /**
     * Where and as whom to call: {@code baseUrl} ends before {@code /chat/completions}; without an
     * API key no Authorization header is sent (local servers).
     */
    public record Endpoint(URI baseUrl, Optional<String> apiKey, String model, Duration timeout) {
        public static Endpoint of(OpenAiSettings settings) {
            return new Endpoint(settings.baseUrl(), settings.apiKey(), settings.chatModel(), settings.timeout());
        }
    }

    public ChatCompletions(Endpoint endpoint, PriceTable prices, SpendMeter meter, Clock clock) {
        this.endpoint = endpoint;
        this.prices = prices;
        this.meter = meter;
        this.clock = clock;
        this.http = new ProviderHttp("openai", clock);
    }

    public String model() {
        return endpoint.model();
    }

    /** The format the next call will ask for (lowered after a server refused a better one). */
    public OutputFormat format() {
        return format.get();
    }

    @Override
    public ProviderHttp.LastCall lastCall() {
        return http.lastCall();
    }

    public ChatReply complete(ChatRequest request) throws ProviderException {
        while (true) {
            OutputFormat asked = format.get();
            boolean withTemperature = sendsTemperature.get();
            HttpResponse<byte[]> response = http.send(httpRequest(body(request, asked, withTemperature)), endpoint.timeout());
            if (response.statusCode() == 200) {
                return read(response, request, asked);
            }
            String said = ChatErrors.text(response);
            if (asked != OutputFormat.PLAIN && ChatErrors.refusesResponseFormat(response)) {
                if (format.compareAndSet(asked, asked.weaker())) {
                    LOG.warn("[OPENAI] {} at {} refused response_format {} ({}); asking with {} from now on", endpoint.model(),
                            endpoint.baseUrl(), asked, said, asked.weaker());
                }
                continue;
            }
            if (withTemperature && ChatErrors.refusesTemperature(response)) {
                // Reasoning models (o-series, gpt-5) accept only their default temperature.
                if (sendsTemperature.compareAndSet(true, false)) {
                    LOG.warn("[OPENAI] {} refused the temperature setting ({}); leaving it to the model from now on", endpoint.model(), said);
                }
                continue;
            }
            throw new ProviderException(OpenAiErrors.classify(response, clock, new OpenAiErrors.ModelSetting("OPENAI_CHAT_MODEL", endpoint.model())));
        }
    }

    private HttpRequest httpRequest(ObjectNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        endpoint.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        return builder.build();
    }

    private ObjectNode body(ChatRequest request, OutputFormat asked, boolean withTemperature) {
        ObjectNode body = MAPPER.createObjectNode().put("model", endpoint.model());
        var messages = body.putArray("messages");
        request.messages().forEach(message -> messages.addObject().put("role", message.role()).put("content", message.content()));
        if (withTemperature) {
            body.put("temperature", request.temperature());
        }
        body.put("max_completion_tokens", request.maxCompletionTokens());
        switch (asked) {
            case JSON_SCHEMA -> {
                ObjectNode jsonSchema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
                jsonSchema.put("name", request.schema().name()).put("strict", true).set("schema", request.schema().schema());
            }
            case JSON_OBJECT -> body.putObject("response_format").put("type", "json_object");
            case PLAIN -> { }
        }
        return body;
    }

    private ChatReply read(HttpResponse<byte[]> response, ChatRequest request, OutputFormat asked) throws ProviderException {
        JsonNode answer;
        try {
            answer = MAPPER.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new ProviderException(new ProviderError.Transient("OpenAI answered 200 with a body that is not JSON"), e);
        }
        if (answer == null || !answer.path("choices").path(0).isObject()) {
            throw new ProviderException(new ProviderError.Transient("OpenAI answered 200 without a choice"));
        }
        charge(request, answer.path("usage"));
        JsonNode choice = answer.path("choices").path(0);
        JsonNode message = choice.path("message");
        String finish = choice.path("finish_reason").asText("");
        String refusal = message.path("refusal").isTextual() ? message.path("refusal").asText().strip() : "";
        if (!refusal.isEmpty()) {
            throw new ProviderException(new ProviderError.PolicyRefusal("OpenAI refused to write it: " + refusal));
        }
        if (finish.equals("content_filter")) {
            throw new ProviderException(new ProviderError.PolicyRefusal("OpenAI's content filter stopped the answer"));
        }
        String content = message.path("content").isTextual() ? message.path("content").asText() : "";
        boolean cut = finish.equals("length");
        if (content.isBlank() && !cut) {
            throw new ProviderException(new ProviderError.Transient("OpenAI answered with an empty message"));
        }
        return new ChatReply(content, cut, asked);
    }

    /** Every answered call is paid for, whatever its content turns out to be worth. */
    private void charge(ChatRequest request, JsonNode usage) {
        if (!usage.path("prompt_tokens").canConvertToLong() || !usage.path("completion_tokens").canConvertToLong()) {
            meter.record(new Charge(request.storyId(), request.stage(), "openai", endpoint.model(), "tokens not reported", Optional.empty()));
            return;
        }
        long in = usage.path("prompt_tokens").asLong();
        long out = usage.path("completion_tokens").asLong();
        meter.record(new Charge(request.storyId(), request.stage(), "openai", endpoint.model(), in + " in + " + out + " out tokens",
                prices.chat(endpoint.model(), in, out)));
    }
}
