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
     * The line of scene {@code number} in at most {@code maxWords} words: the first wording, in a seeded
     * order, whose opening sentences fit, as many of them as fit. Should none fit (a very long name, a
     * tiny budget), the first wording fitted by {@link NarrationLine#fit}, which keeps a whole sentence
     * a little over its budget rather than cut it.
     */
    String write(int number, int maxWords, Set<String> facts, TemplateRenderer renderer, SplittableRandom random) {
        List<String> options = shuffled(book.texts("narration." + number, facts), random);
        if (options.isEmpty()) {
            throw new IllegalStateException("no narration fits scene " + number + " for facts " + facts);
        }
        List<String> lines = options.stream().map(renderer::render).toList();
        // Preferred: a line that keeps a whole sentence even in the shortest video, where NarrationLine.fit keeps
        // one of at most twice the smallest budget whole and cuts anything longer.
        int shortestKept = NarrationLine.wordBudget(0) * NarrationLine.OVERRUN_FOR_A_WHOLE_SENTENCE;
        for (boolean strict : new boolean[] {true, false}) {
            for (String line : lines) {
                String fitted = leadingSentences(line, maxWords);
                if (!fitted.isEmpty() && (!strict || shortestSentence(fitted) <= shortestKept)) {
                    return fitted;
                }
            }
        }
        return NarrationLine.fit(lines.getFirst(), maxWords);
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

    private static List<String> shuffled(List<String> options, SplittableRandom random) {
        List<String> copy = new ArrayList<>(options);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return copy;
    }
}
