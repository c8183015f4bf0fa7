package fableforge.telegram;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.User;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import com.pengrad.telegrambot.request.AnswerCallbackQuery;
import com.pengrad.telegrambot.request.BaseRequest;
import com.pengrad.telegrambot.request.DeleteWebhook;
import com.pengrad.telegrambot.request.EditMessageCaption;
import com.pengrad.telegrambot.request.GetChat;
import com.pengrad.telegrambot.request.GetMe;
import com.pengrad.telegrambot.request.GetUpdates;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.request.SendPhoto;
import com.pengrad.telegrambot.request.SetWebhook;
import com.pengrad.telegrambot.response.BaseResponse;
import com.pengrad.telegrambot.response.GetMeResponse;
import com.pengrad.telegrambot.response.GetUpdatesResponse;
import com.pengrad.telegrambot.response.SendResponse;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.call.CallMeter;
import fableforge.provider.call.CallPipeline;
import fableforge.provider.call.ProviderMeters;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;

/**
 * The Bot API methods the bot uses, through pengrad's java-telegram-bot-api on an OkHttp client of our
 * own: every call bounded in time ({@link #CALL_LIMIT}, getUpdates its poll timeout more) and in answer
 * size ({@link BoundedAnswers}), every failure one {@link ProviderException}: 429 rate limited with
 * Telegram's {@code parameters.retry_after}, 400 a bad request (the same message fails again), 401 and
 * 404 a bad token, 403 a chat the bot may not write to, anything else (409, 5xx, I/O) transient.
 * Methods and errors: https://core.telegram.org/bots/api (Making requests, getUpdates, sendPhoto,
 * answerCallbackQuery, editMessageCaption, setWebhook, ResponseParameters).
 */
public final class BotApi implements AutoCloseable {

    static final Duration CALL_LIMIT = Duration.ofSeconds(60);
    /** What the bot asks Telegram for: presses, and messages (to log chats that are not ours). */
    static final String[] ALLOWED_UPDATES = {"callback_query", "message"};

    private final OkHttpClient http;
    private final TelegramBot bot;
    private final ProviderMeters meters;
    /** The meter of each Bot API method (the few this class calls), counting its calls for {@code GET /metrics}. */
    private final Map<String, CallMeter> methodMeters = new ConcurrentHashMap<>();

    public BotApi(TelegramSettings settings) {
        this(settings, ProviderMeters.NONE);
    }

    /** @param meters where every call is counted, by Bot API method ({@code send_photo}), since the relays' pipelines run whole rounds */
    public BotApi(TelegramSettings settings, ProviderMeters meters) {
        this.meters = meters;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .writeTimeout(Duration.ofSeconds(30))
                // pengrad adds getUpdates' own timeout to the read timeout of that call.
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(CALL_LIMIT.plus(settings.pollTimeout()))
                .followRedirects(false)
                .addInterceptor(new BoundedAnswers())
                .build();
        // The library's API root ends in "/bot": requests go to <root>/bot<token>/<method>.
        this.bot = new TelegramBot.Builder(settings.token().orElse(""))
                .apiUrl(settings.apiUrl() + "/bot")
                .okHttpClient(http)
                .build();
    }

    /** The bot itself: the start-up check that the token is valid. */
    public User getMe() throws ProviderException {
        GetMeResponse answer = call(new GetMe());
        return answer.user();
    }

    /** Fails unless the bot can see the chat (a wrong id, or a chat the bot was never added to). */
    public void getChat(long chatId) throws ProviderException {
        call(new GetChat(chatId));
    }

    /** Updates from {@code offset} on, waiting up to {@code timeout} for the first (long polling). */
    public List<Update> getUpdates(long offset, Duration timeout) throws ProviderException {
        GetUpdatesResponse answer = call(new GetUpdates().offset((int) offset).limit(100).timeout((int) timeout.toSeconds())
                .allowedUpdates(ALLOWED_UPDATES));
        return answer.updates() == null ? List.of() : List.copyOf(answer.updates());
    }

    /** Uploads a photo (multipart) with its caption and buttons; the message's id. */
    public int sendPhoto(long chatId, byte[] photo, String fileName, String caption, InlineKeyboardMarkup buttons)
            throws ProviderException {
        SendResponse answer = call(new SendPhoto(chatId, photo).fileName(fileName).contentType("image/png").caption(caption)
                .replyMarkup(buttons));
        return messageId(answer.message());
    }

    public void sendMessage(long chatId, String text) throws ProviderException {
        call(new SendMessage(chatId, text));
    }

    /** Stops the spinner on the button that was pressed, with a short note. */
    public void answerCallback(String callbackId, String text) throws ProviderException {
        call(new AnswerCallbackQuery(callbackId).text(text));
    }

    /** Rewrites a photo's caption and takes its buttons away (the decision is made). */
    public void editCaption(long chatId, int messageId, String caption) throws ProviderException {
        call(new EditMessageCaption(chatId, messageId).caption(caption).replyMarkup(new InlineKeyboardMarkup()));
    }

    public void setWebhook(String url, String secret) throws ProviderException {
        call(new SetWebhook().url(url).secretToken(secret).allowedUpdates(ALLOWED_UPDATES));
    }

    /** getUpdates is refused (409) while a webhook is set: long polling removes any. */
    public void deleteWebhook() throws ProviderException {
        call(new DeleteWebhook());
    }

    private <T extends BaseRequest<T, R>, R extends BaseResponse> R call(BaseRequest<T, R> request) throws ProviderException {
        CallMeter meter = methodMeters.computeIfAbsent(request.getMethod(), method -> meters.of("telegram", operation(method)));
        try {
            return CallPipeline.<R>builder().metered(meter).build().call(current -> execute(request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(new ProviderError.TimedOut(request.getMethod() + ": interrupted"), e);
        }
    }

    /** A Bot API method as a metric label: {@code sendPhoto} is {@code send_photo}. */
    static String operation(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private <T extends BaseRequest<T, R>, R extends BaseResponse> R execute(BaseRequest<T, R> request) throws ProviderException {
        R answer;
        try {
            answer = bot.execute(request);
        } catch (RuntimeException e) {
            // The client wraps I/O failures (ours from BoundedAnswers too) in a RuntimeException.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String what = request.getMethod() + ": " + cause.getClass().getSimpleName() + " " + cause.getMessage();
            throw new ProviderException(cause instanceof InterruptedIOException
                    ? new ProviderError.TimedOut(what) : new ProviderError.Transient(what), e);
        }
        if (answer == null) {
            throw new ProviderException(new ProviderError.Transient(request.getMethod() + ": empty answer"));
        }
        if (!answer.isOk()) {
            throw new ProviderException(classify(request.getMethod(), answer));
        }
        return answer;
    }

    static ProviderError classify(String method, BaseResponse answer) {
        String message = method + ": " + answer.errorCode() + " " + answer.description();
        return switch (answer.errorCode()) {
            case 429 -> new ProviderError.RateLimited(message, Optional.ofNullable(answer.parameters())
                    .map(parameters -> parameters.retryAfter()).map(Duration::ofSeconds));
            case 400 -> new ProviderError.BadRequest(message);
            // 403: the bot was blocked or removed from the chat; the relay keeps trying (someone may add it back).
            case 401, 403, 404 -> new ProviderError.BadCredentials(message);
            default -> new ProviderError.Transient(message);
        };
    }

    private static int messageId(Message message) throws ProviderException {
        if (message == null || message.messageId() == null) {
            throw new ProviderException(new ProviderError.Transient("sendPhoto: answer without a message"));
        }
        return message.messageId();
    }

    /** Ends the calls under way (a long poll among them) at once: OkHttp's dispatcher cancels its synchronous calls too. */
    @Override
    public void close() {
        http.dispatcher().cancelAll();
        bot.shutdown();
    }
}
