package fableforge.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.fake.FakeTelegram;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.settings.SettingsReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Bot API client against the fake: what it sends, and each of Telegram's failures as one ProviderError. */
class BotApiTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};

    private final FakeTelegram telegram = new FakeTelegram();
    private final BotApi api = api(FakeTelegram.TOKEN);

    @AfterEach
    void close() {
        api.close();
        telegram.close();
    }

    @Test
    void aPhotoIsUploadedAsAMultipartFileWithItsCaptionAndButtons() throws Exception {
        int messageId = api.sendPhoto(FakeTelegram.CHAT_ID, PNG, "scene-03-v1.png", "Ember \u2014 Scene 3 of 20",
                ChatTexts.buttons("0123456789abcdef0123456789abcdef", 3, 1));

        FakeTelegram.Photo photo = telegram.photos().get(0);
        assertThat(photo.messageId()).isEqualTo(messageId);
        assertThat(photo.encoding()).isEqualTo("multipart");
        assertThat(photo.filename()).isEqualTo("scene-03-v1.png");
        assertThat(photo.bytes()).isEqualTo(PNG);
        assertThat(photo.caption()).isEqualTo("Ember \u2014 Scene 3 of 20");
        assertThat(photo.buttonData()).hasSize(7).first().isEqualTo("a:0123456789abcdef0123456789abcdef:3:1");

        api.editCaption(FakeTelegram.CHAT_ID, messageId, "decided");
        assertThat(telegram.photos().get(0).caption()).isEqualTo("decided");
        assertThat(telegram.photos().get(0).buttonData()).as("the buttons are taken away").isEmpty();
    }

    @Test
    void a429CarriesTelegramsRetryAfter() {
        telegram.tooManyRequests("sendMessage", 7);
        assertThatThrownBy(() -> api.sendMessage(FakeTelegram.CHAT_ID, "hello"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.RateLimited.class);
                    assertThat(e.error().retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void aProxysHtml502IsTransientAndNamesItsStatus() {
        telegram.badGateway("sendMessage", 1);
        assertThatThrownBy(() -> api.sendMessage(FakeTelegram.CHAT_ID, "hello"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.Transient.class);
                    assertThat(e.getMessage()).contains("HTTP 502").contains("not JSON");
                });
    }

    @Test
    void aWrongTokenIsBadCredentialsAndAWrongChatABadRequest() throws Exception {
        try (BotApi wrong = api("123456789:AAH-this-is-not-the-token-of-the-bot")) {
            assertThatThrownBy(wrong::getMe).isInstanceOfSatisfying(ProviderException.class,
                    e -> assertThat(e.error()).isInstanceOf(ProviderError.BadCredentials.class));
        }
        assertThat(api.getMe().username()).isEqualTo("fableforge_test_bot");
        assertThatThrownBy(() -> api.getChat(FakeTelegram.STRANGER_CHAT_ID)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class));
    }

    @Test
    void answeringAPressTwiceIsABadRequestNotAnOutage() throws Exception {
        int messageId = api.sendPhoto(FakeTelegram.CHAT_ID, PNG, "p.png", "c", ChatTexts.buttons("0123456789abcdef0123456789abcdef", 1, 1));
        String query = telegram.press(telegram.photos().get(messageId - 1), "a:0123456789abcdef0123456789abcdef:1:1", FakeTelegram.CHAT_ID);
        assertThat(api.getUpdates(0, Duration.ZERO)).singleElement().satisfies(update -> {
            assertThat(update.callbackQuery().id()).isEqualTo(query);
            assertThat(update.callbackQuery().maybeInaccessibleMessage().chat().id()).isEqualTo(FakeTelegram.CHAT_ID);
        });
        api.answerCallback(query, "Approved");
        assertThatThrownBy(() -> api.answerCallback(query, "again")).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class));
    }

    @Test
    void everyCallIsCountedByItsMethodAndOutcomeNeverByChatOrToken() throws Exception {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        telegram.tooManyRequests("sendMessage", 1);
        try (BotApi metered = new BotApi(settings(FakeTelegram.TOKEN), new fableforge.provider.call.ProviderMeters(registry))) {
            assertThatThrownBy(() -> metered.sendMessage(FakeTelegram.CHAT_ID, "hello")).isInstanceOf(ProviderException.class);
            metered.sendMessage(FakeTelegram.CHAT_ID, "hello");
        }

        assertThat(calls(registry, "send_message", "rate_limited")).isEqualTo(1);
        assertThat(calls(registry, "send_message", "ok")).isEqualTo(1);
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags().toString())
                .doesNotContain(String.valueOf(FakeTelegram.CHAT_ID)).doesNotContain(FakeTelegram.TOKEN));
    }

    private static long calls(io.micrometer.core.instrument.MeterRegistry registry, String operation, String outcome) {
        return registry.get(fableforge.provider.call.ProviderMeters.METER)
                .tags("provider", "telegram", "operation", operation, "outcome", outcome).timer().count();
    }

    private BotApi api(String token) {
        return new BotApi(settings(token));
    }

    private TelegramSettings settings(String token) {
        return TelegramSettings.read(new SettingsReader(Map.of("ENABLE_TELEGRAM", "true", "TELEGRAM_TOKEN", token,
                "TELEGRAM_CHAT_ID", String.valueOf(FakeTelegram.CHAT_ID), "TELEGRAM_API_URL", telegram.url())));
    }
}
