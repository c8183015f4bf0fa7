package fableforge.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sentences and phrases: where narration may be shortened and captions cut. */
class PhrasingTest {

    @Test
    void sentencesEndAtAStopBeforeACapitalAndKeepQuotedSpeech() {
        assertThat(Phrasing.sentences("\"Come back later,\" they said. Ember left! Why? Mr. Owl knew."))
                .containsExactly("\"Come back later,\" they said.", "Ember left!", "Why?", "Mr.", "Owl knew.");
        assertThat(Phrasing.sentences("\"Run.\" She ran.")).containsExactly("\"Run.\"", "She ran.");
    }

    @Test
    void phrasesBreakAfterPunctuationAndBeforeJoiningWordsOnceThePhraseHasWords() {
        assertThat(Phrasing.phrases("At dawn, Ember practised again and again while the owl watched."))
                .containsExactly("At dawn,", "Ember practised again", "and again while the owl watched.");
        assertThat(Phrasing.phrases("Ember and Tamsin ran.")).containsExactly("Ember and Tamsin ran.");
    }
}
