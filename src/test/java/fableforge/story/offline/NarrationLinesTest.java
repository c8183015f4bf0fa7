package fableforge.story.offline;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.quiz.QuizAnswers;
import fableforge.story.NarrationLine;
import fableforge.story.Scene;
import fableforge.story.SceneShares;
import fableforge.story.StoryBrief;
import fableforge.text.Phrasing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The offline writer's narration lines are written to be heard, over 300 random quizzes and seeds on every
 * aspect, as written and as a 15, 30, 45 and 60 s video shortens them: each line whole sentences (a capital
 * first, . ! or ? last, a verb in each: no "Protective flame, but it was not enough."), within its scene's word
 * budget; told as a narrator tells it: the hero named at the start and in 30 to 60% of lines, never missing for
 * more than two lines, called she or he only right after a line that named the hero, no line opening with the
 * word the line before opened with; and varied from story to story.
 */
class NarrationLinesTest {

    private static final Pattern STARTS_AS_SENTENCE = Pattern.compile("^[\"“]?[A-Z0-9].*");
    private static final Pattern ENDS_AS_SENTENCE = Pattern.compile(".*[.!?][\"”]?$");
    /** Cheap verb test: a past or present form the wordings use, or any -ed word. */
    private static final Set<String> VERBS = Set.copyOf(List.of("was", "were", "is", "are", "had", "has", "found", "got", "began", "fell", "felt", "held",
            "told", "said", "saw", "came", "made", "let", "set", "stood", "struck", "won", "kept", "ran", "did", "grew", "drew", "heard", "meet",
            "shone", "knew", "gave", "lay", "sat", "hid", "left", "took", "forgot", "fit", "bowed", "tell", "ends", "make", "made", "fill", "held",
            "shine", "go", "move", "quit", "fly", "forget", "run", "change", "whispered", "cried", "called", "woke", "say", "hurt", "win", "stare",
            "watch", "play", "share", "face", "spread", "rushed", "be", "gave", "told", "looked", "thought", "loved", "got", "used", "showed", "went", "rose", "sang", "crept", "threw", "flew", "spoke", "sings", "glows", "stands", "listen", "shook", "fought", "forgave", "would", "could", "give", "drove", "leave", "try", "rise", "see", "keep", "stay", "hold", "raised", "fell", "saw",
            "became", "lit", "lasts", "led"));
    private static final Set<String> HERO_PRONOUNS = Set.of("she", "her", "herself", "he", "him", "his", "himself");
    private static final String[] ASPECTS = {"9:16", "1:1", "16:9"};
    /** 0: the length the lines are written for, the aspect's default. */
    private static final int[] LENGTHS = {0, 15, 30, 45, 60};
    private static final List<Story> STORIES = randomStories(300, new SplittableRandom(15));

    /** A story's quiz, brief and scenes, and its lines as each length reads them. */
    private record Story(QuizAnswers answers, StoryBrief brief, List<Scene> scenes, Map<Integer, List<String>> told) {

        static Story of(QuizAnswers answers, StoryBrief brief, List<Scene> scenes) {
            Map<Integer, List<String>> told = new HashMap<>();
            for (int seconds : LENGTHS) {
                told.put(seconds, scenes.stream().map(scene -> seconds == 0 ? scene.narration()
                        : NarrationLine.fit(scene.narration(), budget(brief, seconds, scene.number()))).toList());
            }
            return new Story(answers, brief, scenes, told);
        }

        /** The lines as a video of {@code seconds} reads them (0: as written). */
        List<String> lines(int seconds) {
            return told.get(seconds);
        }

        int budget(int seconds, int number) {
            return budget(brief, seconds, number);
        }

        private static int budget(StoryBrief brief, int seconds, int number) {
            return seconds == 0 ? brief.narrationWords(number) : NarrationLine.wordBudget(SceneShares.seconds(seconds)[number - 1]);
        }

        Pattern name() {
            return Pattern.compile("(?<![\\p{L}])" + Pattern.quote(brief.hero().name()) + "(?![\\p{L}])");
        }

        Supplier<String> context(int seconds, int number) {
            return () -> answers.values() + (seconds == 0 ? " as written" : " in " + seconds + " s") + ", scene " + number + ":\n"
                    + String.join("\n", lines(seconds));
        }
    }

    private static List<Story> randomStories(int count, SplittableRandom random) {
        List<Story> stories = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            QuizAnswers answers = StoryFixtures.with(RandomQuizSweepTest.randomQuiz(random), "aspect_ratio", ASPECTS[i % 3]);
            long seed = random.nextLong();
            StoryBrief brief = new StoryBrief(answers, StoryFixtures.heroOf(answers, seed), seed);
            stories.add(Story.of(answers, brief, StoryFixtures.WRITER.write(brief)));
        }
        return stories;
    }

    @Test
    void everyLineIsWholeSentencesWithinItsBudgetInEveryLength() {
        for (Story story : STORIES) {
            for (int seconds : LENGTHS) {
                List<String> lines = story.lines(seconds);
                for (Scene scene : story.scenes()) {
                    String line = lines.get(scene.number() - 1);
                    Supplier<String> context = story.context(seconds, scene.number());
                    assertWholeSentences(line, context);
                    // A whole first sentence may run over a short video's budget, read a little faster, rather than be cut.
                    int allowed = story.budget(seconds, scene.number()) * (seconds == 0 ? 1 : NarrationLine.OVERRUN_FOR_A_WHOLE_SENTENCE);
                    assertThat(Phrasing.wordCount(line)).as(context).isLessThanOrEqualTo(allowed);
                    assertThat(line).as(() -> "the line is its own, not the scene's text: " + context.get()).isNotEqualTo(scene.text());
                }
            }
        }
    }

    @Test
    void theHeroIsNamedAtTheStartAndInThirtyToSixtyPercentOfLinesNeverMissingForMoreThanTwo() {
        for (int seconds : LENGTHS) {
            int lines = 0;
            int named = 0;
            for (Story story : STORIES) {
                List<String> told = story.lines(seconds);
                assertThat(told.getFirst()).as(story.context(seconds, 1)).containsPattern(story.name());
                int unnamedRun = 0;
                for (int i = 0; i < told.size(); i++) {
                    boolean names = story.name().matcher(told.get(i)).find();
                    named += names ? 1 : 0;
                    unnamedRun = names ? 0 : unnamedRun + 1;
                    Supplier<String> context = story.context(seconds, i + 1);
                    assertThat(unnamedRun).as(() -> "lines in a row without the hero's name: " + context.get()).isLessThanOrEqualTo(2);
                }
                lines += told.size();
            }
            assertThat(named).as("lines naming the hero in %d s", seconds).isBetween(lines * 3 / 10, lines * 6 / 10);
        }
    }

    @Test
    void theHeroIsCalledSheOrHeOnlyRightAfterALineThatNamedTheHero() {
        int pronounLines = 0;
        for (Story story : STORIES) {
            for (int seconds : LENGTHS) {
                List<String> told = story.lines(seconds);
                for (int i = 0; i < told.size(); i++) {
                    if (!refersByPronounFirst(told.get(i), story.name())) {
                        continue;
                    }
                    pronounLines++;
                    Supplier<String> context = story.context(seconds, i + 1);
                    assertThat(i).as(() -> "a pronoun in the first line: " + context.get()).isPositive();
                    String previousFirstSentence = Sentences.split(told.get(i - 1)).getFirst();
                    assertThat(previousFirstSentence).as(() -> "the line before names the hero: " + context.get()).containsPattern(story.name());
                }
            }
        }
        assertThat(pronounLines).as("lines calling the hero she or he").isGreaterThan(STORIES.size() * LENGTHS.length * 3);
    }

    @Test
    void noLineOpensWithTheWordTheLineBeforeOpenedWith() {
        for (Story story : STORIES) {
            for (int seconds : LENGTHS) {
                List<String> told = story.lines(seconds);
                for (int i = 1; i < told.size(); i++) {
                    assertThat(opening(told.get(i))).as(story.context(seconds, i + 1)).isNotEqualTo(opening(told.get(i - 1)));
                }
            }
        }
    }

    @Test
    void linesVaryFromStoryToStory() {
        SplittableRandom random = new SplittableRandom(17);
        Map<Integer, Set<String>> wordings = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            QuizAnswers answers = StoryFixtures.fullFoxQuiz();
            long seed = random.nextLong();
            String name = StoryFixtures.heroOf(answers, seed).name();
            for (Scene scene : StoryFixtures.write(answers, seed)) {
                wordings.computeIfAbsent(scene.number(), n -> new HashSet<>()).add(scene.narration().replace(name, "NAME"));
            }
        }
        wordings.forEach((scene, seen) -> assertThat(seen).as("scene %d's lines for one quiz over 60 seeds", scene).hasSizeGreaterThanOrEqualTo(3));
    }

    /** Whether the line's first mention of the hero, if any, is a pronoun rather than the name. */
    private static boolean refersByPronounFirst(String line, Pattern name) {
        Matcher named = name.matcher(line);
        String before = named.find() ? line.substring(0, named.start()) : line;
        return Phrasing.words(before).stream().map(w -> w.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "")).anyMatch(HERO_PRONOUNS::contains);
    }

    /** Each sentence starts with a capital, ends with . ! or ?, and has a verb; no noun phrase before ", but". */
    static void assertWholeSentences(String line, Supplier<String> context) {
        assertThat(line).as(context).isNotBlank();
        for (String sentence : Sentences.split(line)) {
            assertThat(sentence).as(context).matches(STARTS_AS_SENTENCE).matches(ENDS_AS_SENTENCE);
            assertThat(hasVerb(sentence)).as(() -> "a verb in \"" + sentence + "\": " + context.get()).isTrue();
            int but = sentence.indexOf(", but ");
            if (but > 0) {
                assertThat(hasVerb(sentence.substring(0, but))).as(() -> "a clause, not a noun phrase, before \", but\": " + context.get()).isTrue();
            }
        }
    }

    private static String opening(String line) {
        return Phrasing.words(line).getFirst().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private static boolean hasVerb(String text) {
        for (String word : Phrasing.words(text)) {
            String bare = word.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z']", "").replaceAll("'s$", "");
            if (VERBS.contains(bare) || bare.endsWith("ed") || bare.endsWith("'re") || bare.endsWith("'m")) {
                return true;
            }
        }
        return false;
    }
}
