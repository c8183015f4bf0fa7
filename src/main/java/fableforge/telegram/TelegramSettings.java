package fableforge.telegram;

import fableforge.settings.ProviderSettings;
import fableforge.settings.Redacted;
import fableforge.settings.SettingsReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Approval from a Telegram chat (issue 16): the seed's {@code ENABLE_TELEGRAM}, {@code TELEGRAM_TOKEN} and
 * {@code TELEGRAM_CHAT_ID}, the API root ({@code TELEGRAM_API_URL}: a local Bot API server, or a fake in
 * tests) and, when set, the public address Telegram posts updates to ({@code TELEGRAM_WEBHOOK_URL});
 * without it updates are read by long polling, {@code pollTimeout} at a time. {@code relayPoll}: how often
 * the relay looks for images to send; {@code maxBackoff}: the longest wait between tries while Telegram fails.
 */
public record TelegramSettings(
        boolean enabled,
        Optional<String> token,
        long chatId,
        URI apiUrl,
        Optional<URI> webhookUrl,
        Duration pollTimeout,
        Duration relayPoll,
        Duration maxBackoff) implements ProviderSettings {

    /** The path Telegram posts updates to; {@code TELEGRAM_WEBHOOK_URL} must end with it. */
    public static final String WEBHOOK_PATH = "/telegram/webhook";
    public static final String OFFICIAL_API = "https://api.telegram.org";
    /** BotFather's tokens: the bot's numeric id, a colon, then the secret (https://core.telegram.org/bots/api#authorizing-your-bot). */
    private static final Pattern TOKEN = Pattern.compile("([0-9]{1,20}):[A-Za-z0-9_-]{20,100}");

    public static TelegramSettings read(SettingsReader reader) {
        boolean enabled = reader.bool("ENABLE_TELEGRAM");
        return new TelegramSettings(
                enabled,
                reader.text("TELEGRAM_TOKEN"),
                chatId(reader, enabled),
                reader.url("TELEGRAM_API_URL", OFFICIAL_API),
                reader.text("TELEGRAM_WEBHOOK_URL").map(text -> reader.url("TELEGRAM_WEBHOOK_URL", "https://stories.example.org" + WEBHOOK_PATH)),
                // getUpdates waits at most 50 s (Telegram's own cap is higher, proxies' idle limits lower).
                Duration.ofSeconds(reader.integer("TELEGRAM_POLL_TIMEOUT_S", 25, 0, 50)),
                Duration.ofMillis(reader.integer("TELEGRAM_RELAY_POLL_MS", 1_000, 10, 3_600_000)),
                Duration.ofMillis(reader.integer("TELEGRAM_MAX_BACKOFF_MS", 60_000, 10, 3_600_000)));
    }

    private static long chatId(SettingsReader reader, boolean enabled) {
        Optional<String> text = reader.text("TELEGRAM_CHAT_ID");
        if (text.isEmpty()) {
            return 0;
        }
        try {
            long id = Long.parseLong(text.get());
            if (id != 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        if (enabled) {
            reader.problem("TELEGRAM_CHAT_ID=" + text.get() + ": must be the chat's numeric id (a group's starts with -), "
                    + "as getUpdates shows it in message.chat.id; an @name cannot be checked against presses");
        }
        return 0;
    }

    /** With the bot on, every setting it needs, each problem naming its variable. */
    public void check(SettingsReader reader) {
        if (!enabled) {
            return;
        }
        if (token.isEmpty()) {
            reader.problem("ENABLE_TELEGRAM=true needs TELEGRAM_TOKEN (the bot's token from @BotFather)");
        } else if (!TOKEN.matcher(token.get()).matches()) {
            reader.problem("TELEGRAM_TOKEN: not a bot token; it looks like 123456789:AAH... (digits, a colon, then letters, digits, _ and -)");
        }
        if (reader.text("TELEGRAM_CHAT_ID").isEmpty()) {
            reader.problem("ENABLE_TELEGRAM=true needs TELEGRAM_CHAT_ID (the numeric id of the chat that approves images)");
        }
        webhookUrl.ifPresent(url -> {
            if (!url.getPath().endsWith(WEBHOOK_PATH) || url.getQuery() != null || url.getFragment() != null) {
                reader.problem("TELEGRAM_WEBHOOK_URL=" + url + ": must be the public address of this app's " + WEBHOOK_PATH
                        + ", such as https://stories.example.org" + WEBHOOK_PATH);
            } else if (!url.getScheme().equals("https") && apiUrl.toString().equals(OFFICIAL_API)) {
                // https://core.telegram.org/bots/api#setwebhook: the official API posts to HTTPS only.
                reader.problem("TELEGRAM_WEBHOOK_URL=" + url + ": Telegram only posts to https:// addresses");
            }
        });
    }

    /** Allowed but probably not meant: a token configured with the bot off. */
    public Optional<String> warning() {
        return !enabled && token.isPresent()
                ? Optional.of("TELEGRAM_TOKEN is set but ENABLE_TELEGRAM is not true: no images go to Telegram")
                : Optional.empty();
    }

    /** The bot's own id, the token's part before the colon: offsets are kept per bot. */
    public String botId() {
        return token.map(TOKEN::matcher).filter(java.util.regex.Matcher::matches).map(match -> match.group(1)).orElse("none");
    }

    /**
     * The {@code secret_token} given to setWebhook, which Telegram sends back in
     * {@code X-Telegram-Bot-Api-Secret-Token}: derived from the bot token, so every node knows it
     * without another setting and nobody without the token can forge an update. 64 hex characters
     * (Telegram allows 1-256 of A-Z, a-z, 0-9, _ and -).
     */
    public String webhookSecret() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("fableforge-telegram-webhook:" + token.orElse("")).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public List<String> secrets() {
        return enabled ? token.map(secret -> List.of(secret, webhookSecret())).orElse(List.of()) : List.of();
    }

    @Override
    public String toString() {
        return Redacted.describe(this, "token");
    }
}
