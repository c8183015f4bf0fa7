package fableforge.story.offline;

import static fableforge.story.offline.StoryFixtures.fullFoxQuiz;
import static fableforge.story.offline.StoryFixtures.minimal;
import static fableforge.story.offline.StoryFixtures.with;
import static fableforge.story.offline.StoryFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import fableforge.quiz.QuizAnswers;
import fableforge.story.Beat;
import fableforge.story.HeroDesigner;
import fableforge.story.Scene;
import fableforge.story.StoryBrief;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateStoryWriterTest {

    @Test
    void writesTwentyScenesNumberedInOrderWithTheirBeats() {
        List<Scene> scenes = write(fullFoxQuiz(), 1L);

        assertThat(scenes).extracting(Scene::number).containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
        scenes.forEach(scene -> assertThat(scene.beat()).isEqualTo(Beat.ofScene(scene.number())));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 99, 1234, 777777, -5})
    void everySceneHasTwoToFourSentencesOfNarratableLength(long seed) {
        for (Scene scene : write(fullFoxQuiz(), seed)) {
            assertThat(Sentences.count(scene.text())).as("scene %d: %s", scene.number(), scene.text()).isBetween(2, 4);
            assertThat(Sentences.words(scene.text())).as("scene %d: %s", scene.number(), scene.text()).isBetween(18, 70);
        }
    }

    @Test
    void almostEverySceneFitsFourToSixSecondsOfNarration() {
        int scenes = 0;
        int inRange = 0;
        for (long seed = 0; seed < 200; seed++) {
            String tone = ToneWords.TONES.get((int) (seed % 4));
            String villain = VillainWords.KINDS.get((int) (seed % 5));
            for (Scene scene : write(with(fullFoxQuiz(), "tone", tone, "villain", villain), seed)) {
                int words = Sentences.words(scene.text());
                scenes++;
                if (words >= 25 && words <= 58) {
                    inRange++;
                }
            }
        }
        assertThat((double) inRange / scenes).isGreaterThan(0.95);
    }

    @Test
    void everyGivenAnswerIsReflectedInTheStory() {
        String story = text(write(fullFoxQuiz(), 11L));
        String lower = story.toLowerCase(Locale.ROOT);

        assertThat(story).contains("Ember", "King Gorrath", "the power of fire");
        assertThat(lower).contains("fox", "enchanted forest", "silver", "white star", "amulet",
                "true strength is protecting others");
        assertThat(lower).containsAnyOf("wise old owl", "owl named");
        assertThat(lower).containsAnyOf("smallest", "tiny", "too small");
    }

    @Test
    void heroIsNamedInAtLeastFifteenScenes() {
        for (long seed = 0; seed < 30; seed++) {
            long named = write(fullFoxQuiz(), seed).stream().filter(s -> s.text().contains("Ember")).count();
            assertThat(named).as("seed %d", seed).isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void sameSeedWritesTheSameStory() {
        assertThat(write(fullFoxQuiz(), 5L)).isEqualTo(write(fullFoxQuiz(), 5L));
        assertThat(write(minimal("wolf", "jungle"), 5L)).isEqualTo(write(minimal("wolf", "jungle"), 5L));
    }

    @Test
    void differentSeedsChangeMostScenes() {
        List<Scene> first = write(fullFoxQuiz(), 100L);
        for (long seed = 101; seed < 110; seed++) {
            List<Scene> other = write(fullFoxQuiz(), seed);
            long differing = IntStream.range(0, 20).filter(i -> !first.get(i).text().equals(other.get(i).text())).count();
            assertThat(differing).as("seed %d", seed).isGreaterThanOrEqualTo(14);
        }
    }

    @Test
    void noSentenceIsRepeatedWithinAStory() {
        for (long seed = 0; seed < 40; seed++) {
            for (QuizAnswers answers : List.of(fullFoxQuiz(), minimal("penguin", "arctic tundra"))) {
                List<String> sentences = write(answers, seed).stream().flatMap(s -> Sentences.split(s.text()).stream()).toList();
                assertThat(new HashSet<>(sentences)).as("seed %d", seed).hasSameSizeAs(sentences);
            }
        }
    }

    @Test
    void unusualFreeTextStaysGrammaticalAndLeavesNoPlaceholders() {
        QuizAnswers answers = with(minimal("Axolotl", "abandoned space station"),
                "animal", "Axolotl", "setting", "abandoned space station", "visual_style", "pixel art",
                "hero_color", "midnight blue", "distinctive_mark", "torn left ear that never quite healed after a long, strange night",
                "rejection_reason", "other", "rejection_detail", "it was born without a voice",
                "power", "other", "power_detail", "talking to the stars",
                "power_source", "an old music box", "ally", "a brave hedgehog", "lesson", "Never give up!");
        for (long seed = 0; seed < 20; seed++) {
            String story = text(write(answers, seed));
            assertClean(story);
            assertThat(story).contains("midnight blue", "abandoned space station", "the power of talking to the stars", "music box");
            assertThat(story).doesNotContain("a axolotl", "a old", "an torn", "Axolotl named", "a a ", "the the ");
            assertThat(story.toLowerCase(Locale.ROOT)).contains("axolotl", "torn left ear", "without a voice", "never give up");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fox", "owl", "penguin", "turtle", "horse", "mouse", "snow leopard", "axolotl", "dragonfly"})
    void minimalQuizWritesACompleteStoryForAnyAnimal(String animal) {
        for (String setting : List.of("misty swamp", "big city", "farm", "coral reef coast", "a volcano island", "Narnia")) {
            List<Scene> scenes = write(minimal(animal, setting), animal.hashCode() + setting.hashCode());
            assertThat(scenes).hasSize(20);
            String story = text(scenes);
            assertClean(story);
            assertThat(story.toLowerCase(Locale.ROOT)).contains(animal);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rival", "tyrant", "monster", "storm", "poachers"})
    void everyVillainIsSetUpBeforeTheChallengeAndFacedInIt(String villain) {
        for (long seed = 0; seed < 10; seed++) {
            QuizAnswers answers = with(fullFoxQuiz(), "villain", villain, "villain_name", "");
            List<Scene> scenes = write(answers, seed);
            String villainWord = villainWord(villain, scenes);
            assertThat(text(scenes.subList(0, 14))).as("seed %d", seed).contains(villainWord);
            assertThat(text(scenes.subList(14, 19))).as("seed %d", seed).contains(villainWord);
            assertClean(text(scenes));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epic", "heartwarming", "funny", "mysterious"})
    void everyToneWritesACleanStoryWithALesson(String tone) {
        for (long seed = 0; seed < 10; seed++) {
            List<Scene> scenes = write(with(minimal("rabbit", "farm"), "tone", tone), seed);
            assertClean(text(scenes));
            List<String> lessons = TemplateBook.load().texts("tone." + tone + ".lesson", Set.of());
            assertThat(lessons).anyMatch(scenes.get(19).text()::contains);
        }
    }

    @Test
    void anAllyReturnsInTheChallengeOrTheEndingAndALonerTrainsAlone() {
        List<Scene> withOwl = write(with(fullFoxQuiz(), "ally", "grumpy badger"), 3L);
        String name = withOwl.stream().map(Scene::text).filter(t -> t.contains("badger named ")).findFirst()
                .map(t -> t.replaceAll("(?s).*badger named (\\w+( \\w+)?).*", "$1").split(" ")[0]).orElseThrow();
        assertThat(text(withOwl.subList(8, 20))).contains(name);

        String alone = text(write(with(fullFoxQuiz(), "ally", "nobody"), 3L));
        assertThat(alone).doesNotContain("owl named", "badger named", "little sister", "little brother");
    }

    @Test
    void contentStaysFamilyFriendly() {
        for (long seed = 0; seed < 30; seed++) {
            String story = text(write(with(fullFoxQuiz(), "villain", List.of("rival", "tyrant", "monster", "storm", "poachers").get((int) (seed % 5))), seed))
                    .toLowerCase(Locale.ROOT);
            assertThat(story).doesNotContainPattern("\\b(kill|killed|blood|bloody|dead|death|die|died|gun|shoot|stab)\\b");
        }
    }

    @Test
    void aBriefWithAHandMadeHeroIsHonoured() {
        QuizAnswers answers = minimal("wolf", "snowy mountains");
        var hero = new HeroDesigner().design(answers, 9L);
        var custom = new fableforge.story.Hero("Storm Chaser", hero.species(), hero.primaryColour(), hero.secondaryColour(),
                hero.eyeColour(), hero.marking(), "a golden feather", "the power of the wind", hero.powerColour());
        String story = text(new TemplateStoryWriter().write(new StoryBrief(answers, custom, 9L)));
        assertThat(story).contains("Storm Chaser", "golden feather", "the power of the wind");
    }

    private static String villainWord(String villain, List<Scene> scenes) {
        return switch (villain) {
            case "storm" -> "storm";
            case "poachers" -> "poachers";
            default -> {
                String intro = text(scenes);
                yield List.of("Sable", "Thornback", "Vex", "Brutus", "Slate", "Cinder", "King Gorrath", "Lord Grimclaw", "Queen Vexa",
                                "Baron Ironhide", "Queen Sablethorn", "Gloomwyrm", "Hollowmaw", "Murkfang", "Ashen Shade").stream()
                        .filter(intro::contains).findFirst().orElseThrow();
            }
        };
    }

    static void assertClean(String story) {
        assertThat(story).doesNotContain("{", "}", "null", "  ", " ,", " .", "..", ",,");
        for (String sentence : Sentences.split(story)) {
            char first = sentence.replaceFirst("^\"", "").charAt(0);
            assertThat(Character.isUpperCase(first)).as("sentence starts with a capital: %s", sentence).isTrue();
        }
        assertThat(story).doesNotContainPattern("\\ba (?!uni|use|usu|one|eu)[aeiou]\\w").doesNotContainPattern("\\ban [bcdfgjklmnpqrstvwxz]\\w");
    }

    static String text(List<Scene> scenes) {
        StringBuilder out = new StringBuilder();
        scenes.forEach(s -> out.append(s.text()).append(' '));
        return out.toString().strip();
    }
}
