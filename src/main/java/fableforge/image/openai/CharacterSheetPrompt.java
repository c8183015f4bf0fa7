package fableforge.image.openai;

import fableforge.image.ImageBrief;
import fableforge.prompt.CharacterBible;

/**
 * The prompt of a story's character sheet: the hero alone, described by the same character bible
 * every scene prompt carries, shown from three sides on a plain background so a later edit can copy
 * its look without copying a scene. Shared by every generator that paints one (OpenAI, Gemini).
 */
public final class CharacterSheetPrompt {

    private CharacterSheetPrompt() {
    }

    public static String of(ImageBrief brief) {
        return String.join("\n",
                "Style: character reference sheet for a children's picture book, " + brief.visualStyle().strip() + " style.",
                CharacterBible.of(brief.hero()).asPromptLine(),
                "Show the main character three times side by side, full body and the same size: from the front, from the side and from behind, standing calmly.",
                "Plain light background, even soft lighting, no scenery and no other characters.",
                "No text, letters or watermarks in the image.");
    }
}
