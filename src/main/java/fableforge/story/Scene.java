package fableforge.story;

/**
 * One scene of a story: its number (1..20), its beat, its text (what the image is drawn from) and its
 * narration line (what is read aloud and shown as captions).
 */
public record Scene(int number, Beat beat, String text, String narration) {
    public Scene {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("scene " + number + " has no text");
        }
        if (beat != Beat.ofScene(number)) {
            throw new IllegalArgumentException("scene " + number + " belongs to beat " + Beat.ofScene(number) + ", not " + beat);
        }
        if (narration == null || narration.isBlank()) {
            narration = NarrationLine.derive(number, text, AspectRatio.DEFAULT);
        }
    }

    /** A scene whose narration line is derived from its text (a story written before narration lines). */
    public Scene(int number, Beat beat, String text) {
        this(number, beat, text, null);
    }

    public static Scene of(int number, String text) {
        return new Scene(number, Beat.ofScene(number), text, null);
    }

    /** {@code narration} null or blank: derived from the text. */
    public static Scene of(int number, String text, String narration) {
        return new Scene(number, Beat.ofScene(number), text, narration);
    }

    public Scene withNarration(String line) {
        return new Scene(number, beat, text, line);
    }
}
