package fableforge.telegram;

import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.utility.BotUtils;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /telegram/webhook}, when {@code TELEGRAM_WEBHOOK_URL} is set: Telegram posts each update
 * here with the secret given to setWebhook in {@code X-Telegram-Bot-Api-Secret-Token}
 * (https://core.telegram.org/bots/api#setwebhook). That header is the only credential: it is compared in
 * constant time and a request without it is refused before its body is read. Telegram sends no
 * {@code Origin} or {@code Sec-Fetch-Site}, so the cross-site guard lets it through unchanged, while a
 * browser page of another site posting here is still refused by it. Answers are JSON; a 2xx tells
 * Telegram the update was taken (it retries others), so only a wrong request gets a 4xx, never a failure
 * of ours: {@link Presses#handle} never throws.
 */
final class WebhookRoute implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookRoute.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final byte[] secret;
    private final Presses presses;

    WebhookRoute(String secret, Presses presses) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.presses = presses;
    }

    @Override
    public void handle(Context ctx) {
        String given = ctx.header(SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            refuse(ctx, 401, "unauthorized", "only Telegram posts here, with the secret token given to setWebhook in " + SECRET_HEADER);
            return;
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            refuse(ctx, 415, "unsupported_media_type", "an update is sent as application/json");
            return;
        }
        Update update;
        try {
            update = BotUtils.parseUpdate(ctx.body());
        } catch (RuntimeException e) {
            refuse(ctx, 400, "bad_update", "the body is not a Telegram Update object");
            return;
        }
        if (update == null || update.updateId() == null) {
            refuse(ctx, 400, "bad_update", "an Update needs its update_id");
            return;
        }
        LOG.debug("[TELEGRAM] webhook update {}", update.updateId());
        presses.handle(update);
        ctx.json(Map.of("ok", true));
    }

    private static void refuse(Context ctx, int status, String error, String message) {
        ctx.status(status).json(Map.of("error", error, "message", message));
    }
}
