package fableforge.store;

/**
 * One stored scene: its number (1..20), beat id (e.g. {@code underdog}), text (what the image is drawn
 * from), visual prompt, whether the user changed it, and its narration line (read aloud and captioned;
 * null on a story written before narration lines, derived from the text when read).
 */
public record SceneRow(int number, String beat, String text, String prompt, boolean edited, String narration) {

    public SceneRow(int number, String beat, String text, String prompt, boolean edited) {
        this(number, beat, text, prompt, edited, null);
    }

    public SceneRow {
        if (number < 1) {
            throw new IllegalArgumentException("scene number must be 1 or more, was " + number);
        }
        requireText(beat, "beat", number);
        requireText(text, "text", number);
        requireText(prompt, "prompt", number);
    }

    private static void requireText(String value, String what, int number) {
        if (value == null) {
            throw new IllegalArgumentException("scene " + number + " has no " + what);
        }
    }
}
