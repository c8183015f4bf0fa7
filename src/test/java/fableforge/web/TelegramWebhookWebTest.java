package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.fake.FakeTelegram;
import fableforge.settings.ConfigException;
import fableforge.testing.SlowTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telegram by webhook (TELEGRAM_WEBHOOK_URL): the app sets the webhook with a secret token, and its
 * {@code POST /telegram/webhook} takes updates only with that secret, as JSON, never from a browser page
 * of another site; and the start-up check that stops the app on a token or chat Telegram refuses.
 * Slow only for its app start (the webhook part is well under a second).
 */
@SlowTest
class TelegramWebhookWebTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WEBHOOK = "http://127.0.0.1:9/telegram/webhook";

    @TempDir
    Path data;

    private final FakeTelegram telegram = new FakeTelegram();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        telegram.close();
    }

    private Map<String, String> env(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "ENABLE_TELEGRAM", "true",
                "TELEGRAM_TOKEN", FakeTelegram.TOKEN,
                "TELEGRAM_CHAT_ID", String.valueOf(FakeTelegram.CHAT_ID),
                "TELEGRAM_API_URL", telegram.url(),
                "TELEGRAM_RELAY_POLL_MS", "50"));
        env.putAll(more);
        return env;
    }

    @Test
    void updatesArriveByWebhookOnlyWithTheSecretToken() throws Exception {
        app = TestApp.start(env(Map.of("TELEGRAM_WEBHOOK_URL", WEBHOOK)), data);
        await(() -> !telegram.webhookSecret().isEmpty());
        assertThat(telegram.webhookUrl()).isEqualTo(WEBHOOK);
        String secret = telegram.webhookSecret();
        assertThat(secret).matches("[0-9a-f]{64}");

        FakeTelegram.Photo photo = new FakeTelegram.Photo(1, FakeTelegram.CHAT_ID, "scene-01-v1.png", new byte[0], "multipart",
                "Ember \u2014 Scene 1 of 20", MAPPER.createObjectNode());
        String gone = "a:0123456789abcdef0123456789abcdef:1:1";
        String stranger = telegram.pressUpdate(photo, gone, FakeTelegram.STRANGER_CHAT_ID).toString();

        assertRefused(post(stranger, "application/json"), 401, "unauthorized");
        assertRefused(post(stranger, "application/json", "X-Telegram-Bot-Api-Secret-Token", "0".repeat(64)), 401, "unauthorized");
        assertRefused(post(stranger, "text/plain", "X-Telegram-Bot-Api-Secret-Token", secret), 415, "unsupported_media_type");
        assertRefused(post("{not json", "application/json", "X-Telegram-Bot-Api-Secret-Token", secret), 400, "bad_update");
        assertRefused(post("{}", "application/json", "X-Telegram-Bot-Api-Secret-Token", secret), 400, "bad_update");
        assertRefused(post(stranger, "application/json", "X-Telegram-Bot-Api-Secret-Token", secret, "Origin", "https://evil.example"),
                403, "cross_site");

        HttpResponse<String> ignored = post(stranger, "application/json", "X-Telegram-Bot-Api-Secret-Token", secret);
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(ignored.body()).get("ok").asBoolean()).isTrue();
        assertThat(health().get("ignored").asLong()).isEqualTo(1);
        assertThat(telegram.answers()).isEmpty();

        String ours = telegram.pressUpdate(photo, gone, FakeTelegram.CHAT_ID).toString();
        assertThat(post(ours, "application/json; charset=utf-8", "X-Telegram-Bot-Api-Secret-Token", secret).statusCode()).isEqualTo(200);
        assertThat(telegram.answers()).singleElement().extracting(FakeTelegram.Answer::text)
                .isEqualTo("That story no longer exists; nothing changed.");

        JsonNode health = health();
        assertThat(health.get("mode").asText()).isEqualTo("webhook");
        assertThat(health.get("bot").asText()).isEqualTo("@fableforge_test_bot");
        assertThat(telegram.calls("getUpdates")).as("no long polling beside the webhook").isZero();
    }

    @Test
    void aTokenOrAChatTelegramRefusesStopsStartUpNamingTheVariable() {
        assertThatThrownBy(() -> TestApp.start(env(Map.of("TELEGRAM_TOKEN", "123456789:AAH-this-is-not-the-token-of-the-bot")), data))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TELEGRAM_TOKEN: Telegram refused the bot token");
        assertThatThrownBy(() -> TestApp.start(env(Map.of("TELEGRAM_CHAT_ID", "5555")), data))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TELEGRAM_CHAT_ID=5555: the bot @fableforge_test_bot cannot use that chat");
    }

    private HttpResponse<String> post(String body, String contentType, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri("/telegram/webhook")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String error) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode body = MAPPER.readTree(answer.body());
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    private JsonNode health() throws Exception {
        return app.get("/health").get("providers").get("telegram");
    }

    private static void await(Check condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 30 s");
            }
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
