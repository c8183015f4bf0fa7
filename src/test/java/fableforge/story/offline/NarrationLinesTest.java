package fableforge.story.offline;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.quiz.QuizAnswers;
import fableforge.story.NarrationLine;
import fableforge.story.Scene;
import fableforge.story.SceneShares;
import fableforge.story.StoryBrief;
import fableforge.text.Phrasing;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The offline writer's narration lines are written to be heard, over hundreds of random quizzes and seeds
 * on every aspect: each line whole sentences (a capital first, . ! or ? last, a verb in each: no "Protective
 * flame, but it was not enough."), within its scene's word budget, naming the hero, varied from story to
 * story, and still whole sentences when a short video shortens them.
 */
class NarrationLinesTest {

    private static final Pattern STARTS_AS_SENTENCE = Pattern.compile("^[\"“]?[A-Z0-9].*");
    private static final Pattern ENDS_AS_SENTENCE = Pattern.compile(".*[.!?][\"”]?$");
    /** Cheap verb test: a past or present form the wordings use, or any -ed word. */
    private static final Set<String> VERBS = Set.copyOf(List.of("was", "were", "is", "are", "had", "has", "found", "got", "began", "fell", "felt", "held",
            "told", "said", "saw", "came", "made", "let", "set", "stood", "struck", "won", "kept", "ran", "did", "grew", "drew", "heard", "meet",
            "shone", "knew", "gave", "lay", "sat", "hid", "left", "took", "forgot", "fit", "bowed", "tell", "ends", "make", "made", "fill", "held",
            "shine", "go", "move", "quit", "fly", "forget", "run", "change", "whispered", "cried", "called", "woke", "say", "hurt", "win", "stare",
            "watch", "play", "share", "face", "spread", "rushed", "be", "gave", "told", "looked", "thought", "loved", "got", "used", "showed", "went", "rose", "sang", "crept", "threw", "flew", "spoke", "sings", "glows", "stands", "listen", "shook", "fought", "forgave", "would", "could", "give", "drove", "leave", "try", "rise", "see", "keep", "stay", "hold", "raised", "fell", "saw"));
    private static final String[] ASPECTS = {"9:16", "1:1", "16:9"};

    @Test
    void everyLineIsWholeSentencesWithinItsBudgetNamingTheHero() {
        SplittableRandom random = new SplittableRandom(15);
        int lines = 0;
        int named = 0;
        int sameOpening = 0;
        for (int i = 0; i < 300; i++) {
            QuizAnswers answers = StoryFixtures.with(RandomQuizSweepTest.randomQuiz(random), "aspect_ratio", ASPECTS[i % 3]);
            long seed = random.nextLong();
            StoryBrief brief = new StoryBrief(answers, StoryFixtures.heroOf(answers, seed), seed);
            List<Scene> scenes = StoryFixtures.WRITER.write(brief);
            String firstName = brief.hero().name().split(" ")[0];
            for (Scene scene : scenes) {
                String context = answers.values() + " scene " + scene.number() + ": " + scene.narration();
                assertWholeSentences(scene.narration(), context);
                assertThat(Phrasing.wordCount(scene.narration())).as(context).isLessThanOrEqualTo(brief.narrationWords(scene.number()));
                assertThat(scene.narration()).as("the line is its own, not the scene's text: " + context).isNotEqualTo(scene.text());
                lines++;
                named += scene.narration().contains(firstName) ? 1 : 0;
                if (scene.number() > 1 && opening(scene.narration()).equals(opening(scenes.get(scene.number() - 2).narration()))) {
                    sameOpening++;
                }
            }
        }
        assertThat(named).as("lines naming the hero").isGreaterThanOrEqualTo(lines * 8 / 10);
        assertThat(sameOpening).as("lines opening like the one before: a narrator reading a list").isLessThan(lines / 4);
    }

    @Test
    void aShortVideoShortensEveryLineToWholeSentences() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 150; i++) {
            QuizAnswers answers = StoryFixtures.with(RandomQuizSweepTest.randomQuiz(random), "aspect_ratio", ASPECTS[i % 3]);
            List<Scene> scenes = StoryFixtures.write(answers, random.nextLong());
            for (int length : new int[] {15, 30, 45}) {
                double[] shares = SceneShares.seconds(length);
                for (Scene scene : scenes) {
                    int budget = NarrationLine.wordBudget(shares[scene.number() - 1]);
                    String line = NarrationLine.fit(scene.narration(), budget);
                    String context = length + " s, budget " + budget + ", scene " + scene.number() + ": " + scene.narration() + " -> " + line;
                    assertWholeSentences(line, context);
                    assertThat(Phrasing.wordCount(line)).as(context).isLessThanOrEqualTo(budget * NarrationLine.OVERRUN_FOR_A_WHOLE_SENTENCE);
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

    /** Each sentence starts with a capital, ends with . ! or ?, and has a verb; no noun phrase before ", but". */
    static void assertWholeSentences(String line, String context) {
        assertThat(line).as(context).isNotBlank();
        for (String sentence : Sentences.split(line)) {
            assertThat(sentence).as(context).matches(STARTS_AS_SENTENCE).matches(ENDS_AS_SENTENCE);
            assertThat(hasVerb(sentence)).as("a verb in \"%s\": %s", sentence, context).isTrue();
            int but = sentence.indexOf(", but ");
            if (but > 0) {
                assertThat(hasVerb(sentence.substring(0, but))).as("a clause, not a noun phrase, before \", but\": %s", context).isTrue();
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
