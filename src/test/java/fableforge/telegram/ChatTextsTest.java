package fableforge.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatTextsTest {

    @Test
    void aCaptionNamesTheHeroAndTheSceneAndShortensTheTextAtAWord() {
        String text = "Ember ran across the frozen river. ".repeat(40);
        String caption = ChatTexts.caption("Ember", 7, 1, text);
        assertThat(caption).startsWith("Ember \u2014 Scene 7 of 20\n\nEmber ran across").endsWith("\u2026");
        assertThat(caption.length()).isLessThanOrEqualTo(ChatTexts.MAX_CAPTION);
        assertThat(caption).doesNotEndWith(" \u2026");
        assertThat(ChatTexts.caption("Ember", 7, 3, "Short.")).isEqualTo("Ember \u2014 Scene 7 of 20 (version 3)\n\nShort.");
    }

    @Test
    void aCaptionStaysWithinTelegramsLimitWhateverTheHerosNameOrTheDecision() {
        String caption = ChatTexts.caption("N".repeat(2_000), 1, 1, "text");
        assertThat(caption.length()).isLessThanOrEqualTo(ChatTexts.MAX_CAPTION);
        String decided = ChatTexts.decided("x".repeat(1_024), "\u2705 Approved (3/20 approved)");
        assertThat(decided.length()).isLessThanOrEqualTo(ChatTexts.MAX_CAPTION);
        assertThat(decided).endsWith("\n\n\u2705 Approved (3/20 approved)");
        assertThat(ChatTexts.decided(null, "Already approved")).isEqualTo("\n\nAlready approved");
    }

    @Test
    void theButtonsAreApproveAndRejectThenTheRejectReasons() {
        var rows = ChatTexts.buttons("0123456789abcdef0123456789abcdef", 4, 2).inlineKeyboard();
        assertThat(rows).hasNumberOfRows(2);
        assertThat(rows[0]).extracting(button -> button.text()).containsExactly("\u2705 Approve", "\u274C Reject");
        assertThat(rows[1]).extracting(button -> button.text()).containsExactly("Colours", "Character", "Style", "Anatomy", "Composition");
        assertThat(rows[1][0].callbackData()).isEqualTo("r:colours:0123456789abcdef0123456789abcdef:4:2");
    }

    @Test
    void theSummaryLinksToTheStoryOnlyWhenThePublicAddressIsKnown() {
        assertThat(ChatTexts.summary("Ember", "abc", Optional.empty())).isEqualTo("All 20 images of Ember's story are approved.");
        assertThat(ChatTexts.summary("Ember", "abc", Optional.of(URI.create("https://stories.example.org"))))
                .endsWith("\nhttps://stories.example.org/#story=abc");
    }
}
