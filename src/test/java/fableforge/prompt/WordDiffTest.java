package fableforge.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.story.AspectRatio;
import fableforge.prompt.WordDiff.Op;
import fableforge.prompt.WordDiff.Run;
import fableforge.story.Scene;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WordDiffTest {

    private static Run same(String text) {
        return new Run(Op.SAME, text);
    }

    private static Run removed(String text) {
        return new Run(Op.REMOVED, text);
    }

    private static Run added(String text) {
        return new Run(Op.ADDED, text);
    }

    /** The text a side of the diff reads as, words separated by single spaces. */
    private static String side(List<Run> runs, Op changed) {
        return runs.stream().filter(run -> run.op() == Op.SAME || run.op() == changed).map(Run::text).collect(Collectors.joining(" "));
    }

    private static String words(String text) {
        return String.join(" ", text.strip().split("\\s+"));
    }

    @Test
    void aSanitizedWordShowsAsRemovedThenAddedBetweenUnchangedRuns() {
        List<Run> runs = WordDiff.between("Ember fights the poachers at dawn.", "Ember challenges the trappers at dawn.");

        assertThat(runs).containsExactly(same("Ember"), removed("fights"), added("challenges"), same("the"),
                removed("poachers"), added("trappers"), same("at dawn."));
    }

    @Test
    void consecutiveWordsWithTheSameFateAreOneRun() {
        List<Run> runs = WordDiff.between("a fight to the death at noon", "a final contest at noon");

        assertThat(runs).containsExactly(same("a"), removed("fight to the death"), added("final contest"), same("at noon"));
    }

    @Test
    void aShortenedTailIsOneRemovedRun() {
        List<Run> runs = WordDiff.between("Style: ink.\nScene 3: Ember waits by the river while the rain falls.",
                "Style: ink.\nScene 3: Ember waits by the river.");

        assertThat(runs).containsExactly(same("Style: ink. Scene 3: Ember waits by the"), removed("river while the rain falls."), added("river."));
    }

    @Test
    void spacingAndLineBreaksAloneAreNoChange() {
        List<Run> runs = WordDiff.between("Style: ink.\nMood: calm.", "Style:  ink. Mood: calm.\n");

        assertThat(runs).containsExactly(same("Style: ink. Mood: calm."));
        assertThat(WordDiff.changed(runs)).isFalse();
    }

    @Test
    void fromNothingEverythingIsAdded() {
        assertThat(WordDiff.between("", "a new prompt")).containsExactly(added("a new prompt"));
        assertThat(WordDiff.between("an old prompt", " ")).containsExactly(removed("an old prompt"));
        assertThat(WordDiff.between(null, null)).isEmpty();
    }

    @Test
    void theRunsOfARealEscalatedPromptReadAsBothVersions() {
        PromptContext context = new PromptContext("enchanted forest", "anime", AspectRatio.PORTRAIT);
        CharacterBible bible = CharacterBible.of(TestHeroes.ember());
        String requested = ScenePrompts.standardize(List.of(ScenePrompts.create(Scene.of(15,
                "The poachers attack at dawn with nets and a gun, and Ember must fight them to the death "
                        + "while the owl circles overhead, calling out a warning to the little ones hiding in the reeds."),
                context)), bible, context).get(0);
        String sent = PromptShortener.shorten(PromptSanitizer.sanitize(requested), 50);

        List<Run> runs = WordDiff.between(requested, sent);

        assertThat(WordDiff.changed(runs)).isTrue();
        assertThat(side(runs, Op.REMOVED)).isEqualTo(words(requested));
        assertThat(side(runs, Op.ADDED)).isEqualTo(words(sent));
        assertThat(runs).as("no two neighbouring runs share an op")
                .allSatisfy(run -> assertThat(run.text()).isNotBlank());
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).op()).isNotEqualTo(runs.get(i - 1).op());
        }
        assertThat(runs).filteredOn(run -> run.op() == Op.REMOVED).map(Run::text).anyMatch(text -> text.contains("poachers"));
    }
}
