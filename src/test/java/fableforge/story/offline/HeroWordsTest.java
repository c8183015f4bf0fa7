package fableforge.story.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeroWordsTest {

    @Test
    void pluralisesTheSpeciesLastWord() {
        assertThat(HeroWords.plural("fox")).isEqualTo("foxes");
        assertThat(HeroWords.plural("wolf")).isEqualTo("wolves");
        assertThat(HeroWords.plural("mouse")).isEqualTo("mice");
        assertThat(HeroWords.plural("deer")).isEqualTo("deer");
        assertThat(HeroWords.plural("bunny")).isEqualTo("bunnies");
        assertThat(HeroWords.plural("snow leopard")).isEqualTo("snow leopards");
        assertThat(HeroWords.plural("axolotl")).isEqualTo("axolotls");
    }

    @Test
    void aMarkOnTheBodyBelongsToTheHero() {
        assertThat(HeroWords.possessive("a white star on the forehead", Pronouns.SHE)).isEqualTo("the white star on her forehead");
        assertThat(HeroWords.possessive("a torn left ear", Pronouns.HE)).isEqualTo("his torn left ear");
        assertThat(HeroWords.possessive("its crooked tail", Pronouns.SHE)).isEqualTo("her crooked tail");
        assertThat(HeroWords.onTheHero("a crescent-shaped patch over the left eye", Pronouns.HE))
                .isEqualTo("a crescent-shaped patch over his left eye");
    }

    @Test
    void aTypedRejectionReasonReadsAfterBecause() {
        assertThat(RejectionWords.whyFromDetail("it was born without a voice", Pronouns.SHE)).isEqualTo("she was born without a voice");
        assertThat(RejectionWords.whyFromDetail("too loud", Pronouns.HE)).isEqualTo("he was too loud");
        assertThat(RejectionWords.whyFromDetail("its crooked tail", Pronouns.HE)).isEqualTo("of his crooked tail");
        assertThat(RejectionWords.whyFromDetail("can't swim", Pronouns.SHE)).isEqualTo("she couldn't swim");
    }
}
