package fableforge.story.openai;

import java.util.regex.Pattern;

/** Tidies a scene as a model wrote it into the plain text a user edits: no labels, quotes or markdown. */
final class SceneText {

    private static final Pattern LABEL = Pattern.compile("^(?:scene\\s*\\d{1,2}|\\d{1,2})\\s*(?:\\([^)]*\\))?\\s*[:.)\\-–—]\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKDOWN = Pattern.compile("(\\*\\*|__|`|^#+\\s*|^>\\s*)");
    private static final String QUOTES = "\"'“”‘’«»";

    private SceneText() {
    }

    static String clean(String text) {
        String clean = text.replaceAll("\\s+", " ").strip();
        String before;
        do {
            before = clean;
            clean = MARKDOWN.matcher(clean).replaceAll("").strip();
            clean = LABEL.matcher(clean).replaceFirst("").strip();
            clean = unquote(clean);
        } while (!clean.equals(before));
        return clean;
    }

    /** Quotes around the whole scene go; quotes inside it (a character speaking) stay. */
    private static String unquote(String text) {
        if (text.length() >= 2 && QUOTES.indexOf(text.charAt(0)) >= 0 && QUOTES.indexOf(text.charAt(text.length() - 1)) >= 0
                && text.substring(1, text.length() - 1).chars().noneMatch(c -> QUOTES.indexOf(c) >= 0 && c != '\'' && c != '’')) {
            return text.substring(1, text.length() - 1).strip();
        }
        return text;
    }
}
