package fableforge.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where spoken text may be broken: into sentences, and sentences into phrases (after a comma, colon,
 * semicolon or dash, or before a joining word such as "and" or "when" once the phrase has a few words).
 * Both the narration writer (shortening a line) and the captions (cutting cues) break only here, so a
 * cue never runs across a sentence end and a shortened line never stops mid-word.
 */
public final class Phrasing {

    /** A sentence ends at . ! ? or … (maybe followed by a closing quote or bracket) before a capital or an opening quote. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…]|[.!?…][\"”’)])\\s+(?=[\"“‘(]?[A-Z0-9])");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Set<String> JOINING_WORDS = Set.of("and", "but", "or", "so", "yet", "while", "when", "until",
            "because", "as", "then", "before", "after", "where", "who", "which", "though", "although", "if", "till");
    /** A joining word starts a new phrase only when the phrase so far has this many words. */
    private static final int MIN_WORDS_BEFORE_JOIN = 3;

    private Phrasing() {
    }

    /** The text with runs of white space made single spaces, ends stripped. */
    public static String tidy(String text) {
        return WHITESPACE.matcher(text == null ? "" : text).replaceAll(" ").strip();
    }

    public static List<String> words(String text) {
        String tidy = tidy(text);
        return tidy.isEmpty() ? List.of() : List.of(tidy.split(" "));
    }

    public static int wordCount(String text) {
        return words(text).size();
    }

    public static List<String> sentences(String text) {
        String tidy = tidy(text);
        if (tidy.isEmpty()) {
            return List.of();
        }
        return List.of(SENTENCE_END.split(tidy));
    }

    /** The sentence cut into phrases, in order; joined with spaces they give the sentence back. */
    public static List<String> phrases(String sentence) {
        List<String> phrases = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String word : words(sentence)) {
            String bare = word.replaceAll("^[\"“‘(]+", "").toLowerCase(java.util.Locale.ROOT);
            if (current.size() >= MIN_WORDS_BEFORE_JOIN && JOINING_WORDS.contains(bare)) {
                phrases.add(String.join(" ", current));
                current.clear();
            }
            current.add(word);
            if (endsPhrase(word)) {
                phrases.add(String.join(" ", current));
                current.clear();
            }
        }
        if (!current.isEmpty()) {
            phrases.add(String.join(" ", current));
        }
        return phrases;
    }

    private static boolean endsPhrase(String word) {
        String trimmed = word.replaceAll("[\"”’)]+$", "");
        return trimmed.endsWith(",") || trimmed.endsWith(";") || trimmed.endsWith(":") || trimmed.endsWith("—")
                || trimmed.endsWith("–") || word.equals("-");
    }
}
