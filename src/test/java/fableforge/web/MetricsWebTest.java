package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import fableforge.testing.SlowTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code GET /metrics} with accounts: Prometheus text for an admin, with the request just made timed under
 * its route template, the open stream counted, its live event's fan-out lag measured and the story's writing
 * counted as a provider call; refused (JSON)
 * to a signed-in user who is no admin and to nobody. One app with accounts for the class (its start is the
 * slow part): the admin check needs real sign-in, and the route template a real Javalin match.
 */
@SlowTest
@Execution(ExecutionMode.SAME_THREAD)
class MetricsWebTest {

    @TempDir
    static Path data;

    private static AccountsApp accounts;

    @BeforeAll
    static void start() throws Exception {
        accounts = AccountsApp.start(data);
    }

    @AfterAll
    static void stop() throws Exception {
        accounts.close();
    }

    @Test
    void anAdminReadsRequestLatencyPerRouteOpenStreamsFanOutLagQueuesAndSpend() throws Exception {
        TestApp ada = accounts.app().withToken(accounts.ada().token());
        String storyId = ada.submit(TestApp.redFoxQuiz()).get("story_id").asText();
        assertThat(ada.send("GET", "/story/" + storyId, null).statusCode()).isEqualTo(200);
        assertThat(ada.send("GET", "/media/stories/" + storyId + "/scene-01-a1.png", null).statusCode()).as("nothing drawn yet").isEqualTo(404);

        try (SseClient stream = ada.streamEvents(storyId, "Authorization", "Bearer " + accounts.ada().token())) {
            stream.awaitEvent("story_created");
            accounts.app().server().events().emitUntyped(storyId, "metrics_probe", JsonNodeFactory.instance.objectNode().put("n", 1), null);
            stream.awaitEvent("metrics_probe");

            // The stream counts an event's lag once its write is flushed, which can be just after the client read it.
            HttpResponse<String> metrics = accounts.as(accounts.root(), "GET", "/metrics", null);
            for (int i = 0; i < 50 && !metrics.body().matches("(?s).*\nfableforge_sse_fanout_lag_seconds_count [1-9].*"); i++) {
                Thread.sleep(100);
                metrics = accounts.as(accounts.root(), "GET", "/metrics", null);
            }

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            String text = metrics.body();
            assertThat(value(text, "http_server_requests_seconds_count{method=\"GET\",route=\"/story/{id}\",status=\"200\"}"))
                    .as("the story read, under its route template").isGreaterThanOrEqualTo(1);
            assertThat(text).as("never the raw path").doesNotContain(storyId);
            assertThat(value(text, "fableforge_sse_connections_open")).isEqualTo(1);
            assertThat(value(text, "fableforge_sse_fanout_lag_seconds_count")).as("the live event").isGreaterThanOrEqualTo(1);
            assertThat(value(text, "fableforge_sse_fanout_lag_seconds_sum")).isGreaterThanOrEqualTo(0).isLessThan(60);
            assertThat(value(text, "fableforge_jobs_queued{queue=\"images\"}")).isGreaterThanOrEqualTo(0);
            assertThat(value(text, "fableforge_jobs_oldest_queued_seconds{queue=\"videos\"}")).isGreaterThanOrEqualTo(0);
            assertThat(value(text, "fableforge_spend_today_usd")).as("offline adapters are free").isEqualTo(0);
            assertThat(value(text, "fableforge_sse_overflow_disconnects_total")).isEqualTo(0);
            assertThat(value(text, "fableforge_provider_calls_seconds_count{operation=\"story\",outcome=\"ok\",provider=\"offline_templates\"}"))
                    .as("the story written through the call pipeline, by provider, operation and outcome").isGreaterThanOrEqualTo(1);
            assertThat(text).as("the media store's calls, the media read above among them")
                    .containsPattern("\nfableforge_provider_calls_seconds_count\\{operation=\"(read|lookup)\",outcome=\"ok\",provider=\"local\"} [1-9]");
        }
    }

    @Test
    void aUserWhoIsNoAdminIsRefusedWithJson() throws Exception {
        HttpResponse<String> refused = accounts.as(accounts.ada(), "GET", "/metrics", null);

        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode body = TestApp.json(refused.body());
        assertThat(body.get("error").asText()).isEqualTo("forbidden");
        assertThat(body.get("message").asText()).contains("admin");
    }

    @Test
    void nobodySignedInIsAskedToSignIn() throws Exception {
        HttpResponse<String> refused = accounts.send("GET", "/metrics", null);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(TestApp.json(refused.body()).get("error").asText()).isEqualTo("unauthenticated");
    }

    /** The value of one sample line, {@code name{labels} value}, exactly as named. */
    private static double value(String text, String sample) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
        assertThat(line.find()).as(sample + " in\n" + text).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
