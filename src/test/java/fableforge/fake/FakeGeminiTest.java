package fableforge.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.image.ImageHeader;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake Gemini API refuses what the real one refuses, so the adapter's tests can fail. */
class FakeGeminiTest {

    private static final String KEY = "AIzaSy-fake-test";
    private final FakeGemini gemini = new FakeGemini(KEY);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void stop() {
        gemini.close();
    }

    private HttpResponse<String> post(String model, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gemini.baseUrl() + "/v1beta/models/" + model + ":generateContent"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("x-goog-api-key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(String ratio, int images) throws Exception {
        StringBuilder parts = new StringBuilder("{\"text\": \"a fox in the snow\"}");
        String png = Base64.getEncoder().encodeToString(png());
        for (int i = 0; i < images; i++) {
            parts.append(", {\"inlineData\": {\"mimeType\": \"image/png\", \"data\": \"").append(png).append("\"}}");
        }
        return "{\"contents\": [{\"role\": \"user\", \"parts\": [" + parts + "]}], \"generationConfig\": {\"responseModalities\": [\"IMAGE\"], "
                + "\"imageConfig\": {\"aspectRatio\": \"" + ratio + "\"}}}";
    }

    private JsonNode error(HttpResponse<String> response) throws Exception {
        return mapper.readTree(response.body()).path("error");
    }

    @Test
    void aGoodRequestGetsARealPngAtTheAskedAspectRatio() throws Exception {
        HttpResponse<String> response = post("gemini-2.5-flash-image", KEY, body("9:16", 2));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = mapper.readTree(response.body());
        byte[] image = Base64.getDecoder().decode(answer.at("/candidates/0/content/parts/0/inlineData/data").asText());
        assertThat(ImageHeader.read(image)).hasValueSatisfying(header -> {
            assertThat(header.width()).isEqualTo(768);
            assertThat(header.height()).isEqualTo(1344);
        });
        assertThat(answer.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(answer.at("/usageMetadata/promptTokenCount").asInt()).isGreaterThan(2 * 258);
    }

    @Test
    void aWrongKeyIs400ApiKeyInvalidAndNoKeyIs403() throws Exception {
        HttpResponse<String> wrong = post("gemini-2.5-flash-image", "AIzaSy-other", body("1:1", 0));
        HttpResponse<String> none = post("gemini-2.5-flash-image", null, body("1:1", 0));

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(error(wrong).path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error(wrong).at("/details/0/reason").asText()).isEqualTo("API_KEY_INVALID");
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(error(none).path("status").asText()).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void anUnknownModelIs404NotFound() throws Exception {
        HttpResponse<String> response = post("gemini-1.0-pro-vision", KEY, body("1:1", 0));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response).path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(error(response).path("message").asText()).contains("models/gemini-1.0-pro-vision is not found");
    }

    @Test
    void anUnsupportedAspectRatioTooManyInputImagesAndUnknownFieldsAre400() throws Exception {
        HttpResponse<String> ratio = post("gemini-2.5-flash-image", KEY, body("7:5", 0));
        HttpResponse<String> images = post("gemini-2.5-flash-image", KEY, body("1:1", 4));
        HttpResponse<String> proImages = post("gemini-3-pro-image-preview", KEY, body("1:1", 4));
        HttpResponse<String> unknown = post("gemini-2.5-flash-image", KEY, body("1:1", 0).replace("\"responseModalities\"", "\"modalities\""));

        assertThat(ratio.statusCode()).isEqualTo(400);
        assertThat(error(ratio).path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(images.statusCode()).as("gemini-2.5-flash-image takes 3 input images").isEqualTo(400);
        assertThat(proImages.statusCode()).as("the pro model takes 14").isEqualTo(200);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(error(unknown).path("message").asText()).contains("Unknown name \"generation_config.modalities\"");
        assertThat(gemini.violations()).hasSize(3);
    }

    @Test
    void aRefusedWordGetsImageSafetyWithoutAnImageAndA429CarriesRetryInfo() throws Exception {
        gemini.refuse("claws");
        HttpResponse<String> refused = post("gemini-2.5-flash-image", KEY, body("1:1", 0).replace("a fox", "sharp CLAWS"));
        gemini.script(FakeGemini.Answer.rateLimited("12s"));
        HttpResponse<String> limited = post("gemini-2.5-flash-image", KEY, body("1:1", 0));

        JsonNode candidate = mapper.readTree(refused.body()).at("/candidates/0");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(candidate.path("finishReason").asText()).isEqualTo("IMAGE_SAFETY");
        assertThat(candidate.has("content")).isFalse();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(error(limited).path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error(limited).at("/details/1/retryDelay").asText()).isEqualTo("12s");
    }

    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
