package fableforge.video;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * About how long a word takes to say, in syllables: its vowel groups (a silent final "e" not counted), at
 * least one, plus the pause a reader leaves after a comma or a sentence's end. Cheap and rough, but a
 * voice's time follows syllables and pauses far better than letters: "through" is one beat, "idea" three.
 */
final class SpokenWeight {

    /** A pause after a comma, colon, semicolon or dash, in syllables. */
    static final double PHRASE_PAUSE = 0.75;
    /** A pause after a sentence's end. */
    static final double SENTENCE_PAUSE = 1.25;

    private SpokenWeight() {
    }

    static double of(String word) {
        String letters = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        int groups = 0;
        boolean inVowels = false;
        for (int i = 0; i < letters.length(); i++) {
            boolean vowel = "aeiouy".indexOf(letters.charAt(i)) >= 0;
            if (vowel && !inVowels) {
                groups++;
            }
            inVowels = vowel;
        }
        if (letters.length() > 2 && letters.endsWith("e") && !letters.endsWith("le") && groups > 1) {
            groups--;
        }
        double syllables = Math.max(1, groups);
        String end = word.replaceAll("[\"”’)]+$", "");
        if (end.endsWith(".") || end.endsWith("!") || end.endsWith("?") || end.endsWith("…")) {
            return syllables + SENTENCE_PAUSE;
        }
        if (end.endsWith(",") || end.endsWith(";") || end.endsWith(":") || end.endsWith("—") || end.endsWith("–")) {
            return syllables + PHRASE_PAUSE;
        }
        return syllables;
    }

    static List<String> words(List<String> lines) {
        return lines.stream().flatMap(line -> Arrays.stream(line.strip().split("\\s+"))).filter(w -> !w.isEmpty()).toList();
    }

    /** A page's weight: its words' together. */
    static double of(List<String> lines) {
        return Math.max(1, words(lines).stream().mapToDouble(SpokenWeight::of).sum());
    }
}
