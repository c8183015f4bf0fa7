package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.fake.FakeServer.Recorded;
import fableforge.fake.FakeServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Telegram's Bot API on loopback, as https://core.telegram.org/bots/api describes it: requests to
 * {@code /bot<token>/<method>} with parameters in any of its four encodings, answers
 * {@code {"ok":true,"result":...}} or {@code {"ok":false,"error_code":N,"description":...}} (429 with
 * {@code parameters.retry_after}). It checks what it is sent: sendPhoto must upload its photo as a
 * multipart file part to the one chat, with a caption of at most 1024 characters and an inline keyboard
 * whose callback_data are 1-64 bytes; answerCallbackQuery must name a press not yet answered;
 * editMessageCaption a message it sent, with something changed. Updates are kept until a getUpdates
 * offset confirms them, and getUpdates waits (long polling) up to its timeout. An outage of a method
 * (nginx's HTML 502, or 429 with retry_after) can be queued.
 */
public final class FakeTelegram implements AutoCloseable {

    public static final String TOKEN = "123456789:AAH-fake-token-for-the-tests_0123456789";
    public static final long CHAT_ID = 424242;
    public static final long STRANGER_CHAT_ID = 999001;
    static final String BAD_GATEWAY_PAGE = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    /** A photo the bot sent, and what its message looks like now (captions and buttons change with edits). */
    public record Photo(int messageId, long chatId, String filename, byte[] bytes, String encoding, String caption, JsonNode buttons) {
        /** The callback_data of every button, row by row. */
        public List<String> buttonData() {
            List<String> data = new ArrayList<>();
            buttons.path("inline_keyboard").forEach(row -> row.forEach(button -> data.add(button.path("callback_data").asText())));
            return data;
        }

        public List<String> buttonTexts() {
            List<String> texts = new ArrayList<>();
            buttons.path("inline_keyboard").forEach(row -> row.forEach(button -> texts.add(button.path("text").asText())));
            return texts;
        }
    }

    public record Answer(String queryId, String text) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final FakeServer server = new FakeServer();
    private final List<Photo> photos = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<Answer> answers = new ArrayList<>();
    private final List<Long> offsets = new ArrayList<>();
    private final Deque<ObjectNode> updates = new ArrayDeque<>();
    private final Set<String> openQueries = new HashSet<>();
    private final Map<String, Deque<Reply>> failures = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private int nextUpdateId = 500_000_001;
    private int nextQuery = 1;
    private String webhookUrl = "";
    private String webhookSecret = "";

    public FakeTelegram() {
        server.on("GET", "/bot[^/]+/[A-Za-z]+", this::answer).on("POST", "/bot[^/]+/[A-Za-z]+", this::answer);
    }

    /** The API root for TELEGRAM_API_URL. */
    public String url() {
        return server.url();
    }

    /** The next {@code count} calls of {@code method} get nginx's 502 page, as when Telegram's front is down. */
    public synchronized FakeTelegram badGateway(String method, int count) {
        for (int i = 0; i < count; i++) {
            failures.computeIfAbsent(method, name -> new ArrayDeque<>()).add(Reply.bytes(502, "text/html", BAD_GATEWAY_PAGE.getBytes(StandardCharsets.UTF_8)));
        }
        return this;
    }

    /** The next call of {@code method} is refused with 429 and {@code retry_after}. */
    public synchronized FakeTelegram tooManyRequests(String method, int retryAfterSeconds) {
        failures.computeIfAbsent(method, name -> new ArrayDeque<>()).add(Reply.json(429, "{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after " + retryAfterSeconds + "\",\"parameters\":{\"retry_after\":"
                + retryAfterSeconds + "}}"));
        return this;
    }

    public synchronized List<Photo> photos() {
        return List.copyOf(photos);
    }

    public synchronized List<String> texts() {
        return List.copyOf(texts);
    }

    public synchronized List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** How many times {@code method} was called, failed calls included. */
    public synchronized int calls(String method) {
        return calls.getOrDefault(method, 0);
    }

    /** The offset of every getUpdates call, in order. */
    public synchronized List<Long> offsets() {
        return List.copyOf(offsets);
    }

    public synchronized String webhookUrl() {
        return webhookUrl;
    }

    public synchronized String webhookSecret() {
        return webhookSecret;
    }

    /** Someone in {@code chatId} presses the button with {@code data} under {@code photo}: a callback_query update; its query id. */
    public synchronized String press(Photo photo, String data, long chatId) {
        ObjectNode update = update(press(photo, data, chatId, "q" + nextQuery++));
        return update.path("callback_query").path("id").asText();
    }

    /** The same press as an Update object, without queueing it (for a webhook post); its query id is open. */
    public synchronized ObjectNode pressUpdate(Photo photo, String data, long chatId) {
        ObjectNode update = mapper.createObjectNode().put("update_id", nextUpdateId++);
        update.set("callback_query", press(photo, data, chatId, "q" + nextQuery++));
        return update;
    }

    /** A text message from {@code chatId}. */
    public synchronized void message(long chatId, String text) {
        ObjectNode message = mapper.createObjectNode().put("message_id", 90_000 + nextUpdateId).put("date", 1_700_000_000).put("text", text);
        message.putObject("chat").put("id", chatId).put("type", "private");
        message.putObject("from").put("id", chatId).put("is_bot", false).put("first_name", "Someone");
        ObjectNode update = mapper.createObjectNode().put("update_id", nextUpdateId++);
        update.set("message", message);
        updates.add(update);
        notifyAll();
    }

    private ObjectNode press(Photo photo, String data, long chatId, String queryId) {
        ObjectNode query = mapper.createObjectNode().put("id", queryId).put("chat_instance", "ci-" + chatId).put("data", data);
        query.putObject("from").put("id", chatId).put("is_bot", false).put("first_name", "Reviewer");
        // The message as it is now in the chat (an edit changed its caption), as Telegram sends it with the press.
        String caption = photo.messageId() <= photos.size() ? photos.get(photo.messageId() - 1).caption() : photo.caption();
        ObjectNode message = query.putObject("message").put("message_id", photo.messageId()).put("date", 1_700_000_000)
                .put("caption", caption);
        message.putObject("chat").put("id", chatId).put("type", "private");
        message.putArray("photo").addObject().put("file_id", "f" + photo.messageId()).put("file_unique_id", "u" + photo.messageId())
                .put("width", 320).put("height", 180);
        openQueries.add(queryId);
        return query;
    }

    private ObjectNode update(ObjectNode callbackQuery) {
        ObjectNode update = mapper.createObjectNode().put("update_id", nextUpdateId++);
        update.set("callback_query", callbackQuery);
        updates.add(update);
        notifyAll();
        return update;
    }

    private Reply answer(Recorded request) {
        String[] path = request.path().split("/");
        String token = path[1].substring(3);
        String method = path[2];
        Reply failure;
        synchronized (this) {
            calls.merge(method, 1, Integer::sum);
            failure = Optional.ofNullable(failures.get(method)).map(Deque::pollFirst).orElse(null);
        }
        if (failure != null) {
            return failure;
        }
        if (!token.equals(TOKEN)) {
            return error(401, "Unauthorized");
        }
        TelegramParams params;
        try {
            params = TelegramParams.of(request, "photo");
        } catch (IllegalArgumentException e) {
            return error(400, "Bad Request: " + e.getMessage());
        }
        return switch (method) {
            case "getMe" -> ok(mapper.createObjectNode().put("id", 123456789L).put("is_bot", true).put("first_name", "FableForge")
                    .put("username", "fableforge_test_bot"));
            case "getChat" -> chat(params);
            case "getUpdates" -> getUpdates(params);
            case "sendPhoto" -> sendPhoto(params);
            case "sendMessage" -> sendMessage(params);
            case "answerCallbackQuery" -> answerCallbackQuery(params);
            case "editMessageCaption" -> editMessageCaption(params);
            case "setWebhook" -> setWebhook(params);
            case "deleteWebhook" -> setWebhookTo("", "");
            default -> error(404, "Not Found");
        };
    }

    private Reply chat(TelegramParams params) {
        if (!ourChat(params)) {
            return error(400, "Bad Request: chat not found");
        }
        return ok(mapper.createObjectNode().put("id", CHAT_ID).put("type", "private").put("first_name", "Reviewer"));
    }

    private synchronized Reply getUpdates(TelegramParams params) {
        if (!webhookUrl.isEmpty()) {
            return error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        }
        long offset = params.get("offset").map(Long::parseLong).orElse(0L);
        offsets.add(offset);
        int timeout = params.get("timeout").map(Integer::parseInt).orElse(0);
        // An offset confirms every update before it: they are never returned again.
        updates.removeIf(update -> update.path("update_id").asLong() < offset);
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.min(timeout, 5)).toNanos();
        while (updates.isEmpty() && System.nanoTime() < deadline) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ArrayNode result = mapper.createArrayNode();
        updates.stream().limit(params.get("limit").map(Integer::parseInt).orElse(100)).forEach(result::add);
        return ok(result);
    }

    private synchronized Reply sendPhoto(TelegramParams params) {
        if (!ourChat(params)) {
            return error(400, "Bad Request: chat not found");
        }
        if (params.file().isEmpty() || params.file().get().body().length < 8 || !TelegramParams.isPng(params.file().get().body())) {
            return error(400, "Bad Request: there is no photo in the request");
        }
        String caption = params.get("caption").orElse("");
        if (caption.length() > 1024) {
            return error(400, "Bad Request: message caption is too long");
        }
        Optional<JsonNode> buttons = TelegramParams.keyboard(mapper, params.get("reply_markup").orElse("{}"));
        if (buttons.isEmpty()) {
            return error(400, "Bad Request: BUTTON_DATA_INVALID");
        }
        int messageId = photos.size() + 1;
        photos.add(new Photo(messageId, CHAT_ID, params.file().get().filename().orElse(""), params.file().get().body(), params.encoding(),
                caption, buttons.get()));
        ObjectNode message = mapper.createObjectNode().put("message_id", messageId).put("date", 1_700_000_000).put("caption", caption);
        message.putObject("chat").put("id", CHAT_ID).put("type", "private");
        return ok(message);
    }

    private synchronized Reply sendMessage(TelegramParams params) {
        if (!ourChat(params)) {
            return error(400, "Bad Request: chat not found");
        }
        String text = params.get("text").orElse("");
        if (text.isEmpty() || text.length() > 4096) {
            return error(400, "Bad Request: message text is empty");
        }
        texts.add(text);
        ObjectNode message = mapper.createObjectNode().put("message_id", 10_000 + texts.size()).put("date", 1_700_000_000).put("text", text);
        message.putObject("chat").put("id", CHAT_ID).put("type", "private");
        return ok(message);
    }

    private synchronized Reply answerCallbackQuery(TelegramParams params) {
        String id = params.get("callback_query_id").orElse("");
        String text = params.get("text").orElse("");
        if (!openQueries.remove(id)) {
            return error(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
        }
        if (text.length() > 200) {
            return error(400, "Bad Request: MESSAGE_TOO_LONG");
        }
        answers.add(new Answer(id, text));
        return ok(mapper.getNodeFactory().booleanNode(true));
    }

    private synchronized Reply editMessageCaption(TelegramParams params) {
        int messageId = params.get("message_id").map(Integer::parseInt).orElse(0);
        if (!ourChat(params) || messageId < 1 || messageId > photos.size()) {
            return error(400, "Bad Request: message to edit not found");
        }
        Photo photo = photos.get(messageId - 1);
        String caption = params.get("caption").orElse("");
        JsonNode buttons = TelegramParams.keyboard(mapper, params.get("reply_markup").orElse("{}")).orElse(photo.buttons());
        if (caption.equals(photo.caption()) && buttons.equals(photo.buttons())) {
            return error(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same");
        }
        photos.set(messageId - 1, new Photo(messageId, photo.chatId(), photo.filename(), photo.bytes(), photo.encoding(), caption, buttons));
        return ok(mapper.createObjectNode().put("message_id", messageId).put("caption", caption));
    }

    private Reply setWebhook(TelegramParams params) {
        String url = params.get("url").orElse("");
        String secret = params.get("secret_token").orElse("");
        if (!secret.matches("[A-Za-z0-9_-]{1,256}")) {
            return error(400, "Bad Request: secret token contains unallowed characters");
        }
        return setWebhookTo(url, secret);
    }

    private synchronized Reply setWebhookTo(String url, String secret) {
        webhookUrl = url;
        webhookSecret = secret;
        return ok(mapper.getNodeFactory().booleanNode(true));
    }

    private static boolean ourChat(TelegramParams params) {
        return params.get("chat_id").map(id -> id.equals(String.valueOf(CHAT_ID))).orElse(false);
    }

    private Reply ok(JsonNode result) {
        ObjectNode body = mapper.createObjectNode().put("ok", true);
        body.set("result", result);
        return Reply.json(200, body.toString());
    }

    private Reply error(int code, String description) {
        return Reply.json(code, mapper.createObjectNode().put("ok", false).put("error_code", code).put("description", description).toString());
    }

    @Override
    public void close() {
        synchronized (this) {
            notifyAll();
        }
        server.close();
    }
}
