package fableforge.prompt;

import java.util.Locale;
import java.util.Set;

/** Small English helpers for assembling prompts from free-text answers. */
final class Phrases {

    private static final Set<String> DETERMINERS = Set.of("a", "an", "the", "its", "his", "her", "their", "one", "two");

    private Phrases() {
    }

    /** "white star" → "a white star", "old amulet" → "an old amulet", "the moon" stays. */
    static String withArticle(String phrase) {
        String trimmed = phrase.strip();
        String firstWord = trimmed.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (DETERMINERS.contains(firstWord)) {
            return trimmed;
        }
        return (startsWithVowelSound(firstWord) ? "an " : "a ") + trimmed;
    }

    private static boolean startsWithVowelSound(String word) {
        return !word.isEmpty() && "aeiou".indexOf(word.charAt(0)) >= 0 && !word.startsWith("uni") && !word.startsWith("eu");
    }
}
