package fableforge.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.fake.FakeOpenAiChat;
import fableforge.fake.FakeServer.Reply;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.spend.Charge;
import fableforge.spend.PriceTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared Chat Completions client against a fake that speaks and checks OpenAI's contract. */
class ChatCompletionsTest {

    private final FakeOpenAiChat fake = new FakeOpenAiChat();
    private final List<Charge> charges = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        fake.close();
    }

    private ChatCompletions client(Optional<String> key, String model, Duration timeout) {
        return new ChatCompletions(new ChatCompletions.Endpoint(URI.create(fake.baseUrl()), key, model, timeout),
                PriceTable.builtIn(), charges::add, Clock.systemUTC());
    }

    private ChatCompletions client() {
        return client(Optional.of(FakeOpenAiChat.KEY), "gpt-4o-mini", Duration.ofSeconds(10));
    }

    /** A story request as the story writer makes one: the fake answers it with scenes. */
    static ChatRequest storyRequest() {
        ObjectNode schema = new ObjectMapper().createObjectNode().put("type", "object").put("additionalProperties", false);
        schema.putArray("required").add("scenes");
        ObjectNode items = schema.putObject("properties").putObject("scenes").put("type", "array").putObject("items")
                .put("type", "object").put("additionalProperties", false);
        items.putArray("required").add("number").add("text");
        items.putObject("properties").putObject("number").put("type", "integer");
        ((ObjectNode) items.get("properties")).putObject("text").put("type", "string");
        return new ChatRequest("story-1", "story", List.of(
                ChatRequest.Message.system("You write stories. Answer with JSON only."),
                ChatRequest.Message.user("Write a 20-scene Power Fantasy story about this hero, as JSON.\nHero name: Ember\nSpecies: fox\n")),
                new ChatRequest.Schema("story_scenes", schema), 0.9, 4000);
    }

    private ProviderError failure(ChatCompletions client) {
        try {
            client.complete(storyRequest());
        } catch (ProviderException e) {
            return e.error();
        }
        throw new AssertionError("the call should have failed");
    }

    @Test
    void sendsKeyModelMessagesAndAStrictJsonSchema() throws Exception {
        ChatReply reply = client().complete(storyRequest());

        assertThat(fake.problems()).isEmpty();
        assertThat(fake.calls().get(0).header("authorization")).isEqualTo("Bearer " + FakeOpenAiChat.KEY);
        JsonNode body = fake.body(0);
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("messages").findValuesAsText("role")).containsExactly("system", "user");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.9);
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(4000);
        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/response_format/json_schema/name").asText()).isEqualTo("story_scenes");
        assertThat(body.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        assertThat(reply.format()).isEqualTo(OutputFormat.JSON_SCHEMA);
        assertThat(reply.cut()).isFalse();
        assertThat(new ObjectMapper().readTree(reply.content()).get("scenes")).hasSize(20);
        assertThat(reply.content()).contains("Ember");
    }

    @Test
    void withoutAKeySendsNoAuthorizationHeader() throws Exception {
        fake.key(null);

        client(Optional.empty(), "gpt-4o-mini", Duration.ofSeconds(10)).complete(storyRequest());

        assertThat(fake.calls().get(0).header("authorization")).isNull();
    }

    @Test
    void aRejectedKeyIsBadCredentials() {
        ProviderError error = failure(client(Optional.of("sk-wrong"), "gpt-4o-mini", Duration.ofSeconds(10)));

        assertThat(error).isInstanceOf(ProviderError.BadCredentials.class);
        assertThat(error.message()).contains("OPENAI_API_KEY");
        assertThat(error.retryable()).isFalse();
    }

    @Test
    void anUnknownModelIsABadRequest() {
        assertThat(failure(client(Optional.of(FakeOpenAiChat.KEY), "gpt-nonexistent", Duration.ofSeconds(10))))
                .isInstanceOf(ProviderError.BadRequest.class);
    }

    @Test
    void aRateLimitSaysHowLongToWait() {
        fake.script(FakeOpenAiChat.rateLimited(7));

        ProviderError error = failure(client());

        assertThat(error).isInstanceOf(ProviderError.RateLimited.class);
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void aRateLimitWithOnlyTheResetHeaderWaitsForTheReset() {
        fake.script(FakeOpenAiChat.rateLimitedResetOnly("1m30s"));

        assertThat(failure(client()).retryAfter()).contains(Duration.ofSeconds(90));
    }

    @Test
    void noCreditIsABillingLimitNotARateLimit() {
        fake.script(FakeOpenAiChat.insufficientQuota());

        ProviderError error = failure(client());

        assertThat(error).isInstanceOf(ProviderError.BillingLimit.class);
        assertThat(error.retryable()).isFalse();
    }

    @Test
    void aServerErrorIsTransient() {
        fake.script(FakeOpenAiChat.serverError());

        assertThat(failure(client())).isInstanceOf(ProviderError.Transient.class);
    }

    @Test
    void aSlowAnswerTimesOut() {
        fake.slow(Duration.ofSeconds(10));

        long start = System.nanoTime();
        ProviderError error = failure(client(Optional.of(FakeOpenAiChat.KEY), "gpt-4o-mini", Duration.ofSeconds(1)));

        assertThat(error).isInstanceOf(ProviderError.TimedOut.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the call's own 1 s limit, not the answer's 10 s").isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void aBodyThatIsNotJsonIsTransient() {
        fake.script(Reply.bytes(200, "text/html", "<html><body>Bad gateway</body></html>".getBytes()));

        assertThat(failure(client())).isInstanceOf(ProviderError.Transient.class);
    }

    @Test
    void aRefusalIsAPolicyRefusalAndStillCharged() {
        fake.nextStoryAnswers(FakeOpenAiChat.StoryAnswer.REFUSAL);

        ProviderError error = failure(client());

        assertThat(error).isInstanceOf(ProviderError.PolicyRefusal.class);
        assertThat(error.message()).contains("can't help");
        assertThat(charges).hasSize(1);
    }

    @Test
    void anAnswerCutAtTheTokenLimitIsMarkedCut() throws Exception {
        fake.nextStoryAnswers(FakeOpenAiChat.StoryAnswer.CUT_AT_LENGTH);

        ChatReply reply = client().complete(storyRequest());

        assertThat(reply.cut()).isTrue();
        assertThat(JsonAnswer.parse(reply.content())).isEmpty();
    }

    @Test
    void fallsBackToJsonModeWhenTheServerRefusesJsonSchemaAndRemembersIt() throws Exception {
        fake.support(FakeOpenAiChat.Support.JSON_MODE_ONLY);
        ChatCompletions client = client();

        ChatReply first = client.complete(storyRequest());
        ChatReply second = client.complete(storyRequest());

        assertThat(first.format()).isEqualTo(OutputFormat.JSON_OBJECT);
        assertThat(second.format()).isEqualTo(OutputFormat.JSON_OBJECT);
        assertThat(fake.calls()).hasSize(3);
        assertThat(fake.body(0).at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(fake.body(1).at("/response_format/type").asText()).isEqualTo("json_object");
        assertThat(fake.body(2).at("/response_format/type").asText()).isEqualTo("json_object");
        assertThat(JsonAnswer.parse(second.content()).orElseThrow().get("scenes")).hasSize(20);
    }

    @Test
    void fallsBackToNoResponseFormatWhenTheServerTakesNoneAndParsesTheFencedAnswer() throws Exception {
        fake.support(FakeOpenAiChat.Support.NONE);
        ChatCompletions client = client();

        ChatReply first = client.complete(storyRequest());
        client.complete(storyRequest());

        assertThat(first.format()).isEqualTo(OutputFormat.PLAIN);
        assertThat(fake.calls()).hasSize(4);
        assertThat(fake.body(3).has("response_format")).isFalse();
        assertThat(first.content()).startsWith("Here is the story").contains("```json");
        assertThat(JsonAnswer.parse(first.content()).orElseThrow().get("scenes")).hasSize(20);
    }

    @Test
    void leavesTheTemperatureOutForAModelThatTakesOnlyItsDefault() throws Exception {
        fake.defaultTemperatureOnly();
        ChatCompletions client = client();

        client.complete(storyRequest());
        client.complete(storyRequest());

        assertThat(fake.calls()).hasSize(3);
        assertThat(fake.body(2).has("temperature")).isFalse();
    }

    @Test
    void chargesEachAnsweredCallAtTheTablePrice() throws Exception {
        client().complete(storyRequest());

        FakeOpenAiChat.Usage usage = fake.usages().get(0);
        BigDecimal expected = BigDecimal.valueOf(usage.promptTokens()).multiply(new BigDecimal("0.15"))
                .add(BigDecimal.valueOf(usage.completionTokens()).multiply(new BigDecimal("0.60")))
                .divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP);
        assertThat(charges).singleElement().satisfies(charge -> {
            assertThat(charge.storyId()).isEqualTo("story-1");
            assertThat(charge.stage()).isEqualTo("story");
            assertThat(charge.provider()).isEqualTo("openai");
            assertThat(charge.model()).isEqualTo("gpt-4o-mini");
            assertThat(charge.detail()).isEqualTo(usage.promptTokens() + " in + " + usage.completionTokens() + " out tokens");
            assertThat(charge.usd()).contains(expected);
        });
        assertThat(expected).isPositive();
    }

    @Test
    void aModelTheTableDoesNotKnowIsChargedWithoutAPrice() throws Exception {
        fake.model("llama3.1:8b").key(null);

        client(Optional.empty(), "llama3.1:8b", Duration.ofSeconds(10)).complete(storyRequest());

        assertThat(charges).singleElement().satisfies(charge -> assertThat(charge.usd()).isEmpty());
    }

    @Test
    void failedCallsAreNotCharged() {
        fake.script(FakeOpenAiChat.serverError(), FakeOpenAiChat.rateLimited(1));

        failure(client());
        failure(client());

        assertThat(charges).isEmpty();
    }

    @Test
    void reportsItsLastCallForHealth() throws Exception {
        ChatCompletions client = client();
        assertThat(client.lastCall().called()).isFalse();

        client.complete(storyRequest());

        assertThat(client.lastCall().answered()).isTrue();
        assertThat(client.lastCall().httpStatus()).isEqualTo(200);
    }
}
