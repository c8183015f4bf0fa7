package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import fableforge.fake.FakeOpenAiChat;
import fableforge.fake.FakeOpenAiImages;
import fableforge.fake.OpenAiImagesAnswer;
import fableforge.provider.SecretScrubber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A provider whose error text quotes our API key (a debugging proxy echoing the request): the key must
 * reach neither the API's answer, nor the stored story, nor the event stream, nor the log.
 */
class ProviderSecretsWebTest {

    private static final String KEY = "sk-proj-echoed-0123456789abcdef";

    @TempDir
    Path data;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    /** FableForge's own loggers, at INFO for this test and kept off the console (the test configuration logs only errors). */
    private final Logger ours = (Logger) LoggerFactory.getLogger("fableforge");
    private ch.qos.logback.classic.Level level;
    private TestApp app;
    private AutoCloseable fake;

    @BeforeEach
    void listen() {
        log.start();
        level = ours.getLevel();
        ours.setLevel(ch.qos.logback.classic.Level.INFO);
        ours.setAdditive(false);
        ours.addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        ours.detachAppender(log);
        ours.setAdditive(true);
        ours.setLevel(level);
        if (app != null) {
            app.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private String logText() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(log.list)) {
            text.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return text.toString();
    }

    @Test
    void anImageErrorThatEchoesTheKeyIsStoredStreamedAndLoggedWithoutIt() throws Exception {
        FakeOpenAiImages images = new FakeOpenAiImages(KEY).thenAlways(OpenAiImagesAnswer.echoesKey());
        fake = images;
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", KEY);
        env.put("OPENAI_BASE_URL", images.baseUrl());
        env.put("STORY_PROVIDER", "offline");
        env.put("IMAGE_PROVIDER", "openai");
        env.put("IMAGE_MAX_TRIES", "1");
        app = TestApp.start(env, data);

        JsonNode submitted = app.submit(TestApp.redFoxQuiz());
        String id = submitted.get("story_id").asText();
        try (SseClient events = app.streamEvents(id)) {
            app.approveScenes(id, TestApp.sceneTexts(submitted));
            List<SseClient.Event> seen = events.await(list -> list.stream().filter(e -> e.name().equals("image_failed")).count() == 20,
                    Duration.ofSeconds(90));

            List<String> errors = seen.stream().filter(e -> e.name().equals("image_failed")).map(e -> e.data().get("error").asText()).toList();
            assertThat(errors).hasSize(20).allSatisfy(error -> assertThat(error).contains(SecretScrubber.REDACTED).doesNotContain(KEY)
                    .doesNotContain("\n").hasSizeLessThanOrEqualTo(SecretScrubber.MAX_SUMMARY));
            assertThat(seen.toString()).doesNotContain(KEY);
        }
        assertThat(app.send("GET", "/story/" + id, null).body()).doesNotContain(KEY).contains(SecretScrubber.REDACTED);
        assertThat(logText()).doesNotContain(KEY).contains(SecretScrubber.REDACTED);
    }

    @Test
    void aStoryWriterErrorThatEchoesTheKeyIsAnsweredAndLoggedWithoutIt() throws Exception {
        FakeOpenAiChat chat = new FakeOpenAiChat().key(KEY);
        fake = chat;
        app = TestApp.start(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", chat.baseUrl(), "IMAGE_PROVIDER", "offline"), data);
        chat.script(FakeOpenAiChat.echoingKey(KEY), FakeOpenAiChat.echoingKey(KEY), FakeOpenAiChat.echoingKey(KEY));

        TestApp.Response answer = app.post("/submit", TestApp.redFoxQuiz());

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.body().get("message").asText()).contains(SecretScrubber.REDACTED)
                .hasSizeLessThanOrEqualTo(SecretScrubber.MAX_SUMMARY + "The story provider failed: . Try again.".length());
        assertThat(answer.text()).doesNotContain(KEY);
        assertThat(logText()).doesNotContain(KEY);
    }
}
