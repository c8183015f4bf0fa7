package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event streams beyond SSE_MAX_CONNECTIONS or SSE_MAX_PER_USER get a JSON 503 with Retry-After; a closed stream frees its slot. */
class StreamCapWebTest {

    @TempDir
    Path data;

    private TestApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static String body(HttpResponse<Stream<String>> response) {
        try (Stream<String> lines = response.body()) {
            return lines.collect(Collectors.joining("\n"));
        }
    }

    @Test
    void theThirdStreamUnderACapOfTwoIsRefusedAndClosingOneFreesASlot() throws Exception {
        // A one-second heartbeat: the server notices a stream the client closed at its next write.
        app = TestApp.start(Map.of("SSE_MAX_CONNECTIONS", "2", "SSE_HEARTBEAT_SECONDS", "1"), data);
        String id = app.submit(TestApp.redFoxQuiz()).get("story_id").asText();

        HttpResponse<Stream<String>> first = app.openEventStream(id);
        HttpResponse<Stream<String>> second = app.openEventStream(id);
        HttpResponse<Stream<String>> third = app.openEventStream(id);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(third.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(TestApp.json(body(third)).get("error").asText()).isEqualTo("too_many_streams");
        assertThat(app.get("/health").path("status").isMissingNode()).as("other requests are still served").isFalse();

        first.body().close();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<Stream<String>> again = app.openEventStream(id);
        while (again.statusCode() == 503 && System.nanoTime() < deadline) {
            body(again);
            Thread.sleep(200);
            again = app.openEventStream(id);
        }
        assertThat(again.statusCode()).as("a slot freed by the closed stream").isEqualTo(200);
        again.body().close();
        second.body().close();
    }

    @Test
    void oneUserGetsNoMoreThanThePerUserCap() throws Exception {
        app = TestApp.start(Map.of("SSE_MAX_CONNECTIONS", "10", "SSE_MAX_PER_USER", "1"), data);
        String id = app.submit(TestApp.redFoxQuiz()).get("story_id").asText();

        HttpResponse<Stream<String>> first = app.openEventStream(id);
        HttpResponse<Stream<String>> second = app.openEventStream(id);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("10");
        first.body().close();
    }

    @Test
    void refusedStreamsTakeNoSlot() throws Exception {
        app = TestApp.start(Map.of("SSE_MAX_CONNECTIONS", "1"), data);
        String id = app.submit(TestApp.redFoxQuiz()).get("story_id").asText();

        for (int i = 0; i < 3; i++) {
            HttpResponse<Stream<String>> unknown = app.openEventStream("0".repeat(32));
            assertThat(unknown.statusCode()).isEqualTo(404);
            body(unknown);
            HttpResponse<byte[]> noChannel = app.fetch(app.uri("/stream"), "Accept", "text/event-stream");
            assertThat(noChannel.statusCode()).isEqualTo(200);
            assertThat(new String(noChannel.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("a stream that ends at once gives its slot back").contains("story_error");
        }
        HttpResponse<Stream<String>> real = app.openEventStream(id);
        assertThat(real.statusCode()).isEqualTo(200);
        real.body().close();
    }

    @Test
    void theDefaultIsAQuarterOfTheOpenFileLimitWithinSixteenAnd4096() {
        assertThat(StreamLimits.quarterOf(1024)).isEqualTo(256);
        assertThat(StreamLimits.quarterOf(40)).isEqualTo(16);
        assertThat(StreamLimits.quarterOf(1_048_576)).isEqualTo(4096);
        assertThat(StreamLimits.quarterOf(-1)).isEqualTo(256);
    }
}
