package fableforge.prompt.openai;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.prompt.CharacterBible;
import org.junit.jupiter.api.Test;

/** How a model's text for one scene is cleared of copies of the bible without losing the scene. */
class PromptContractTest {

    private final CharacterBible bible = new CharacterBible("Ember, a young fox with russet orange fur, cream accents on the chest and tail,"
            + " amber eyes and a white star on the forehead; from scene 5 on it carries an ancient amulet that gives it the power of fire");

    @Test
    void anExactCopyBecomesTheHerosName() {
        String body = PromptContract.body("Close-up of " + bible.text() + ", curled up under a fern.", bible);

        assertThat(body).isEqualTo("Close-up of Ember, curled up under a fern.");
    }

    @Test
    void aSentenceThatRephrasesTheLooksIsDropped() {
        String body = PromptContract.body("Ember is a small fox with russet-orange fur, a cream chest and tail, bright amber eyes and a white star"
                + " marking. Ember leaps across the stream at dawn.", bible);

        assertThat(body).isEqualTo("Ember leaps across the stream at dawn.");
    }

    @Test
    void aSceneThatNamesAFewFeaturesIsKept() {
        String text = "Ember raises the ancient amulet as the power of fire lights her amber eyes and russet orange fur.";

        assertThat(PromptContract.body(text, bible)).isEqualTo(text);
    }

    @Test
    void labelsTheModelAddedAreRemoved() {
        assertThat(PromptContract.body("Prompt 7: Ember slips on wet stones.", bible)).isEqualTo("Ember slips on wet stones.");
        assertThat(PromptContract.body("Main character (identical in every image): " + bible.text() + ". Ember naps.", bible))
                .isEqualTo("Ember naps.");
    }

    @Test
    void aVeryLongPromptIsCutAtASentence() {
        String body = PromptContract.body("Ember runs through tall grass. ".repeat(100), bible);

        assertThat(body.length()).isLessThanOrEqualTo(PromptContract.MAX_BODY_CHARS);
        assertThat(body).endsWith("grass.");
    }
}
