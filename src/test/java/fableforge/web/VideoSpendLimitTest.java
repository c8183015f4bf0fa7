package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A paid video step at the day's spend limit: refused before anything is queued or any provider is called. */
class VideoSpendLimitTest {

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
    void paidNarrationIsRefusedWith402AtTheDailyLimitAndNothingIsQueued() throws Exception {
        // A compatible speech server "configured" at an address nothing listens on: the refusal must come first.
        app = TestApp.start(Map.of("SPEND_LIMIT_USD_PER_DAY", "0", "OPENAI_BASE_URL", "http://127.0.0.1:9/v1"), data);
        String id = ApprovedStories.seed(app, data);
        JsonNode quote = app.story(id).get("cost").get("next_step");
        assertThat(quote.get("action").asText()).isEqualTo("narrate_video");
        assertThat(quote.get("estimate_usd").asDouble()).isGreaterThan(0.0);

        TestApp.Response refused = app.post("/generate_video/" + id, "{\"narration\":\"openai\",\"draft\":true}");

        assertThat(refused.status()).as(refused.text()).isEqualTo(402);
        assertThat(refused.body().get("message").asText()).contains("spend limit").contains("openai narration");
        assertThat(app.story(id).get("video").isNull()).isTrue();
    }
}
