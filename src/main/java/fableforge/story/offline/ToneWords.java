package fableforge.story.offline;

import fableforge.quiz.QuizAnswers;
import fableforge.story.Beat;
import fableforge.story.NounPhrase;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Placeholders set by the tone: the closing lesson (the user's, or one that suits the tone) and a
 * pool of one-sentence asides per beat ("flourishes") that give a funny story its jokes and a
 * mysterious one its shivers.
 */
final class ToneWords {

    /** The last scenes of the challenge beat, after the villain falls, want calmer asides. */
    static final String RESOLUTION = "resolution";
    /** The scene that brings the villain on stage wants a warning, not applause for the display. */
    static final String FORESHADOW = "foreshadow";
    private static final int VILLAIN_APPROACH_SCENE = 14;

    static final List<String> TONES = List.of("epic", "heartwarming", "funny", "mysterious");
    private static final Set<String> IMPERATIVES = Set.of("be", "never", "always", "don't", "do", "believe", "keep", "stay", "trust",
            "love", "follow", "stand", "help", "remember", "protect", "treat", "try", "dream", "accept", "embrace", "share", "listen",
            "let", "choose", "find", "look", "speak", "give", "forgive", "care", "hold", "stop", "face");

    private ToneWords() {
    }

    static Set<String> contribute(QuizAnswers answers, TemplateBook book, Vocabulary words, SplittableRandom random) {
        String tone = answers.find("tone").map(t -> t.toLowerCase(Locale.ROOT).strip()).filter(TONES::contains).orElse("epic");
        String prefix = "tone." + tone + ".";
        String lesson = answers.find("lesson").map(NounPhrase::tidy).orElseGet(() -> {
            List<String> defaults = book.texts(prefix + "lesson", Set.of());
            return defaults.get(random.nextInt(defaults.size()));
        });
        boolean exclaimed = answers.find("lesson").map(l -> l.strip().endsWith("!")).orElse(false);
        words.put("lesson", lesson);
        words.put("lesson_quote", "\"" + Character.toUpperCase(lesson.charAt(0)) + lesson.substring(1) + (exclaimed ? "!\"" : ",\""));
        for (Beat beat : Beat.values()) {
            words.putChoices("flourish_" + beat.id(), book.texts(prefix + beat.id(), Set.of()));
        }
        words.putChoices("flourish_" + RESOLUTION, book.texts(prefix + RESOLUTION, Set.of()));
        words.putChoices("flourish_" + FORESHADOW, book.texts(prefix + FORESHADOW, Set.of()));
        return Set.of("tone:" + tone, isClause(lesson) ? "lesson:clause" : "lesson:saying");
    }

    /**
     * Whether the lesson reads after "because" or "knew that" ("true strength is protecting
     * others"), or only as a saying of its own ("never give up", "be kind").
     */
    static boolean isClause(String lesson) {
        String[] words = lesson.toLowerCase(Locale.ROOT).split("\\s+");
        return words.length >= 4 && !IMPERATIVES.contains(words[0]);
    }

    /** Which pool of asides fits a scene: its beat's, except where the villain arrives and once it is beaten. */
    static String asideKey(int sceneNumber) {
        if (sceneNumber == VILLAIN_APPROACH_SCENE) {
            return FORESHADOW;
        }
        return sceneNumber >= 18 && Beat.ofScene(sceneNumber) == Beat.CHALLENGE ? RESOLUTION : Beat.ofScene(sceneNumber).id();
    }

    /** How often a scene gets an aside: jokes are the point of a funny story, so it gets more. */
    static double flourishChance(Set<String> facts) {
        return facts.contains("tone:funny") ? 0.55 : 0.35;
    }
}
