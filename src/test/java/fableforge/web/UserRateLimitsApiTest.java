package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-user rate limits as a client meets them: 429 JSON with Retry-After (the buckets: UserRateLimitsTest). */
class UserRateLimitsApiTest {

    @TempDir
    Path data;

    private TestApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void beyondTheUsersRateAPaidEndpointAnswers429WithRetryAfter() throws Exception {
        app = TestApp.start(Map.of("USER_RATE_PER_MIN", "2"), data);

        assertThat(app.post("/submit", TestApp.redFoxQuiz()).status()).isEqualTo(200);
        assertThat(app.post("/submit", TestApp.redFoxQuiz()).status()).isEqualTo(200);
        var refused = app.send("POST", "/submit", TestApp.redFoxQuiz().toString());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 30));
        assertThat(TestApp.json(refused.body()).get("error").asText()).isEqualTo("rate_limited");
        assertThat(TestApp.json(refused.body()).get("message").asText()).contains("USER_RATE_PER_MIN");
    }
}
