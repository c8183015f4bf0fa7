package fableforge.telegram;

import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import fableforge.review.RejectReason;
import fableforge.story.Beat;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the chat reads: a photo's caption and buttons, the caption once decided, the summary when every
 * image is approved. Plain text (no parse mode), so nothing a story says can break the markup.
 */
final class ChatTexts {

    /** Telegram's caption limit (https://core.telegram.org/bots/api#sendphoto: 0-1024 characters). */
    static final int MAX_CAPTION = 1024;
    /** The scene's text in a caption, shortened at a word: the rest of the caption and the decision line fit beside it. */
    static final int MAX_SCENE_TEXT = 600;

    private ChatTexts() {
    }

    static String caption(String heroName, int scene, int attempt, String sceneText) {
        String head = heroName + " \u2014 Scene " + scene + " of " + Beat.TOTAL_SCENES + (attempt > 1 ? " (version " + attempt + ")" : "");
        return fit(head + "\n\n" + shorten(sceneText, MAX_SCENE_TEXT));
    }

    /** Approve and Reject, then one button per reason (the seed's reject reasons) on a second row. */
    static InlineKeyboardMarkup buttons(String storyId, int scene, int attempt) {
        InlineKeyboardButton[] decide = {
                new InlineKeyboardButton("\u2705 Approve").callbackData(Press.approve(storyId, scene, attempt).data()),
                new InlineKeyboardButton("\u274C Reject").callbackData(Press.reject(storyId, scene, attempt, Optional.empty()).data())};
        InlineKeyboardButton[] reasons = Arrays.stream(RejectReason.values()).filter(reason -> reason != RejectReason.OTHER)
                .map(reason -> new InlineKeyboardButton(label(reason))
                        .callbackData(Press.reject(storyId, scene, attempt, Optional.of(reason)).data()))
                .toArray(InlineKeyboardButton[]::new);
        return new InlineKeyboardMarkup(decide, reasons);
    }

    /** The caption the photo had, with what was decided under it. */
    static String decided(String caption, String decision) {
        String before = caption == null ? "" : caption;
        String line = "\n\n" + decision;
        return before.length() + line.length() <= MAX_CAPTION ? before + line
                : before.substring(0, Math.max(0, MAX_CAPTION - line.length() - 1)) + "\u2026" + line;
    }

    static String summary(String heroName, String storyId, Optional<URI> publicBaseUrl) {
        return "All " + Beat.TOTAL_SCENES + " images of " + heroName + "'s story are approved."
                + publicBaseUrl.map(base -> "\n" + base + "/#story=" + storyId).orElse("");
    }

    static String label(RejectReason reason) {
        return Character.toUpperCase(reason.id().charAt(0)) + reason.id().substring(1);
    }

    /** {@code text} cut at the last space before {@code limit} characters, with an ellipsis when cut. */
    static String shorten(String text, int limit) {
        String clean = text == null ? "" : text.strip();
        if (clean.length() <= limit) {
            return clean;
        }
        int cut = clean.lastIndexOf(' ', limit - 1);
        return clean.substring(0, cut > limit / 2 ? cut : limit - 1).strip() + "\u2026";
    }

    private static String fit(String caption) {
        return caption.length() <= MAX_CAPTION ? caption : caption.substring(0, MAX_CAPTION - 1) + "\u2026";
    }
}
