package fableforge.story;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.text.Phrasing;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Narration lines fit their scene's share of the video and are shortened only at sentence, phrase or word boundaries. */
class NarrationLineTest {

    private static final String SCENE = "Whenever Ember came near, the other foxes found something cruel to say. "
            + "\"Come back when you're bigger,\" they sniggered. And it was always because she was the smallest fox in the pack.";

    @Test
    void aLineThatFitsIsKeptAsItIs() {
        assertThat(NarrationLine.fit("Ember waits  by the river.", 8)).isEqualTo("Ember waits by the river.");
    }

    @Test
    void aLongLineKeepsItsWholeOpeningSentencesThatFit() {
        assertThat(NarrationLine.fit(SCENE, 16)).isEqualTo("Whenever Ember came near, the other foxes found something cruel to say.");
    }

    @Test
    void whenTheOpeningIsTooLongALaterWholeSentenceThatFitsIsTaken() {
        assertThat(NarrationLine.fit(SCENE, 7)).isEqualTo("\"Come back when you're bigger,\" they sniggered.");
    }

    @Test
    void aSentenceTooLongIsCutAtAPhraseAndClosedAsASentence() {
        assertThat(NarrationLine.fit("Whenever Ember came near, the other foxes found something cruel to say.", 5))
                .isEqualTo("Whenever Ember came near.");
    }

    @Test
    void aCutBetweenWordsDoesNotEndOnAWordThatLeavesTheThoughtHanging() {
        assertThat(NarrationLine.fit("Ember wandered to the edge of the old quarry and looked down at the water below.", 6))
                .isEqualTo("Ember wandered to the edge.");
        assertThat(NarrationLine.fit("Ember took shelter from the rain in a hollow log, listening to the thunder roll.", 6))
                .as("the sentence's opening, not a fragment from its middle").isEqualTo("Ember took shelter from the rain.");
    }

    @Test
    void aWholeSentenceALittleOverTheBudgetIsKeptRatherThanCut() {
        assertThat(NarrationLine.fit("Lost and tired, Ember stumbled into a fern-choked cave behind the falls.", 7))
                .isEqualTo("Lost and tired, Ember stumbled into a fern-choked cave behind the falls.");
        assertThat(NarrationLine.fit(SCENE, 4)).as("the shortest sentence, 7 words for 4").isEqualTo("\"Come back when you're bigger,\" they sniggered.");
    }

    @Test
    void aSentenceTakenFromDialogueDropsTheQuoteLeftOpen() {
        assertThat(NarrationLine.fit("Orla smiled. \"Ember, you are ready at last! The power of fire has found its keeper!\" And the night went still.", 4))
                .isEqualTo("Orla smiled.");
        assertThat(NarrationLine.fit("\"Ember, you are ready at last. The power of fire has found its keeper!\" Orla said it softly at the pool.", 7))
                .isEqualTo("Ember, you are ready at last.");
    }

    @Test
    void withoutAPhraseThatFitsTheCutFallsBetweenWholeWords() {
        String line = NarrationLine.fit("Extraordinarily determined Ember practised relentlessly beneath towering silver birches.", 3);

        assertThat(line).isEqualTo("Extraordinarily determined Ember.");
    }

    @Test
    void shortenedLinesNeverEndMidWordOrWithAnOpenQuote() {
        for (int budget = 3; budget <= 30; budget++) {
            String line = NarrationLine.fit(SCENE, budget);
            boolean wholeSentence = Phrasing.sentences(SCENE).contains(line);
            assertThat(Phrasing.wordCount(line)).as("budget %d: %s", budget, line)
                    .isLessThanOrEqualTo(wholeSentence ? budget * NarrationLine.OVERRUN_FOR_A_WHOLE_SENTENCE : budget);
            assertThat(line).matches(".*[.!?][\"”]?$");
            assertThat(line.chars().filter(c -> c == '"').count() % 2).as(line).isZero();
            String[] sceneWords = SCENE.replaceAll("[^A-Za-z' ]", "").split(" ");
            for (String word : line.replaceAll("[^A-Za-z' ]", "").split(" ")) {
                assertThat(Arrays.asList(sceneWords)).as("a whole word of the scene").contains(word);
            }
        }
    }

    @Test
    void theClimaxAndTheEndingGetMoreWordsThanTheTrainingMontage() {
        assertThat(NarrationLine.wordBudget(18, 60)).isGreaterThan(NarrationLine.wordBudget(9, 60));
        assertThat(NarrationLine.wordBudget(20, 60)).isGreaterThan(NarrationLine.wordBudget(1, 60));
        double total = Arrays.stream(SceneShares.seconds(60)).sum();
        assertThat(total).isCloseTo(60, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(NarrationLine.wordBudget(1, 60)).as("about 2.5 words a second of ~2.8 s").isBetween(6, 7);
    }

    @Test
    void aStoryFromBeforeNarrationLinesGetsOneDerivedFromItsText() {
        Scene scene = new Scene(1, Beat.UNDERDOG, SCENE);

        assertThat(scene.narration()).isEqualTo(NarrationLine.derive(1, SCENE, AspectRatio.PORTRAIT));
        assertThat(Phrasing.wordCount(scene.narration())).isLessThanOrEqualTo(NarrationLine.wordBudget(1, 60));
    }
}
