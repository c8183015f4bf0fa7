package fableforge.story.offline;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.story.Beat;
import org.junit.jupiter.api.Test;

/** Prints sample stories for a human to read when run with -Dfableforge.samples=true. */
class SampleStoriesTest {

    @Test
    void samplesAreWrittenInFull() {
        var fox = StoryFixtures.write(StoryFixtures.fullFoxQuiz(), 7L);
        var axolotl = StoryFixtures.write(StoryFixtures.minimal("axolotl", "abandoned space station"), 20261125L);
        if (Boolean.getBoolean("fableforge.samples")) {
            System.out.println("=== fox / enchanted forest / all answers, seed 7 ===\n" + StoryFixtures.print(fox));
            System.out.println("=== axolotl / abandoned space station / minimal, seed 20261125 ===\n" + StoryFixtures.print(axolotl));
        }
        assertThat(fox).hasSize(Beat.TOTAL_SCENES);
        assertThat(axolotl).hasSize(Beat.TOTAL_SCENES);
    }
}
