package fableforge.story.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** When the narrator says "she" and when the hero's name: a pronoun only ever points at the line just before. */
class HeroMentionsTest {

    private final Vocabulary words = new Vocabulary(new SplittableRandom(1));
    private final HeroMentions ember = new HeroMentions("Ember", Pronouns.SHE, List.of("Lord Thorn", "Old Hoot"), words);
    private final TemplateRenderer renderer = new TemplateRenderer(words);

    @Test
    void aLineRightAfterOneThatNamedTheHeroCallsHerShe() {
        ember.prepare(2, "Ember never quite fit in.");
        assertThat(renderer.render("{Hero} sat alone. Nobody let {hero_him} play with {hero_his} friends."))
                .isEqualTo("She sat alone. Nobody let her play with her friends.");
    }

    @Test
    void theHeroIsNamedAfterALineWithoutHerNameOrWithSomeoneElseNamedAfterHer() {
        ember.prepare(3, "Nobody let her play.");
        assertThat(renderer.render("{Hero} sat alone.")).isEqualTo("Ember sat alone.");
        ember.prepare(18, "Ember stumbled. Lord Thorn laughed.");
        assertThat(renderer.render("{Hero_his} power woke.")).isEqualTo("Ember's power woke.");
        ember.prepare(10, "Lord Thorn frowned at Ember.");
        assertThat(renderer.render("{Hero} grew.")).as("named last, after the villain").isEqualTo("She grew.");
    }

    @Test
    void aPronounNeedsTheNameInTheFirstSentenceTheOneEveryVideoKeeps() {
        ember.prepare(4, "The others laughed. Ember walked away.");
        assertThat(renderer.render("{Hero} left.")).isEqualTo("Ember left.");
    }

    @Test
    void theHeroIsNamedAtTheStoryTurnsEvenRightAfterHerName() {
        for (int turn : new int[] {1, 5, 11, 15, 20}) {
            ember.prepare(turn, "Ember never quite fit in.");
            assertThat(renderer.render("{Hero} changed.")).as("scene %d", turn).isEqualTo("Ember changed.");
            assertThat(ember.mustName(turn, List.of("Ember never quite fit in."))).isTrue();
        }
        ember.prepare(6, "Ember found a glow.");
        assertThat(renderer.render("{Hero} changed.")).isEqualTo("She changed.");
    }

    @Test
    void theNameComesBackAfterTwoLinesWithoutIt() {
        assertThat(ember.mustName(8, List.of("Ember tried.", "She failed.", "Everyone laughed."))).isTrue();
        assertThat(ember.mustName(8, List.of("Ember tried.", "She failed."))).isFalse();
        assertThat(ember.mustName(8, List.of("She failed.", "Ember wept."))).isFalse();
    }

    @Test
    void theNameIsMatchedAsAWholeWord() {
        assertThat(ember.namesHero("Embers glowed in the dark.")).isFalse();
        assertThat(ember.namesHero("\"Run!\" cried Ember.")).isTrue();
    }
}
