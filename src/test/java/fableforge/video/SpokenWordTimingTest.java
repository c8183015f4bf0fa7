package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** With the voice's length known, the words style's highlight follows syllables and pauses, not letters. */
class SpokenWordTimingTest {

    @Test
    void aLongOneSyllableWordIsPassedQuicklyAndAShortLongWordTakesItsTime() {
        // "Strengths" is 9 letters but one beat; "animal" is 6 letters but three; a full stop is a pause.
        List<List<String>> pages = List.of(List.of("Strengths animal go."));
        Timeline timeline = Timeline.build(List.of(new Timeline.SceneTiming(1, 4, pages, true, 3.0)), 30, 15, 0);

        List<Integer> starts = timeline.cues().getFirst().wordStarts();
        assertThat(starts.get(0)).isZero();
        assertThat(starts.get(1)).as("after one syllable of 6.25 beats, not 10 letters of 21").isBetween(10, 20);
        assertThat(starts.get(2)).as("after four beats of 6.25").isBetween(52, 62);
    }

    @Test
    void pagesOfOneSceneShareTheVoiceBySpokenWeight() {
        // The first page says little in many letters; the second many syllables in few.
        List<List<String>> pages = List.of(List.of("Strengths, thoughts,"), List.of("animal elephant banana."));
        Timeline timeline = Timeline.build(List.of(new Timeline.SceneTiming(1, 6, pages, true, 4.0)), 30, 15, 0);

        Timeline.Cue second = timeline.cues().get(1);
        assertThat(second.wordStarts().getFirst()).as("the voice reaches page two after 3.5 of 13.75 beats, not 20 of 43 letters").isBetween(28, 36);
    }

    @Test
    void syllablesAreCountedByVowelGroups() {
        assertThat(SpokenWeight.of("through")).isEqualTo(1);
        assertThat(SpokenWeight.of("animal")).isEqualTo(3);
        assertThat(SpokenWeight.of("stone")).as("a silent final e").isEqualTo(1);
        assertThat(SpokenWeight.of("little")).isEqualTo(2);
        assertThat(SpokenWeight.of("again,")).isEqualTo(2 + SpokenWeight.PHRASE_PAUSE);
        assertThat(SpokenWeight.of("home.\"")).isEqualTo(1 + SpokenWeight.SENTENCE_PAUSE);
    }
}
