package fableforge.story;

import fableforge.text.Phrasing;
import java.util.ArrayList;
import java.util.List;

/**
 * A scene's narration line: what is read aloud and shown as captions, beside the scene's text that the
 * image is drawn from. A line is sized for the scene's share of the video at an unhurried speaking pace
 * ({@value #WORDS_PER_SECOND} words a second); a line too long for its share is shortened to whole
 * sentences (the shortest one even when it runs up to twice the budget), else whole phrases, else whole
 * words, and always ends as a sentence.
 */
public final class NarrationLine {

    public static final double WORDS_PER_SECOND = 2.5;
    /** Even the shortest scene gets a line that says something. */
    static final int MIN_WORDS = 3;
    /** How far over its budget a whole sentence may run before it is cut instead. */
    public static final int OVERRUN_FOR_A_WHOLE_SENTENCE = 2;
    private static final java.util.Set<String> DANGLING = java.util.Set.of("a", "an", "the", "of", "in", "on", "at", "to", "from",
            "by", "with", "for", "under", "into", "over", "and", "or", "but", "his", "her", "their", "its", "as", "that", "than",
            "so", "very", "was", "were", "is", "are", "had", "has", "could", "would", "when", "while", "where", "who", "be", "beside",
            "about", "toward", "towards", "through", "around", "behind", "across", "between", "against", "among", "like", "just",
            "every", "some", "all", "no", "not", "one", "more", "most", "still", "show", "tell", "began", "begun", "started", "reached");

    private NarrationLine() {
    }

    /** How many words fit in {@code seconds} of a scene at the speaking pace. */
    public static int wordBudget(double seconds) {
        return Math.max(MIN_WORDS, (int) Math.round(seconds * WORDS_PER_SECOND));
    }

    /** The budget of scene {@code number} in a video of {@code lengthSeconds}. */
    public static int wordBudget(int number, double lengthSeconds) {
        return wordBudget(SceneShares.seconds(lengthSeconds)[number - 1]);
    }

    /** A line for scene {@code number} written from its text, sized for the aspect's default video length. */
    public static String derive(int number, String sceneText, AspectRatio aspect) {
        return fit(sceneText, wordBudget(number, VideoLength.defaultSeconds(aspect)));
    }

    /** {@code text} if it has at most {@code maxWords} words, else its opening shortened at a sentence, phrase or word boundary. */
    public static String fit(String text, int maxWords) {
        String tidy = Phrasing.tidy(text);
        if (Phrasing.wordCount(tidy) <= maxWords) {
            return tidy;
        }
        List<String> sentences = Phrasing.sentences(tidy);
        List<String> kept = takeWhileFits(sentences, maxWords);
        if (!kept.isEmpty()) {
            return asSentence(String.join(" ", kept));
        }
        // Some later sentence may fit whole; a whole sentence reads better than part of the first.
        for (String sentence : sentences) {
            if (Phrasing.wordCount(sentence) <= maxWords) {
                return asSentence(sentence);
            }
        }
        // A whole sentence a little over the budget, read a little faster, beats a cut one: a line cut
        // between phrases or words often stops before its noun or its verb ("stumbled into a fern-choked.").
        String shortest = sentences.stream().min(java.util.Comparator.comparingInt(Phrasing::wordCount)).orElseThrow();
        if (Phrasing.wordCount(shortest) <= maxWords * OVERRUN_FOR_A_WHOLE_SENTENCE) {
            return asSentence(shortest);
        }
        List<String> phrases = Phrasing.phrases(sentences.getFirst());
        List<String> run = longestRun(phrases, maxWords);
        List<String> sentenceWords = Phrasing.words(sentences.getFirst());
        List<String> cut = withoutDanglingEnd(sentenceWords.subList(0, maxWords), sentenceWords);
        // The sentence's own opening cut between words beats a fragment from its middle ("listening to the rain").
        boolean runReads = !run.isEmpty() && score(run) >= cut.size() - 1;
        return asSentence(capitalised(runReads ? String.join(" ", run) : String.join(" ", cut)));
    }

    /** A run's words, less when it starts mid-thought: with a joining word or an -ing word after the sentence's start. */
    private static int score(List<String> run) {
        int words = run.stream().mapToInt(Phrasing::wordCount).sum();
        String first = Phrasing.words(run.getFirst()).getFirst().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
        return words - (DANGLING.contains(first) || first.endsWith("ing") ? 3 : 0);
    }

    /** The run of consecutive phrases with the most words that fits, the earliest of equals; empty if no phrase fits alone. */
    private static List<String> longestRun(List<String> phrases, int maxWords) {
        List<String> best = List.of();
        int bestWords = 0;
        for (int start = 0; start < phrases.size(); start++) {
            List<String> run = takeWhileFits(phrases.subList(start, phrases.size()), maxWords);
            int words = run.isEmpty() ? 0 : score(run) + (start == 0 ? 1 : 0);
            if (words > bestWords) {
                best = run;
                bestWords = words;
            }
        }
        return best;
    }

    /** A line cut between words does not stop on "the", "of", "and" or the like: it would sound cut off. */
    private static List<String> withoutDanglingEnd(List<String> words, List<String> sentence) {
        int end = words.size();
        // Never half a name ("Mossy" of "Mossy Hollow"): back off to before it.
        while (end > 2 && end < sentence.size() && isCapitalised(sentence.get(end)) && isCapitalised(words.get(end - 1))) {
            end--;
        }
        while (end > 2 && DANGLING.contains(words.get(end - 1).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", ""))) {
            end--;
        }
        return words.subList(0, end);
    }

    private static boolean isCapitalised(String word) {
        String letters = word.replaceAll("^[^\\p{L}]+", "");
        return !letters.isEmpty() && Character.isUpperCase(letters.charAt(0));
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static List<String> takeWhileFits(List<String> parts, int maxWords) {
        List<String> kept = new ArrayList<>();
        int words = 0;
        for (String part : parts) {
            int count = Phrasing.wordCount(part);
            if (words + count > maxWords) {
                break;
            }
            kept.add(part);
            words += count;
        }
        return kept;
    }

    /** The opening of a sentence closed as one: no dangling comma, dash or open quote, a full stop at the end. */
    static String asSentence(String opening) {
        String line = opening.strip().replaceAll("[\\s,;:—–-]+$", "");
        long quotes = line.chars().filter(c -> c == '"').count();
        if (quotes % 2 == 1) {
            line = line.replaceFirst("\"(?=[^\"]*$)", "");
        }
        line = line.strip();
        return line.matches(".*[.!?…][\"”’)]?$") ? line : line + ".";
    }
}
