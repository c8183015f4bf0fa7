package fableforge.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptSanitizerTest {

    @Test
    void replacesViolentWordsWithSafeOnes() {
        assertThat(PromptSanitizer.sanitize("The fox beats up the wolf and they fight."))
                .isEqualTo("The fox overcomes the wolf and they challenge.");
        assertThat(PromptSanitizer.sanitize("blood on the weapon")).isEqualTo("red glow on the tool");
    }

    @Test
    void matchesWholeWordsOnly() {
        assertThat(PromptSanitizer.sanitize("A firefighter skilled in warfare")).isEqualTo("A firefighter skilled in warfare");
    }

    @Test
    void isCaseInsensitiveAndKeepsCapitalisation() {
        assertThat(PromptSanitizer.sanitize("Attack! ATTACK! attack!")).isEqualTo("Confront! CONFRONT! confront!");
    }

    @Test
    void prefersTheLongestPhrase() {
        assertThat(PromptSanitizer.sanitize("a fight to the death")).isEqualTo("a final contest");
    }

    @Test
    void isIdempotent() {
        String text = String.join(" ", PromptSanitizer.table().keySet());
        String once = PromptSanitizer.sanitize(text);
        assertThat(PromptSanitizer.sanitize(once)).isEqualTo(once);
    }

    @Test
    void hasAtLeastTheSeedsThirteenReplacements() {
        assertThat(PromptSanitizer.table()).hasSizeGreaterThanOrEqualTo(13).containsEntry("beats up", "overcomes");
    }

    @Test
    void leavesSafeTextUntouched() {
        String safe = "Ember the fox watches the sunrise over the enchanted forest.";
        assertThat(PromptSanitizer.sanitize(safe)).isEqualTo(safe);
    }
}
