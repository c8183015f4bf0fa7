package fableforge.story.offline;

import fableforge.story.NarrationLine;
import fableforge.text.Phrasing;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes each scene's narration line from its own wordings ({@code narration.txt}), not from the scene's
 * text: a line made to be heard, whole sentences that name the hero, sized for the scene's share of the
 * video. Each wording opens with a short sentence and adds one a longer video has time for, so a line is
 * fitted to its budget by dropping whole sentences from its end, never by cutting one.
 */
final class NarrationWriter {

    private final TemplateBook book;

    NarrationWriter(TemplateBook book) {
        this.book = book;
    }

    /**
     * The line of scene {@code number} in at most {@code maxWords} words: the first wording, in a seeded order,
     * whose opening sentences fit, as many as fit, and which does not open like the line before
     * ({@code previous}: a narrator starting every line with the hero's name sounds like a list) if any. Only
     * wordings that keep a whole sentence even in the shortest video are taken while any fits. Should none
     * fit (a very long name), the first wording fitted by {@link NarrationLine#fit}, which keeps a whole
     * sentence a little over its budget rather than cut it.
     */
    String write(int number, int maxWords, String previous, Set<String> facts, TemplateRenderer renderer, SplittableRandom random) {
        List<String> options = book.shuffledTexts("narration." + number, facts, random);
        if (options.isEmpty()) {
            throw new IllegalStateException("no narration fits scene " + number + " for facts " + facts);
        }
        List<String> lines = options.stream().map(renderer::render).toList();
        // NarrationLine.fit keeps a sentence of at most twice the smallest budget whole in the shortest video, and cuts a longer one.
        int shortestKept = NarrationLine.wordBudget(0) * NarrationLine.OVERRUN_FOR_A_WHOLE_SENTENCE;
        for (boolean strict : new boolean[] {true, false}) {
            String repeating = null;
            for (String line : lines) {
                String fitted = leadingSentences(line, maxWords);
                if (fitted.isEmpty() || strict && shortestSentence(fitted) > shortestKept) {
                    continue;
                }
                if (!opening(fitted).equals(opening(previous))) {
                    return fitted;
                }
                repeating = repeating == null ? fitted : repeating;
            }
            if (repeating != null) {
                return repeating;
            }
        }
        return NarrationLine.fit(lines.getFirst(), maxWords);
    }

    private static String opening(String line) {
        List<String> words = Phrasing.words(line);
        return words.isEmpty() ? "" : words.getFirst().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private static int shortestSentence(String line) {
        return Sentences.split(line).stream().mapToInt(Phrasing::wordCount).min().orElse(0);
    }

    /** As many of {@code line}'s sentences, from its start, as fit in {@code maxWords}; empty if the first does not. */
    static String leadingSentences(String line, int maxWords) {
        List<String> kept = new ArrayList<>();
        int words = 0;
        for (String sentence : Sentences.split(line)) {
            words += Phrasing.wordCount(sentence);
            if (words > maxWords) {
                break;
            }
            kept.add(sentence);
        }
        return String.join(" ", kept);
    }

}
