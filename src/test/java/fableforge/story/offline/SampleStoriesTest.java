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
        if (Boolean.getBoolean("fableforge.samples.more")) {
            for (String[] extra : new String[][] {
                    {"rabbit", "farm", "funny", "rival", "clumsy", "wind", "fallen star", "little sibling"},
                    {"owl", "misty swamp", "mysterious", "monster", "afraid", "shadow", "old spirit", "nobody"},
                    {"tiger", "jungle", "heartwarming", "poachers", "outsider", "nature", "sacred tree", "grumpy badger"},
                    {"penguin", "arctic tundra", "epic", "storm", "looks different", "lightning", "glowing crystal", "a brave seal"}}) {
                var answers = StoryFixtures.with(StoryFixtures.minimal(extra[0], extra[1]), "tone", extra[2], "villain", extra[3],
                        "rejection_reason", extra[4], "power", extra[5], "power_source", extra[6], "ally", extra[7]);
                System.out.println("=== " + String.join(" / ", extra) + " ===\n" + StoryFixtures.print(StoryFixtures.write(answers, extra[0].length() * 31L)));
            }
        }
        if (Boolean.getBoolean("fableforge.samples.freetext")) {
            var answers = StoryFixtures.with(StoryFixtures.minimal("snow leopard", "a haunted lighthouse"),
                    "character_name", "sir fluffington", "hero_color", "midnight blue", "distinctive_mark", "torn left ear",
                    "rejection_reason", "other", "rejection_detail", "it was born without a voice", "power", "other",
                    "power_detail", "talking to the stars", "power_source", "an old music box", "villain", "poachers",
                    "villain_name", "Big Jack", "ally", "a brave hedgehog", "tone", "heartwarming", "lesson", "Never give up!");
            System.out.println("=== free text ===\n" + StoryFixtures.print(StoryFixtures.write(answers, 4242L)));
        }
        String extraSeeds = System.getProperty("fableforge.samples.seeds", "");
        for (String seed : extraSeeds.split(",")) {
            if (!seed.isBlank()) {
                var answers = StoryFixtures.with(StoryFixtures.fullFoxQuiz(), "tone", System.getProperty("fableforge.samples.tone", "epic"));
                System.out.println("=== full fox quiz, seed " + seed + " ===\n" + StoryFixtures.print(StoryFixtures.write(answers, Long.parseLong(seed.strip()))));
            }
        }
        assertThat(fox).hasSize(Beat.TOTAL_SCENES);
        assertThat(axolotl).hasSize(Beat.TOTAL_SCENES);
    }
}
