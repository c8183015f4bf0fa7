package fableforge.story.offline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {placeholder}} slots from a {@link Vocabulary}. A placeholder written with a capital
 * ({@code {Name}}, {@code {Villain}}) gets its value capitalised, for words that start a sentence.
 * Values may themselves contain placeholders, so lexicon entries can refer to the hero or the
 * setting; nesting stops at a fixed depth to catch a value that refers to itself.
 */
final class TemplateRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");
    private static final int MAX_DEPTH = 6;

    private final Vocabulary vocabulary;

    TemplateRenderer(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    String render(String template) {
        return Sentences.capitalise(Sentences.tidy(expand(template, 0)));
    }

    private String expand(String text, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("placeholders nest too deep in: " + text);
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String key = matcher.group(1);
            boolean capital = Character.isUpperCase(key.charAt(0));
            String value = expand(vocabulary.lookup(key.toLowerCase()), depth + 1);
            if (capital && !value.isEmpty()) {
                value = Character.toUpperCase(value.charAt(0)) + value.substring(1);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
