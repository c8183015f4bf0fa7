package fableforge.story;

import fableforge.text.Phrasing;
import java.util.ArrayList;
import java.util.List;

/**
 * A scene's narration line: what is read aloud and shown as captions, beside the scene's text that the
 * image is drawn from. A line is sized for the scene's share of the video at an unhurried speaking pace
 * ({@value #WORDS_PER_SECOND} words a second); a line too long for its share is shortened to whole
 * sentences, else whole phrases, else whole words, and always ends as a sentence.
 */
public final class NarrationLine {

    public static final double WORDS_PER_SECOND = 2.5;
    /** Even the shortest scene gets a line that says something. */
    static final int MIN_WORDS = 3;

    private NarrationLine() {
    }

    /** How many words fit in {@code seconds} of a scene at the speaking pace. */
    public static int wordBudget(double seconds) {
        return Math.max(MIN_WORDS, (int) Math.floor(seconds * WORDS_PER_SECOND));
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
            return String.join(" ", kept);
        }
        List<String> phrases = takeWhileFits(Phrasing.phrases(sentences.getFirst()), maxWords);
        String opening = phrases.isEmpty()
                ? String.join(" ", Phrasing.words(sentences.getFirst()).subList(0, maxWords))
                : String.join(" ", phrases);
        return asSentence(opening);
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
