package fableforge.story.offline;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.quiz.QuizAnswers;
import fableforge.story.Scene;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hundreds of quizzes mixing choices, free text and missing answers: every story must come out clean. */
class RandomQuizSweepTest {

    private static final Map<String, List<String>> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("animal", List.of("fox", "wolf", "cat", "dog", "lion", "tiger", "bear", "rabbit", "mouse", "owl", "eagle", "penguin",
                "turtle", "deer", "horse", "raccoon", "snow leopard", "axolotl", "An Octopus", "hedgehog", "unicorn", "quokka"));
        OPTIONS.put("character_name", List.of("", "Ember", "Max", "luna", "Sir Fluffington", "Zo"));
        OPTIONS.put("setting", List.of("enchanted forest", "snowy mountains", "desert canyon", "jungle", "coral reef coast", "arctic tundra",
                "african savanna", "misty swamp", "big city", "farm", "abandoned space station", "a haunted lighthouse", "Atlantis"));
        OPTIONS.put("hero_color", List.of("", "silver", "midnight blue", "jet black and white", "golden", "pale green", "sparkly"));
        OPTIONS.put("distinctive_mark", List.of("", "a torn left ear", "torn left ear", "white paws", "Three stripes on its tail.",
                "a long scar that runs from the tip of the nose all the way along the back"));
        OPTIONS.put("rejection_reason", List.of("", "too small", "looks different", "clumsy", "outsider", "afraid", "other"));
        OPTIONS.put("rejection_detail", List.of("", "it was born without a voice", "too loud", "its crooked tail", "can't swim", "one wing"));
        OPTIONS.put("power", List.of("", "fire", "ice", "lightning", "wind", "water", "earth", "light", "shadow", "nature", "other"));
        OPTIONS.put("power_detail", List.of("", "talking to the stars", "fly", "time travel", "turn invisible"));
        OPTIONS.put("power_source", List.of("", "ancient amulet", "glowing crystal", "fallen star", "sacred tree", "old spirit",
                "grandma's silver thimble", "old music box"));
        OPTIONS.put("villain", List.of("", "rival", "tyrant", "monster", "storm", "poachers"));
        OPTIONS.put("villain_name", List.of("", "Grimjaw", "the Shadow King", "vex"));
        OPTIONS.put("ally", List.of("", "wise old owl", "little sibling", "grumpy badger", "nobody", "a brave hedgehog", "Grandpa Joe",
                "my best friend Sam"));
        OPTIONS.put("tone", List.of("", "epic", "heartwarming", "funny", "mysterious"));
        OPTIONS.put("lesson", List.of("", "true strength is protecting others", "Never give up!", "be kind", "Friends make us brave."));
    }

    @Test
    void randomQuizzesAlwaysProduceCleanStories() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < 400; i++) {
            QuizAnswers answers = randomQuiz(random);
            long seed = random.nextLong();
            List<Scene> scenes = StoryFixtures.write(answers, seed);
            String story = TemplateStoryWriterTest.text(scenes);
            String context = answers.values() + "\n" + StoryFixtures.print(scenes);

            assertThat(scenes).as(context).hasSize(20);
            TemplateStoryWriterTest.assertClean(story);
            for (Scene scene : scenes) {
                assertThat(Sentences.count(scene.text())).as(context).isBetween(2, 4);
                assertThat(Sentences.words(scene.text())).as(context).isBetween(15, 75);
            }
            String name = StoryFixtures.heroOf(answers, seed).name();
            assertThat(scenes.stream().filter(s -> s.text().contains(name)).count()).as(context).isGreaterThanOrEqualTo(15);
            List<String> sentences = scenes.stream().flatMap(s -> Sentences.split(s.text()).stream()).toList();
            assertThat(new HashSet<>(sentences)).as(context).hasSameSizeAs(sentences);
        }
    }

    static QuizAnswers randomQuiz(SplittableRandom random) {
        Map<String, String> values = new LinkedHashMap<>();
        OPTIONS.forEach((key, options) -> values.put(key, options.get(random.nextInt(options.size()))));
        values.put("visual_style", "anime");
        return new QuizAnswers(values);
    }
}
