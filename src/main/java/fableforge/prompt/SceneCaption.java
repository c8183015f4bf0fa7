package fableforge.prompt;

import fableforge.story.Scene;

/** A few words that label a frame: the scene's first sentence, cut at a word boundary. */
public final class SceneCaption {

    static final int MAX_CHARS = 70;

    private SceneCaption() {
    }

    public static String of(Scene scene) {
        String text = scene.text().strip();
        int sentenceEnd = firstSentenceEnd(text);
        String sentence = sentenceEnd > 0 ? text.substring(0, sentenceEnd + 1) : text;
        if (sentence.length() <= MAX_CHARS) {
            return sentence;
        }
        int cut = sentence.lastIndexOf(' ', MAX_CHARS - 1);
        return sentence.substring(0, cut > 20 ? cut : MAX_CHARS - 1).replaceAll("[,;:]$", "") + "…";
    }

    private static int firstSentenceEnd(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }
}
