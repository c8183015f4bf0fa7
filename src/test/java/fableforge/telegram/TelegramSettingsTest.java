package fableforge.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.settings.SettingsReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelegramSettingsTest {

    private static final String TOKEN = "123456789:AAH-fake-token-for-the-tests_0123456789";

    @Test
    void offByDefaultAndNothingIsRequired() {
        assertThat(problems(Map.of())).isEmpty();
        assertThat(read(Map.of()).enabled()).isFalse();
        assertThat(read(Map.of("TELEGRAM_TOKEN", TOKEN)).warning()).get().asString().contains("ENABLE_TELEGRAM");
    }

    @Test
    void switchedOnItNeedsTheTokenAndTheChatEachProblemNamingItsVariable() {
        assertThat(problems(Map.of("ENABLE_TELEGRAM", "true")))
                .anySatisfy(problem -> assertThat(problem).startsWith("ENABLE_TELEGRAM=true needs TELEGRAM_TOKEN"))
                .anySatisfy(problem -> assertThat(problem).startsWith("ENABLE_TELEGRAM=true needs TELEGRAM_CHAT_ID"));
        assertThat(problems(Map.of("ENABLE_TELEGRAM", "true", "TELEGRAM_TOKEN", "not-a-token", "TELEGRAM_CHAT_ID", "@my_channel")))
                .anySatisfy(problem -> assertThat(problem).startsWith("TELEGRAM_TOKEN: not a bot token"))
                .anySatisfy(problem -> assertThat(problem).startsWith("TELEGRAM_CHAT_ID=@my_channel: must be the chat's numeric id"));
        assertThat(problems(on(Map.of("TELEGRAM_API_URL", "ftp://x")))).singleElement().asString().startsWith("TELEGRAM_API_URL=ftp://x");
        assertThat(problems(on(Map.of("TELEGRAM_POLL_TIMEOUT_S", "90")))).singleElement().asString().startsWith("TELEGRAM_POLL_TIMEOUT_S=90");
    }

    @Test
    void theWebhookMustBeThisAppsWebhookPathAndHttpsForTheOfficialApi() {
        assertThat(problems(on(Map.of("TELEGRAM_WEBHOOK_URL", "https://stories.example.org/telegram/webhook")))).isEmpty();
        assertThat(problems(on(Map.of("TELEGRAM_WEBHOOK_URL", "https://stories.example.org/hook")))).singleElement().asString()
                .startsWith("TELEGRAM_WEBHOOK_URL=https://stories.example.org/hook: must be the public address of this app's /telegram/webhook");
        assertThat(problems(on(Map.of("TELEGRAM_WEBHOOK_URL", "http://stories.example.org/telegram/webhook")))).singleElement().asString()
                .contains("Telegram only posts to https://");
        assertThat(problems(on(Map.of("TELEGRAM_WEBHOOK_URL", "http://10.0.0.5:8080/telegram/webhook",
                "TELEGRAM_API_URL", "http://bot-api.internal:8081")))).as("a local Bot API server may post over http").isEmpty();
    }

    @Test
    void theTokenIsASecretAndTheWebhookSecretIsDerivedFromIt() {
        TelegramSettings settings = read(on(Map.of()));
        assertThat(settings.botId()).isEqualTo("123456789");
        assertThat(settings.chatId()).isEqualTo(-1001234567890L);
        assertThat(settings.secrets()).contains(TOKEN, settings.webhookSecret());
        assertThat(settings.webhookSecret()).matches("[0-9a-f]{64}").doesNotContain(TOKEN);
        assertThat(settings.toString()).doesNotContain(TOKEN).contains("token=[redacted]");
        assertThat(read(Map.of("TELEGRAM_TOKEN", TOKEN)).secrets()).as("off: nothing to hide").isEmpty();
    }

    private static Map<String, String> on(Map<String, String> more) {
        Map<String, String> values = new HashMap<>(Map.of("ENABLE_TELEGRAM", "true", "TELEGRAM_TOKEN", TOKEN,
                "TELEGRAM_CHAT_ID", "-1001234567890"));
        values.putAll(more);
        return values;
    }

    private static TelegramSettings read(Map<String, String> values) {
        return TelegramSettings.read(new SettingsReader(values));
    }

    private static List<String> problems(Map<String, String> values) {
        SettingsReader reader = new SettingsReader(values);
        TelegramSettings.read(reader).check(reader);
        return reader.problems();
    }
}
