package fableforge.prompt;

import fableforge.story.AspectRatio;
import fableforge.story.Scene;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline version of the seed's {@code create_prompts} and {@code standardize_prompts}: scene →
 * visual prompt, then every prompt of a story brought around one character bible and one style line.
 * Prompts are newline-separated labelled lines so later steps (standardize, shorten) can work per line.
 */
public final class ScenePrompts {

    public static final String NO_TEXT_LINE = "No text, letters or watermarks in the image.";

    private ScenePrompts() {
    }

    /** A visual prompt for one scene: style, action, setting, mood and lighting, composition. */
    public static String create(Scene scene, PromptContext context) {
        BeatDirection direction = BeatDirection.of(scene.beat());
        return String.join("\n",
                styleLine(context),
                "Scene " + scene.number() + " of 20 (" + scene.beat().description() + "): " + scene.text().strip(),
                "Setting: " + context.setting() + ".",
                "Mood: " + direction.mood() + ". Lighting: " + direction.lighting() + ".",
                "Composition: " + direction.shotFor(scene.number(), scene.beat()) + ".",
                NO_TEXT_LINE);
    }

    /**
     * Puts the character bible word for word into every prompt (exactly once, right after the style
     * line) and gives all prompts the same style line. Idempotent.
     */
    public static List<String> standardize(List<String> prompts, CharacterBible bible, PromptContext context) {
        String bibleLine = bible.asPromptLine();
        List<String> standardized = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            List<String> lines = new ArrayList<>(List.of(prompt.split("\n")));
            lines.removeIf(line -> line.isBlank() || line.equals(bibleLine) || line.startsWith(styleLinePrefix()));
            lines.add(0, styleLine(context));
            lines.add(1, bibleLine);
            standardized.add(String.join("\n", lines));
        }
        return List.copyOf(standardized);
    }

    /** The line every prompt of a story opens with: the visual style and the frame shape. */
    public static String styleLine(PromptContext context) {
        return styleLinePrefix() + VisualStyle.describe(context.visualStyle()) + ", " + frameWords(context.aspectRatio()) + ".";
    }

    private static String styleLinePrefix() {
        return "Style: ";
    }

    private static String frameWords(AspectRatio ratio) {
        return switch (ratio) {
            case PORTRAIT -> "vertical 9:16 frame";
            case LANDSCAPE -> "wide 16:9 frame";
            case SQUARE -> "square 1:1 frame";
        };
    }
}
