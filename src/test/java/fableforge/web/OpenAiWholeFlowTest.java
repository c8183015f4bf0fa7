package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    private final FakeOpenAiChat chat = new FakeOpenAiChat().key(KEY);
    private final FakeOpenAiImages images = new FakeOpenAiImages(KEY);
    /** One base URL for both APIs, as OpenAI has: chat calls go to the chat fake, image calls to the image fake. */
    private final FakeServer openAi = new FakeServer()
            .on("POST", "/v1/chat/.*", request -> forward(request, chat.baseUrl()))
            .on("GET", "/v1/models.*", request -> forward(request, chat.baseUrl()))
            .on("POST", "/v1/images/.*", request -> forward(request, images.baseUrl()));
    private TestApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
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
        app = TestApp.start(env, data);
    }

    @Test
    void onlyAnOpenAiKeyRunsTheWholeStoryOnTodaysModelsAtANativeNineBySixteenSizeAndChargesEveryCall() throws Exception {
        start("50");
        JsonNode models = app.get("/health").get("models");
        assertThat(models.get("in_use")).extracting(use -> use.get("variable").asText() + "=" + use.get("model").asText())
                .as("auto picks the first preferred model listed with no shutdown near")
                .containsExactly("OPENAI_CHAT_MODEL=gpt-5.4-mini", "OPENAI_IMAGE_MODEL=gpt-image-2", "OPENAI_TTS_MODEL=gpt-4o-mini-tts");
        assertThat(models.get("shutdowns")).isEmpty();
        JsonNode health = app.get("/health").get("providers");
        assertThat(health.at("/story/adapter").asText()).isEqualTo("openai:gpt-5.4-mini");
        assertThat(health.at("/prompts/adapter").asText()).startsWith("openai");
        assertThat(health.at("/images/adapter").asText()).isEqualTo("openai:gpt-image-2");
        assertThat(health.at("/images/rate_per_min").asText()).isEqualTo("1200");

        JsonNode submitted = app.submit(quiz());
        String id = submitted.get("story_id").asText();
        assertThat(submitted.get("scenes")).hasSize(20);
        assertThat(submitted.at("/cost/next_step/units").asInt()).isEqualTo(20);
        assertThat(submitted.at("/cost/next_step/estimate_usd").decimalValue()).as("20 x 1010 tokens/MP x 1.99 MP x $30/M")
                .isBetween(new BigDecimal("1.15"), new BigDecimal("1.25"));
        assertThat(submitted.at("/cost/next_step/description").asText()).contains("1088x1920").contains("medium");
        assertThat(submitted.at("/cost/spent_usd").decimalValue()).isPositive().isLessThan(new BigDecimal("0.01"));
        assertThat(chat.calls()).hasSize(1);

        app.approveScenes(id, TestApp.sceneTexts(submitted));
        JsonNode drawn = app.waitFor(id, story -> story.get("completed_scenes").asInt() == 20);

        assertThat(chat.calls()).as("the story, then the prompts once, on the approved scenes").hasSize(2);
        assertThat(images.calls("/v1/images/generations")).hasSize(20)
                .allMatch(call -> call.fields().get("model").equals("gpt-image-2") && call.fields().get("size").equals("1088x1920"));
        assertThat(new fableforge.store.ImageRepository(app.server().database().jdbi(), java.time.Clock.systemUTC()).attempts(id))
                .as("1088x1920 fitted to the 9:16 frame").hasSize(20).allMatch(attempt -> attempt.width() == 1080 && attempt.height() == 1920);
        assertThat(images.violations()).isEmpty();
        assertThat(chat.problems()).isEmpty();
        String bible = drawn.get("character_bible").asText();
        drawn.get("scenes").forEach(scene -> assertThat(count(scene.get("prompt").asText(), bible)).isEqualTo(1));
        JsonNode cost = drawn.get("cost");
        assertThat(cost.get("lines")).extracting(line -> line.get("stage").asText()).contains("story", "prompts", "image");
        assertThat(cost.get("spent_usd").decimalValue()).as("20 images by their reported tokens, the story and prompt calls")
                .isGreaterThan(new BigDecimal("1.26")).isLessThan(new BigDecimal("1.35"));
        assertThat(cost.get("next_step").isNull()).isTrue();

        app.approveEveryImage(id);
        assertThat(app.story(id).get("status").asText()).isEqualTo("all_approved");
    }

    @Test
    void paidWorkThatTodaysSpendCannotTakeIsRefusedWithAMessageAndNothingChanges() throws Exception {
        // 20 images fit under the cap (spent + reserved + quote), a 21st does not.
        start("1.30");
        JsonNode submitted = app.submit(quiz());
        String id = submitted.get("story_id").asText();
        app.approveScenes(id, TestApp.sceneTexts(submitted));
        app.waitFor(id, story -> story.get("completed_scenes").asInt() == 20);
        int imageCalls = images.calls().size();

        TestApp.Response redraw = app.post("/approve_image/" + id + "/3",
                TestApp.jsonObject().put("action", "reject").put("reason", "colours"));

        assertThat(redraw.status()).isEqualTo(402);
        assertThat(redraw.body().get("message").asText()).contains("spend limit of $1.30").contains("SPEND_LIMIT_USD_PER_DAY");
        JsonNode after = app.story(id);
        assertThat(after.at("/images/3/status").asText()).isEqualTo("pending_approval");
        assertThat(after.at("/images/3/latest_attempt").asInt()).isEqualTo(1);
        assertThat(images.calls()).hasSize(imageCalls);
        assertThat(chat.calls()).hasSize(2);
        assertThat(after.at("/cost/today_usd").decimalValue()).isGreaterThan(new BigDecimal("1.00"));
        assertThat(after.at("/cost/reserved_usd").decimalValue()).as("every image settled its reservation").isEqualByComparingTo("0");
        assertThat(after.at("/cost/daily_limit_usd").decimalValue()).isEqualByComparingTo("1.30");
    }

    @Test
    void twoStoriesApprovedAtTheSameMomentUnderACapThatFitsOneQuoteGetOne202AndOne402() throws Exception {
        start("1.50");
        JsonNode first = app.submit(quiz());
        JsonNode second = app.submit(quiz());
        BigDecimal quote = first.at("/cost/next_step/estimate_usd").decimalValue();
        assertThat(quote).as("the cap fits one story's 20 images, not two").isBetween(new BigDecimal("0.76"), new BigDecimal("1.45"));

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<TestApp.Response>> sent = new ArrayList<>();
        for (JsonNode story : List.of(first, second)) {
            ObjectNode approval = TestApp.jsonObject().put("story_id", story.get("story_id").asText());
            TestApp.sceneTexts(story).forEach(approval.putArray("scenes")::add);
            sent.add(threads.submit(() -> {
                together.await();
                return app.post("/approve_scenes", approval);
            }));
        }
        List<TestApp.Response> answers = new ArrayList<>();
        for (Future<TestApp.Response> answer : sent) {
            answers.add(answer.get());
        }
        threads.shutdown();

        assertThat(answers).extracting(TestApp.Response::status).containsExactlyInAnyOrder(202, 402);
        TestApp.Response refused = answers.stream().filter(answer -> answer.status() == 402).findFirst().orElseThrow();
        assertThat(refused.body().get("error").asText()).isEqualTo("spend_limit");
        assertThat(refused.body().get("message").asText()).contains("reserved for work in progress").contains("SPEND_LIMIT_USD_PER_DAY");
        String refusedId = answers.get(0).status() == 402 ? first.get("story_id").asText() : second.get("story_id").asText();
        assertThat(app.story(refusedId).get("status").asText()).as("a refused approval changes nothing").isEqualTo("scenes_ready");
        assertThat(app.story(refusedId).at("/cost/reserved_usd").decimalValue()).isLessThanOrEqualTo(quote);
    }

    private static Reply forward(Recorded request, String base) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.replaceAll("/v1$", "") + request.uri()))
                    .version(HttpClient.Version.HTTP_1_1)
                    .method(request.method(), request.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
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

    private static ObjectNode quiz() {
        return TestApp.jsonObject().put("animal", "fox").put("character_name", "Ember").put("setting", "enchanted forest")
                .put("visual_style", "watercolor").put("power", "fire").put("villain", "tyrant");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
