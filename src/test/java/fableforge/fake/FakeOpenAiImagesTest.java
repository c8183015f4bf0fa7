package fableforge.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake refuses what the real image API refuses, so a wrong request fails the adapter's tests. */
class FakeOpenAiImagesTest {

    private static final String KEY = "sk-fake-check";

    private final FakeOpenAiImages fake = new FakeOpenAiImages(KEY);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> generate(String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/images/generations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> edit(String boundary, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/images/edits"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMissingOrWrongKeyIs401() throws Exception {
        String good = "{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\",\"n\":1,\"size\":\"1024x1024\",\"quality\":\"low\"}";

        assertThat(generate(good, null).statusCode()).isEqualTo(401);
        assertThat(generate(good, "Bearer sk-other").statusCode()).isEqualTo(401);
        assertThat(mapper.readTree(generate(good, "Bearer sk-other").body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(generate(good, "Bearer " + KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void fieldsThatDoNotFitTheModelAre400AndRecordedAsViolations() throws Exception {
        String[] wrong = {
                "{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\",\"size\":\"1024x1024\",\"response_format\":\"b64_json\"}",
                "{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\",\"size\":\"1024x1024\",\"style\":\"vivid\"}",
                "{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\",\"size\":\"1080x1920\"}",
                "{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\",\"size\":\"640x2048\"}",
                "{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\",\"size\":\"4096x2304\"}",
                "{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\",\"quality\":\"hd\"}",
                "{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\",\"n\":2}",
                "{\"model\":\"gpt-image-2\",\"prompt\":\"\"}",
                "{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\",\"seed\":3}",
                "{\"model\":\"gpt-image-2\"}",
                "{not json"};
        for (String json : wrong) {
            HttpResponse<String> response = generate(json, "Bearer " + KEY);
            assertThat(response.statusCode()).as(json).isEqualTo(400);
            assertThat(mapper.readTree(response.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        }
        assertThat(fake.violations()).hasSize(wrong.length);
        assertThat(generate("{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\",\"size\":\"1088x1920\"}", "Bearer " + KEY).statusCode())
                .as("a native 9:16 size").isEqualTo(200);
    }

    @Test
    void retiredModelsAnswer404ModelNotFoundAsOpenAiDoesSinceTheirShutdown() throws Exception {
        for (String model : new String[] {"dall-e-3", "gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "dall-e-2"}) {
            HttpResponse<String> response = generate("{\"model\":\"" + model + "\",\"prompt\":\"a fox\"}", "Bearer " + KEY);

            assertThat(response.statusCode()).as(model).isEqualTo(404);
            assertThat(mapper.readTree(response.body()).at("/error/code").asText()).isEqualTo("model_not_found");
        }
        HttpResponse<String> listing = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/models"))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(mapper.readTree(listing.body()).get("data")).extracting(model -> model.get("id").asText())
                .contains("gpt-image-2").doesNotContain("gpt-image-1", "dall-e-3");
    }

    @Test
    void anAnswerReportsItsTokenUsageAndSize() throws Exception {
        HttpResponse<String> response = generate("{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\",\"size\":\"1088x1920\",\"quality\":\"medium\"}",
                "Bearer " + KEY);

        var answer = mapper.readTree(response.body());
        assertThat(answer.get("size").asText()).isEqualTo("1088x1920");
        assertThat(answer.at("/usage/output_tokens").asLong()).isEqualTo(Math.round(1_056 * 1088L * 1920 / 1_048_576.0));
        assertThat(answer.at("/usage/input_tokens_details/text_tokens").asLong()).isEqualTo(2);
    }

    @Test
    void anEditNeedsAnImagePartWhoseBytesMatchItsTypeAndACurrentModel() throws Exception {
        String png = new String(png(), StandardCharsets.ISO_8859_1);
        String fields = part("model", "gpt-image-2") + part("prompt", "the fox again") + part("size", "1024x1536")
                + part("quality", "medium") + part("input_fidelity", "high");

        assertThat(edit("b", fields + file("image[]", "image/png", png) + "--b--\r\n").statusCode()).isEqualTo(200);
        assertThat(edit("b", fields + "--b--\r\n").statusCode()).as("no image[]").isEqualTo(400);
        assertThat(edit("b", fields + file("image[]", "image/jpeg", png) + "--b--\r\n").statusCode()).as("PNG bytes sent as JPEG").isEqualTo(400);
        assertThat(edit("b", fields + file("image[]", "image/png", "plain text") + "--b--\r\n").statusCode()).isEqualTo(400);
        assertThat(edit("b", fields.replace("gpt-image-2", "gpt-image-2").replace("1024x1536", "1000x1500") + file("image[]", "image/png", png) + "--b--\r\n").statusCode())
                .isEqualTo(400);
        assertThat(edit("b", fields + part("response_format", "b64_json") + file("image[]", "image/png", png) + "--b--\r\n").statusCode())
                .isEqualTo(400);
        assertThat(edit("b", fields + file("image[]", "image/png", png)).statusCode()).as("no closing boundary").isEqualTo(400);
        assertThat(fake.violations()).hasSize(6);
        assertThat(fake.calls("/v1/images/edits").get(0).images()).hasSize(1);
    }

    @Test
    void callsHeldAtOnceAndCallsPerWindowAreCounted() throws Exception {
        fake.latency(Duration.ofMillis(300));
        String good = "{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\",\"size\":\"1024x1024\"}";
        CountDownLatch done = new CountDownLatch(4);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                pool.submit(() -> {
                    generate(good, "Bearer " + KEY);
                    done.countDown();
                    return null;
                });
            }
        }
        done.await();

        assertThat(fake.mostCallsAtOnce()).isEqualTo(4);
        assertThat(fake.mostCallsWithin(Duration.ofMillis(200))).isEqualTo(4);
        assertThat(fake.calls()).hasSize(4);
    }

    @Test
    void aRateLimitStormAnswersEachWayOfSayingTheWaitAndOpensWindows() throws Exception {
        fake.script(OpenAiImagesAnswer.storm(3, 1_200));
        String good = "{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\",\"size\":\"1024x1024\"}";

        HttpResponse<String> first = generate(good, "Bearer " + KEY);
        Thread.sleep(150);
        HttpResponse<String> second = generate(good, "Bearer " + KEY);
        Thread.sleep(150);
        HttpResponse<String> third = generate(good, "Bearer " + KEY);

        assertThat(first.headers().firstValue("retry-after-ms")).contains("1200");
        assertThat(second.headers().firstValue("retry-after")).contains("1.2");
        assertThat(third.headers().firstValue("x-ratelimit-reset-requests")).contains("1200ms");
        assertThat(mapper.readTree(third.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(fake.retryAfterWindows()).hasSize(3);
        assertThat(fake.callsInsideRetryAfterWindows(Duration.ofMillis(50))).as("the 2nd and 3rd came too soon").hasSize(2);
    }

    private static String part(String name, String value) {
        return "--b\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String file(String name, String type, String bytes) {
        return "--b\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"ref\"\r\nContent-Type: " + type + "\r\n\r\n" + bytes + "\r\n";
    }

    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
