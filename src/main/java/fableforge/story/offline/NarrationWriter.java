package fableforge.story.offline;

import fableforge.story.NarrationLine;
import fableforge.text.Phrasing;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes each scene's narration line from its own wordings ({@code narration.txt}), not from the scene's
 * text: a line made to be heard, whole sentences sized for the scene's share of the video. The hero is named
 * or called she or he as a narrator would ({@link HeroMentions}), and no line opens with the word the line
 * before opened with. Each wording opens with a short sentence and adds one a longer video has time for, so a
 * line is fitted to its budget by dropping whole sentences from its end, never by cutting one.
 */
final class NarrationWriter {

    private final TemplateBook book;

    NarrationWriter(TemplateBook book) {
        this.book = book;
    }

    /**
     * The line of scene {@code number} in at most {@code maxWords} words, after the story's {@code earlier} lines:
     * of the wordings in a seeded order, as many opening sentences as fit, the first that best (in this order)
     * keeps its first sentence in the shortest video, opens with another word than the line before, and names
     * the hero where {@link HeroMentions#mustName} says so. Should no wording's first sentence fit (a very long
     * name), the first wording fitted by {@link NarrationLine#fit}, which keeps a whole sentence a little over
     * its budget rather than cut it.
     */
    String write(int number, int maxWords, List<String> earlier, Set<String> facts, Narrating narrating) {
        List<String> options = book.shuffledTexts("narration." + number, facts, narrating.random());
        if (options.isEmpty()) {
            throw new IllegalStateException("no narration fits scene " + number + " for facts " + facts);
        }
        String previous = earlier.isEmpty() ? "" : earlier.getLast();
        narrating.hero().prepare(number, previous);
        boolean mustName = narrating.hero().mustName(number, earlier);
        List<String> lines = options.stream().map(narrating.renderer()::render).toList();
        String best = null;
        int bestScore = -1;
        for (String line : lines) {
            String fitted = leadingSentences(line, maxWords);
            if (fitted.isEmpty()) {
                continue;
            }
            int score = (keepsFirstSentenceWhenShortened(fitted) ? 4 : 0) + (opening(fitted).equals(opening(previous)) ? 0 : 2)
                    + (!mustName || narrating.hero().namesHero(fitted) ? 1 : 0);
            if (score > bestScore) {
                best = fitted;
                bestScore = score;
            }
        }
        return best != null ? best : NarrationLine.fit(lines.getFirst(), maxWords);
    }

    /** What a story's lines are written with beside the wordings: its words, its hero's mentions, its seed. */
    record Narrating(TemplateRenderer renderer, HeroMentions hero, SplittableRandom random) {
    }

    /**
     * Whether {@link NarrationLine#fit} keeps this line's first sentence, whole, in the shortest video: it keeps a
     * sentence of at most twice the smallest budget, the shortest one when none fits, so the first sentence must
     * be that short and no later one shorter. The first sentence is the one that names the hero or sets up a
     * pronoun for the next line, and opens the line.
     */
    static boolean keepsFirstSentenceWhenShortened(String line) {
        int shortestKept = NarrationLine.wordBudget(0) * NarrationLine.OVERRUN_FOR_A_WHOLE_SENTENCE;
        List<Integer> words = Sentences.split(line).stream().map(Phrasing::wordCount).toList();
        return words.getFirst() <= shortestKept && words.stream().allMatch(count -> count >= words.getFirst());
    }

    private static String opening(String line) {
        List<String> words = Phrasing.words(line);
        return words.isEmpty() ? "" : words.getFirst().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
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
