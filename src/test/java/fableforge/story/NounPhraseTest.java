package fableforge.story;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NounPhraseTest {

    @Test
    void addsTheRightIndefiniteArticleOnlyWhenMissing() {
        assertThat(NounPhrase.indefinite("torn left ear")).isEqualTo("a torn left ear");
        assertThat(NounPhrase.indefinite("a torn left ear")).isEqualTo("a torn left ear");
        assertThat(NounPhrase.indefinite("A torn left ear.")).isEqualTo("a torn left ear");
        assertThat(NounPhrase.indefinite("ancient amulet")).isEqualTo("an ancient amulet");
        assertThat(NounPhrase.indefinite("unicorn horn")).isEqualTo("a unicorn horn");
        assertThat(NounPhrase.indefinite("Torn left ear")).isEqualTo("a torn left ear");
    }

    @Test
    void pluralsPossessivesAndNamesTakeNoArticle() {
        assertThat(NounPhrase.indefinite("white paws")).isEqualTo("white paws");
        assertThat(NounPhrase.indefinite("its crooked tail")).isEqualTo("its crooked tail");
        assertThat(NounPhrase.indefinite("Grandpa Joe")).isEqualTo("Grandpa Joe");
    }

    @Test
    void definiteSwapsTheArticle() {
        assertThat(NounPhrase.definite("a brave hedgehog")).isEqualTo("the brave hedgehog");
        assertThat(NounPhrase.definite("brave hedgehog")).isEqualTo("the brave hedgehog");
        assertThat(NounPhrase.definite("The Old Oak")).isEqualTo("the Old Oak");
    }

    @Test
    void headWordNamesTheThingNotItsDescription() {
        assertThat(NounPhrase.headWord("a seed of the sacred tree that glows green")).isEqualTo("seed");
        assertThat(NounPhrase.headWord("an ancient amulet set with a glowing red stone")).isEqualTo("amulet");
        assertThat(NounPhrase.headWord("an old music box")).isEqualTo("box");
    }
}
