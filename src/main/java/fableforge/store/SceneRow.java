package fableforge.store;

/**
 * One stored scene: its number (1..20), beat id (e.g. {@code underdog}), narration text, visual prompt,
 * and whether the user changed it.
 */
public record SceneRow(int number, String beat, String text, String prompt, boolean edited) {

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
