package fableforge.prompt.openai;

import fableforge.prompt.CharacterBible;
import fableforge.prompt.PromptContext;
import fableforge.prompt.ScenePrompts;
import fableforge.story.Scene;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Holds a model's prompts to the contract every prompt writer keeps: one prompt per scene, each with
 * the story's style line and the character bible word for word exactly once. Copies of the bible the
 * model wrote anyway, exact or rephrased, are taken out of its text first, so the hero is described
 * one way only.
 */
final class PromptContract {

    /** Longer bodies are cut at a sentence: image models weigh the start of a prompt most. */
    static final int MAX_BODY_CHARS = 1_200;
    /** A sentence holding this share of the words that describe the hero's look is a rephrased bible. */
    static final double PARAPHRASE_SHARE = 0.45;
    static final int PARAPHRASE_MIN_WORDS = 5;

    private static final Pattern LABEL = Pattern.compile("^(?:prompt|scene|image)\\s*\\d{1,2}\\s*(?:\\([^)]*\\))?\\s*[:.)\\-–—]\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+");
    private static final Set<String> COMMON = Set.of("the", "and", "with", "from", "that", "gives", "scene", "carries", "its",
            "for", "has", "her", "his", "she", "him", "they", "this", "into", "every", "image", "main", "character", "identical");

    private PromptContract() {
    }

    /** The finished prompts, or the reason the model's answer cannot be made into them. */
    static List<String> enforce(List<String> bodies, List<Scene> scenes, CharacterBible bible, PromptContext context) throws Invalid {
        if (bodies.size() != scenes.size()) {
            throw new Invalid("it returned " + bodies.size() + " prompts for " + scenes.size() + " scenes");
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            Scene scene = scenes.get(i);
            String body = body(bodies.get(i), bible);
            if (body.isEmpty()) {
                throw new Invalid("its prompt for scene " + scene.number() + " is empty once the character description is taken out");
            }
            lines.add("Scene " + scene.number() + " of " + scenes.size() + " (" + scene.beat().description() + "): " + body
                    + "\n" + ScenePrompts.NO_TEXT_LINE);
        }
        List<String> prompts = ScenePrompts.standardize(lines, bible, context);
        for (int i = 0; i < prompts.size(); i++) {
            if (occurrences(prompts.get(i), bible.text()) != 1 || !prompts.get(i).contains(ScenePrompts.styleLine(context))) {
                throw new Invalid("prompt " + (i + 1) + " does not hold the character description exactly once");
            }
        }
        return prompts;
    }

    /** The model's text for one scene on one line, without labels or any copy of the bible. */
    static String body(String written, CharacterBible bible) {
        String name = bible.heroName();
        String text = written.replaceAll("\\s+", " ").strip();
        text = LABEL.matcher(text).replaceFirst("");
        text = text.replace(bible.asPromptLine(), " ").replace("Main character (identical in every image):", "");
        // An exact copy stands where the hero is named, so the name takes its place.
        text = Pattern.compile(Pattern.quote(bible.text()), Pattern.CASE_INSENSITIVE).matcher(text).replaceAll(name);
        text = text.replaceAll("\\b(" + Pattern.quote(name) + ")(?:[,\\s]+\\1\\b)+", "$1");
        Set<String> describing = describingWords(bible);
        String kept = Arrays.stream(SENTENCE_END.split(text))
                .filter(sentence -> !rephrases(sentence, describing) && !sentence.replaceAll("[.!?;,\\s]", "").equals(name.replace(" ", "")))
                .collect(Collectors.joining(" "))
                .replaceAll("\\s+([,.;])", "$1")
                .replaceAll("^[,.;\\s]+", "")
                .strip();
        return cut(kept);
    }

    private static boolean rephrases(String sentence, Set<String> describing) {
        long shared = words(sentence).stream().filter(describing::contains).distinct().count();
        return shared >= PARAPHRASE_MIN_WORDS && shared >= Math.ceil(describing.size() * PARAPHRASE_SHARE);
    }

    /**
     * The words of the bible's look (before "; from scene 5 on it carries …"), without the name: a
     * scene may well name the hero, its artifact and its power, but only a rephrased bible lists its looks.
     */
    private static Set<String> describingWords(CharacterBible bible) {
        int end = bible.text().indexOf(';');
        String looks = end > 0 ? bible.text().substring(0, end) : bible.text();
        Set<String> name = Set.copyOf(words(bible.heroName()));
        return words(looks).stream().filter(word -> word.length() >= 3 && !COMMON.contains(word) && !name.contains(word))
                .collect(Collectors.toSet());
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(word -> !word.isEmpty()).toList();
    }

    private static String cut(String body) {
        if (body.length() <= MAX_BODY_CHARS) {
            return body;
        }
        String head = body.substring(0, MAX_BODY_CHARS);
        int end = Math.max(head.lastIndexOf(". "), head.lastIndexOf("! "));
        return end > MAX_BODY_CHARS / 2 ? head.substring(0, end + 1) : head.substring(0, head.lastIndexOf(' ')).strip() + ".";
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** The answer cannot be made into valid prompts; the message says why. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }
}
