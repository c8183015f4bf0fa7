package fableforge.image.offline;

import fableforge.story.Hero;
import java.awt.Color;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/** The hero's colours as the painters need them, plus a marking colour read from the marking's words. */
record HeroPalette(Color primary, Color shade, Color secondary, Color eye, Color dark, Color marking,
                   Color power) {

    private static final Map<String, Integer> MARKING_WORDS = Map.of(
            "white", 0xFAFAF5, "black", 0x1E1E24, "gold", 0xF2C230, "silver", 0xD5DCE4, "red", 0xD8312B,
            "blue", 0x3C7DE0, "green", 0x3FAF4A, "purple", 0x8E4CC9, "pink", 0xF08AB5, "brown", 0x6B4226);

    static HeroPalette of(Hero hero) {
        Color primary = colour(hero.primaryColour(), 0xB0703C);
        Color secondary = colour(hero.secondaryColour(), 0xF2E6D2);
        Color eye = colour(hero.eyeColour(), 0x3A7A3A);
        Color power = colour(hero.powerColour(), 0xFFD24A);
        Color dark = ColourMath.luminance(primary) < 0.18
                ? ColourMath.lighter(primary, 0.25) : ColourMath.darker(primary, 0.7);
        return new HeroPalette(primary, ColourMath.darker(primary, 0.22), secondary, eye, dark,
                markingColour(hero.marking(), secondary), power);
    }

    private static Color colour(Hero.Colour colour, int fallback) {
        return ColourMath.rgb(colour == null ? fallback : colour.rgb());
    }

    private static Color markingColour(String marking, Color fallback) {
        String text = marking == null ? "" : marking.toLowerCase(Locale.ROOT);
        return MARKING_WORDS.entrySet().stream()
                .filter(entry -> text.contains(entry.getKey()))
                .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(entry -> text.indexOf(entry.getKey())))
                .map(entry -> ColourMath.rgb(entry.getValue()))
                .findFirst()
                .orElse(fallback);
    }
}
