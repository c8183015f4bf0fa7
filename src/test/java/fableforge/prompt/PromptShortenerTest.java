package fableforge.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.story.AspectRatio;
import fableforge.story.Scene;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptShortenerTest {

    private final PromptContext context = new PromptContext("enchanted forest", "anime", AspectRatio.PORTRAIT);
    private final CharacterBible bible = CharacterBible.of(TestHeroes.ember());
    private final String prompt = ScenePrompts.standardize(List.of(ScenePrompts.create(Scene.of(15,
            "Ember stands on the ridge as the tyrant's army gathers below, banners snapping in the wind. "
                    + "The owl circles overhead, calling out a warning. Ember raises the glowing amulet high."), context)), bible, context).get(0);

    private static int words(String text) {
        return text.strip().split("\\s+").length;
    }

    @Test
    void keepsStyleAndBibleWholeWhileCuttingTheRest() {
        String shortened = PromptShortener.shorten(prompt, 70);

        assertThat(shortened).contains(bible.asPromptLine()).startsWith("Style: ");
        assertThat(words(shortened)).isLessThanOrEqualTo(70);
        assertThat(words(shortened)).isLessThan(words(prompt));
    }

    @Test
    void cutsAtAWordBoundaryAndEndsTheSentence() {
        String shortened = PromptShortener.shorten(prompt, 70);
        String lastLine = shortened.lines().reduce((a, b) -> b).orElseThrow();

        assertThat(lastLine).endsWith(".");
        assertThat(prompt).contains(lastLine.substring(0, lastLine.length() - 1));
    }

    @Test
    void leavesAPromptThatFitsUnchanged() {
        assertThat(PromptShortener.shorten(prompt, 1_000)).isEqualTo(prompt);
    }

    @Test
    void aSmallerBudgetGivesAShorterPrompt() {
        assertThat(PromptShortener.shorten(prompt, 50).length()).isLessThan(PromptShortener.shorten(prompt, 90).length());
    }

    @Test
    void rejectsANonPositiveBudget() {
        assertThatThrownBy(() -> PromptShortener.shorten(prompt, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortensPlainTextWithoutLabelledLines() {
        assertThat(PromptShortener.shorten("one two three four five six", 3)).isEqualTo("one two three.");
    }
}
