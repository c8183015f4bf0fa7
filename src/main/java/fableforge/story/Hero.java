package fableforge.story;

/**
 * The story's main character, fixed once per story so every scene and every image shows the same
 * animal. Colours are plain words (for prompts) paired with RGB values (for the offline illustrator).
 */
public record Hero(
        String name,
        String species,
        Colour primaryColour,
        Colour secondaryColour,
        Colour eyeColour,
        String marking,
        String artifact,
        String power,
        Colour powerColour) {

    /** A named colour: the word goes into prompts, the RGB value into drawings. */
    public record Colour(String name, int rgb) {
        public String hex() {
            return String.format("#%06x", rgb & 0xffffff);
        }
    }
}
