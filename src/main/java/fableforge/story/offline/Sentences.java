package fableforge.story.offline;

import java.util.ArrayList;
import java.util.List;

/** Sentence-level tidying and counting for narration text. */
final class Sentences {

    private Sentences() {
    }

    /**
     * Splits narration into sentences. Speech counts as part of the sentence that quotes it, so
     * '"You? A hero?" Sable sneered.' is one sentence; a sentence ends at . ! or ? outside quotes
     * (or at a full stop just inside a closing quote) followed by a space and a capital or an
     * opening quote.
     */
    static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        String tidy = text.strip();
        boolean inQuote = false;
        int start = 0;
        for (int i = 0; i < tidy.length(); i++) {
            char c = tidy.charAt(i);
            if (c == '"') {
                inQuote = !inQuote;
            }
            // Speech ending in "!" or "?" is usually followed by its tag ('"Run!" Ember cried'), so
            // only a full stop inside closing quotes ends the sentence there.
            boolean endsHere = !inQuote && (c == '.' || c == '!' || c == '?' || c == '"' && i > 0 && tidy.charAt(i - 1) == '.');
            if (endsHere && startsSentence(tidy, i + 1)) {
                sentences.add(tidy.substring(start, i + 1).strip());
                start = i + 1;
            }
        }
        if (start < tidy.length() && !tidy.substring(start).isBlank()) {
            sentences.add(tidy.substring(start).strip());
        }
        return sentences;
    }

    private static boolean startsSentence(String text, int from) {
        if (from >= text.length() || text.charAt(from) != ' ') {
            return false;
        }
        int next = from + 1;
        if (next < text.length() && text.charAt(next) == '"') {
            next++;
        }
        return next < text.length() && Character.isUpperCase(text.charAt(next));
    }

    static int count(String text) {
        return split(text).size();
    }

    static int words(String text) {
        return text.strip().split("\\s+").length;
    }

    /**
     * Capitalises the first letter of the text and of every word after a full stop, "!" or "?",
     * including just inside an opening quote; placeholders often land at a sentence start.
     */
    static String capitalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean startOfSentence = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (startOfSentence && Character.isLetter(c)) {
                out.append(Character.toUpperCase(c));
                startOfSentence = false;
                continue;
            }
            out.append(c);
            if (c == '.' || c == '!' || c == '?') {
                startOfSentence = nextIsNewSentence(text, i + 1);
            } else if (startOfSentence && !(Character.isWhitespace(c) || c == '"' || c == '“')) {
                startOfSentence = false;
            }
        }
        return out.toString();
    }

    /** After ". " a new sentence starts, but not after '!" they' (speech followed by its tag). */
    private static boolean nextIsNewSentence(String text, int from) {
        if (from >= text.length()) {
            return false;
        }
        char next = text.charAt(from);
        return Character.isWhitespace(next);
    }

    /** Squeezes doubled spaces and stray spaces before punctuation left by empty placeholders. */
    static String tidy(String text) {
        return text.replaceAll("\\s+", " ").replaceAll(" ([,.;:!?])", "$1").replaceAll("([.!?])\\1+", "$1").strip();
    }
}
