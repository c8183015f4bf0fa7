package fableforge.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake WebUI rejects what the real one rejects, so the adapter's tests can fail. */
class FakeSdWebUiTest {

    private final FakeSdWebUi webUi = new FakeSdWebUi();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void stop() {
        webUi.close();
    }

    private HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webUi.url() + FakeSdWebUi.TXT2IMG))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anInvalidBodyGetsOne422ListingEveryProblem() throws Exception {
        HttpResponse<String> response = post("""
                {"negative_prompt": 3, "steps": "many", "cfg_scale": 7, "width": 570, "height": 1024.5, "seed": 12, "cfg": 7}""");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode detail = mapper.readTree(response.body()).get("detail");
        assertThat(detail).extracting(problem -> problem.get("loc").get(1).asText() + ":" + problem.get("type").asText())
                .containsExactlyInAnyOrder("prompt:missing", "negative_prompt:string_type", "steps:int_parsing",
                        "width:multiple_of", "height:int_from_float", "cfg:extra_forbidden");
        assertThat(webUi.drawn()).isEmpty();
    }

    @Test
    void laxPydanticCoercionsAreAcceptedAsTheWebUiAcceptsThem() throws Exception {
        HttpResponse<String> response = post("{\"prompt\": \"a fox\", \"steps\": \"20\", \"width\": 512.0, \"height\": 768, \"seed\": null}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(webUi.drawn().get(0).steps()).isEqualTo(20);
        assertThat(webUi.drawn().get(0).width()).isEqualTo(512);
    }

    @Test
    void withApiAuthACallWithoutTheRightPairIs401AskingForBasicAuth() throws Exception {
        webUi.requireAuth("u:p");
        String body = "{\"prompt\": \"a fox\"}";

        HttpResponse<String> none = post(body);
        HttpResponse<String> wrong = post(body, "Authorization", "Basic " + Base64.getEncoder().encodeToString("u:x".getBytes()));
        HttpResponse<String> right = post(body, "Authorization", "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes()));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Basic");
        assertThat(mapper.readTree(none.body()).get("detail").asText()).isEqualTo("Not authenticated");
        assertThat(mapper.readTree(wrong.body()).get("detail").asText()).isEqualTo("Incorrect username or password");
        assertThat(right.statusCode()).isEqualTo(200);
    }

    @Test
    void seedMinusOneDrawsWithARandomSeedThatInfoReports() throws Exception {
        JsonNode answer = mapper.readTree(post("{\"prompt\": \"a fox\", \"seed\": -1, \"width\": 64, \"height\": 64}").body());

        JsonNode info = mapper.readTree(answer.get("info").asText());
        assertThat(info.get("seed").asLong()).isBetween(0L, 4_294_967_293L).isEqualTo(webUi.drawn().get(0).seedUsed());
        assertThat(info.get("all_seeds").get(0).asLong()).isEqualTo(info.get("seed").asLong());
    }

    @Test
    void pixelsDependOnTheSeedAndThePrompt() {
        byte[] fox = FakeSdWebUi.png(64, 64, 1, "a fox");
        assertThat(FakeSdWebUi.png(64, 64, 1, "a fox")).isEqualTo(fox);
        assertThat(FakeSdWebUi.png(64, 64, 2, "a fox")).isNotEqualTo(fox);
        assertThat(FakeSdWebUi.png(64, 64, 1, "an owl")).isNotEqualTo(fox);
    }
}
