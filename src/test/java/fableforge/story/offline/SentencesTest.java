package fableforge.story.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void speechAndItsTagAreOneSentence() {
        assertThat(Sentences.count("\"You? A hero?\" Sable sneered. \"You're still nobody.\"")).isEqualTo(2);
        assertThat(Sentences.count("\"Leave them alone!\" Ember cried, stepping forward. The storm howled.")).isEqualTo(2);
        assertThat(Sentences.count("\"Too small!\" they jeered.")).isEqualTo(1);
    }

    @Test
    void capitalisesSentenceStartsButNotSpeechTags() {
        assertThat(Sentences.capitalise("the storm came. \"run!\" they cried. it was over."))
                .isEqualTo("The storm came. \"Run!\" they cried. It was over.");
    }

    @Test
    void tidySqueezesSpacesAndDoubledStops() {
        assertThat(Sentences.tidy("A  fox , named Pip..")).isEqualTo("A fox, named Pip.");
    }
}
