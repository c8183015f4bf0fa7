package fableforge.telegram;

import com.pengrad.telegrambot.model.CallbackQuery;
import com.pengrad.telegrambot.model.Chat;
import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.message.MaybeInaccessibleMessage;
import fableforge.auth.Caller;
import fableforge.failure.UserFacingException;
import fableforge.provider.ProviderException;
import fableforge.review.ImageDecision;
import fableforge.review.ImageReview;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.ImageStatus;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import fableforge.story.Beat;
import fableforge.wire.Answers;
import fableforge.wire.EventPayload.ApprovalUpdate;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's button presses, however they arrive (long polling or the webhook): each goes through the
 * web's own approve and reject ({@link ImageReview}: SSE events, tracking, the spend check), is answered
 * so the phone's spinner stops, and its message is edited to show the decision. A press on a version
 * that is no longer the current one, or on an image already decided (in the browser, or by an earlier
 * press), is answered with what happened and changes nothing. Only the configured chat decides: presses
 * and messages from any other chat are ignored, and logged once per chat.
 */
final class Presses {

    private static final Logger LOG = LoggerFactory.getLogger(Presses.class);

    private final BotApi api;
    private final long chatId;
    private final StoryRepository stories;
    private final ImageRepository images;
    private final ImageReview review;
    private final Set<Long> strangers = ConcurrentHashMap.newKeySet();
    private final AtomicLong decided = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    Presses(BotApi api, long chatId, StoryRepository stories, ImageRepository images, ImageReview review) {
        this.api = api;
        this.chatId = chatId;
        this.stories = stories;
        this.images = images;
        this.review = review;
    }

    /** Handles one update; never throws: a failure is logged and the next update goes on. */
    void handle(Update update) {
        try {
            if (update.callbackQuery() != null) {
                press(update.callbackQuery());
            } else if (update.message() != null && !ours(update.message().chat())) {
                stranger(update.message().chat(), "a message");
            }
        } catch (RuntimeException e) {
            LOG.error("[TELEGRAM] update {} could not be handled; going on with the next", update.updateId(), e);
        }
    }

    long decided() {
        return decided.get();
    }

    long ignored() {
        return ignored.get();
    }

    private void press(CallbackQuery query) {
        MaybeInaccessibleMessage message = query.maybeInaccessibleMessage();
        Chat chat = message == null ? null : message.chat();
        if (!ours(chat)) {
            stranger(chat, "a button press");
            return;
        }
        Optional<Press> press = Press.parse(query.data());
        if (press.isEmpty()) {
            answer(query, "This button is not one of FableForge's.");
            return;
        }
        Outcome outcome = decide(press.get());
        answer(query, outcome.answer());
        if (outcome.caption().isPresent() && message.messageId() != null) {
            String caption = message instanceof Message full ? full.caption() : null;
            edit(message.messageId(), ChatTexts.decided(caption, outcome.caption().get()));
        }
    }

    /** What the press did: the short answer under the button, and the line its message's caption gets (none: leave it). */
    private record Outcome(String answer, Optional<String> caption) {
        static Outcome unchanged(String answer) {
            return new Outcome(answer, Optional.empty());
        }

        static Outcome shown(String answer, String caption) {
            return new Outcome(answer, Optional.of(caption));
        }
    }

    private Outcome decide(Press press) {
        Optional<StoryRecord> story = stories.find(press.storyId());
        if (story.isEmpty()) {
            return Outcome.unchanged("That story no longer exists; nothing changed.");
        }
        ImageAttempt latest = images.latest(press.storyId()).get(press.scene());
        if (latest == null) {
            return Outcome.unchanged("Scene " + press.scene() + " has no image; nothing changed.");
        }
        if (latest.attempt() != press.attempt()) {
            String now = "Version " + press.attempt() + " was replaced by version " + latest.attempt() + "; nothing changed.";
            return Outcome.shown(now, "\u21AA Replaced by version " + latest.attempt());
        }
        if (latest.status() != ImageStatus.PENDING_APPROVAL) {
            String already = switch (latest.status()) {
                case APPROVED -> "Already approved";
                case REJECTED -> "Already rejected";
                default -> "This version is " + latest.status().wire();
            };
            return Outcome.shown(already + "; nothing changed.", already);
        }
        Caller owner = story.get().ownerId() == null ? Caller.OPEN : new Caller(story.get().ownerId(), "telegram", false);
        ImageDecision decision = new ImageDecision(press.approve(), Optional.of(press.attempt()), press.reason(), Optional.empty(), false);
        try {
            Answers.ImageDecided result = review.decideImage(owner, press.storyId(), press.scene(), decision);
            decided.incrementAndGet();
            LOG.info("[TELEGRAM] story={} scene={} attempt={} {} from the chat", press.storyId(), press.scene(), press.attempt(),
                    result.status());
            return described(press, result);
        } catch (UserFacingException e) {
            return Outcome.unchanged(ChatTexts.shorten(e.getMessage(), 180));
        }
    }

    private static Outcome described(Press press, Answers.ImageDecided result) {
        if (result.status().equals(ApprovalUpdate.APPROVED)) {
            String count = result.approvedCount() + "/" + Beat.TOTAL_SCENES + " approved";
            return Outcome.shown("Approved (" + count + ")", "\u2705 Approved (" + count + ")");
        }
        String why = press.reason().map(reason -> " (" + ChatTexts.label(reason).toLowerCase(java.util.Locale.ROOT) + ")").orElse("");
        String redraw = "drawing version " + result.attempt();
        return Outcome.shown("Rejected" + why + ": " + redraw, "\u274C Rejected" + why + ": " + redraw);
    }

    private boolean ours(Chat chat) {
        return chat != null && chat.id() != null && chat.id() == chatId;
    }

    private void stranger(Chat chat, String what) {
        ignored.incrementAndGet();
        long id = chat == null || chat.id() == null ? 0 : chat.id();
        if (strangers.add(id)) {
            LOG.warn("[TELEGRAM] ignoring {} from chat {}: only chat {} (TELEGRAM_CHAT_ID) decides; further ones from it are ignored silently",
                    what, id, chatId);
        }
    }

    private void answer(CallbackQuery query, String text) {
        try {
            // answerCallbackQuery's text: 0-200 characters.
            api.answerCallback(query.id(), ChatTexts.shorten(text, 200));
        } catch (ProviderException e) {
            LOG.warn("[TELEGRAM] could not answer a press ({}); the decision stands", e.getMessage());
        }
    }

    private void edit(int messageId, String caption) {
        try {
            api.editCaption(chatId, messageId, caption);
        } catch (ProviderException e) {
            LOG.warn("[TELEGRAM] could not show the decision on message {} ({}); the decision stands", messageId, e.getMessage());
        }
    }
}
