package fableforge.story;

/** One scene of a story: its number (1..20), its beat, and its narration text. */
public record Scene(int number, Beat beat, String text) {
    public Scene {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("scene " + number + " has no text");
        }
        if (beat != Beat.ofScene(number)) {
            throw new IllegalArgumentException("scene " + number + " belongs to beat " + Beat.ofScene(number) + ", not " + beat);
        }
    }

    public static Scene of(int number, String text) {
        return new Scene(number, Beat.ofScene(number), text);
    }
}
