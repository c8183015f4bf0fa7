package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.App;
import fableforge.Config;
import fableforge.fake.FakeOpenAiChat;
import fableforge.fake.FakeOpenAiImages;
import fableforge.fake.FakeServer;
import fableforge.fake.FakeServer.Recorded;
import fableforge.fake.FakeServer.Reply;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user gets by setting nothing but {@code OPENAI_API_KEY} (and the base URL, here a loopback
 * fake of the whole OpenAI API): the story, the prompts and the 20 images all come from OpenAI, every
 * paid call is charged to the story, the next step is quoted before it starts, and the daily spend
 * limit refuses new paid work with a message once it is reached, changing nothing.
 */
class OpenAiWholeFlowTest {

    private static final String KEY = "sk-whole-flow";

    @TempDir
    Path data;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final FakeOpenAiChat chat = new FakeOpenAiChat().key(KEY);
    private final FakeOpenAiImages images = new FakeOpenAiImages(KEY);
    /** One base URL for both APIs, as OpenAI has: chat calls go to the chat fake, image calls to the image fake. */
    private final FakeServer openAi = new FakeServer()
            .on("POST", "/v1/chat/.*", request -> forward(request, chat.baseUrl()))
            .on("POST", "/v1/images/.*", request -> forward(request, images.baseUrl()));
    private App.RunningServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        openAi.close();
        chat.close();
        images.close();
    }

    private void start(String spendLimit) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", KEY);
        env.put("OPENAI_BASE_URL", openAi.url() + "/v1");
        env.put("IMAGE_RATE_PER_MIN", "1200");
        env.put("IMAGE_RETRY_BASE_MS", "20");
        env.put("SPEND_LIMIT_USD_PER_DAY", spendLimit);
        server = new App(Config.load(env, data.resolve("none.env")), Clock.systemUTC()).serve("127.0.0.1", 0, data);
    }

    @Test
    void onlyAnOpenAiKeyRunsTheWholeStoryOnOpenAiAndChargesEveryCallToIt() throws Exception {
        start("50");
        JsonNode health = get("/health").get("providers");
        assertThat(health.at("/story/adapter").asText()).isEqualTo("openai:gpt-4o-mini");
        assertThat(health.at("/prompts/adapter").asText()).startsWith("openai");
        assertThat(health.at("/images/adapter").asText()).isEqualTo("openai:gpt-image-1");
        assertThat(health.at("/images/rate_per_min").asText()).isEqualTo("1200");

        JsonNode submitted = post("/submit", quiz()).body();
        String id = submitted.get("story_id").asText();
        assertThat(submitted.get("scenes")).hasSize(20);
        assertThat(submitted.at("/cost/next_step/units").asInt()).isEqualTo(20);
        assertThat(submitted.at("/cost/next_step/estimate_usd").decimalValue()).isEqualByComparingTo("1.26");
        assertThat(submitted.at("/cost/next_step/description").asText()).contains("1024x1536").contains("medium");
        assertThat(submitted.at("/cost/spent_usd").decimalValue()).isPositive().isLessThan(new BigDecimal("0.01"));
        assertThat(chat.calls()).hasSize(1);

        assertThat(post("/approve_scenes", approval(id, submitted.get("scenes"))).status()).isEqualTo(202);
        JsonNode drawn = waitFor(id, story -> story.get("completed_scenes").asInt() == 20);

        assertThat(chat.calls()).as("the story, then the prompts once, on the approved scenes").hasSize(2);
        assertThat(images.calls("/v1/images/generations")).hasSize(20);
        assertThat(images.violations()).isEmpty();
        assertThat(chat.problems()).isEmpty();
        String bible = drawn.get("character_bible").asText();
        drawn.get("scenes").forEach(scene -> assertThat(count(scene.get("prompt").asText(), bible)).isEqualTo(1));
        JsonNode cost = drawn.get("cost");
        assertThat(cost.get("lines")).extracting(line -> line.get("stage").asText()).contains("story", "prompts", "image");
        assertThat(cost.get("spent_usd").decimalValue()).as("20 images, their prompts' tokens, the story and prompt calls")
                .isGreaterThan(new BigDecimal("1.26")).isLessThan(new BigDecimal("1.35"));
        assertThat(cost.get("next_step").isNull()).isTrue();
        assertThat(cost.get("per_image_usd").decimalValue()).isEqualByComparingTo("0.063");

        for (int scene = 1; scene <= 20; scene++) {
            post("/approve_image/" + id + "/" + scene, mapper.createObjectNode().put("action", "approve"));
        }
        assertThat(get("/story/" + id).get("status").asText()).isEqualTo("all_approved");
    }

    @Test
    void onceTodaysSpendReachesTheLimitNewPaidWorkIsRefusedWithAMessageAndNothingChanges() throws Exception {
        start("1.00");
        JsonNode submitted = post("/submit", quiz()).body();
        String id = submitted.get("story_id").asText();
        post("/approve_scenes", approval(id, submitted.get("scenes")));
        waitFor(id, story -> story.get("completed_scenes").asInt() == 20);
        int imageCalls = images.calls().size();

        Response redraw = post("/approve_image/" + id + "/3", mapper.createObjectNode().put("action", "reject").put("reason", "colours"));
        Response another = post("/submit", quiz());

        assertThat(redraw.status()).isEqualTo(402);
        assertThat(redraw.body().get("message").asText()).contains("spend limit of $1.00 is reached").contains("SPEND_LIMIT_USD_PER_DAY");
        assertThat(another.status()).isEqualTo(402);
        JsonNode after = get("/story/" + id);
        assertThat(after.at("/images/3/status").asText()).isEqualTo("pending_approval");
        assertThat(after.at("/images/3/latest_attempt").asInt()).isEqualTo(1);
        assertThat(images.calls()).hasSize(imageCalls);
        assertThat(chat.calls()).hasSize(2);
        assertThat(after.at("/cost/today_usd").decimalValue()).isGreaterThan(new BigDecimal("1.00"));
        assertThat(after.at("/cost/daily_limit_usd").decimalValue()).isEqualByComparingTo("1.00");
    }

    private static Reply forward(Recorded request, String base) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.replaceAll("/v1$", "") + request.uri()))
                    .version(HttpClient.Version.HTTP_1_1)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
            for (String header : new String[] {"authorization", "content-type"}) {
                if (request.header(header) != null) {
                    builder.header(header, request.header(header));
                }
            }
            HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Reply reply = Reply.bytes(answer.statusCode(), answer.headers().firstValue("content-type").orElse("application/json"), answer.body());
            for (String header : new String[] {"retry-after", "retry-after-ms", "x-ratelimit-reset-requests"}) {
                Reply current = reply;
                reply = answer.headers().firstValue(header).map(value -> current.withHeader(header, value)).orElse(current);
            }
            return reply;
        } catch (Exception e) {
            throw new IllegalStateException("forwarding failed: " + e.getMessage(), e);
        }
    }

    private ObjectNode quiz() {
        return mapper.createObjectNode().put("animal", "fox").put("character_name", "Ember").put("setting", "enchanted forest")
                .put("visual_style", "watercolor").put("power", "fire").put("villain", "tyrant");
    }

    private ObjectNode approval(String id, JsonNode scenes) {
        ObjectNode body = mapper.createObjectNode().put("story_id", id);
        ArrayNode texts = body.putArray("scenes");
        scenes.forEach(texts::add);
        return body;
    }

    private JsonNode waitFor(String id, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode story = get("/story/" + id);
        while (!condition.test(story)) {
            assertThat(System.nanoTime()).as("story %s never got there: %s", id, story.get("status")).isLessThan(deadline);
            Thread.sleep(100);
            story = get("/story/" + id);
        }
        return story;
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private record Response(int status, JsonNode body) {
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return mapper.readTree(response.body());
    }

    private Response post(String path, JsonNode body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), mapper.readTree(response.body()));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
