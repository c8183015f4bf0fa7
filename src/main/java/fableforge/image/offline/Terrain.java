package fableforge.image.offline;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of world the illustrator can paint, chosen from the user's free-text setting by keyword.
 * Order matters: "rainforest" must be jungle before "forest" is tried, and "snowy forest" reads as snow.
 */
enum Terrain {
    JUNGLE(0x2f7a2c, 0x4f9a48, 0x1d5a22, 0x3e8a3a, "jungle", "rainforest", "tropical"),
    SNOW(0xe9f0f7, 0x9fb3cc, 0x6d86a6, 0x2f5a46, "snow", "mountain", "arctic", "tundra", "ice", "icy", "glacier",
            "frozen", "alpine", "winter", "polar"),
    DESERT(0xe2b878, 0xd79a5e, 0xb8683f, 0x5f8a3c, "desert", "canyon", "dune", "sahara", "mesa", "sand"),
    SWAMP(0x4d5a36, 0x5f6e45, 0x3a4a30, 0x2e3f26, "swamp", "marsh", "bayou", "bog", "wetland", "fen"),
    OCEAN(0xecd9a8, 0x3d8fc4, 0x2a6f9e, 0x3f8a3a, "ocean", "reef", "coast", "sea", "beach", "island", "shore",
            "lagoon", "harbo", "bay"),
    SAVANNA(0xcdb35a, 0xb89a4a, 0x8f7a3a, 0x6d7a2e, "savanna", "plain", "grassland", "prairie", "steppe",
            "safari"),
    CITY(0x8a8d94, 0x9aa3b5, 0x6b7385, 0x4a5060, "city", "town", "street", "urban", "downtown", "metropol",
            "rooftop", "alley"),
    FARM(0x7fae4c, 0x9cc46a, 0x5f8f3a, 0xb8452f, "farm", "countryside", "village", "barn", "ranch", "orchard",
            "field"),
    FOREST(0x4f7d36, 0x6f9a7c, 0x2f5e34, 0x244a2a, "forest", "wood", "grove", "taiga", "pine"),
    MEADOW(0x79b552, 0x8fc0a0, 0x5a9a48, 0x3f7a34);

    /** Ground the hero stands on. */
    final Color ground;
    /** The far layer (ridges, sea, skyline). */
    final Color far;
    /** The middle layer (hills, dunes, near buildings). */
    final Color middle;
    /** Props: trees, cacti, reeds, barns. */
    final Color prop;
    private final List<String> keywords;

    Terrain(int ground, int far, int middle, int prop, String... keywords) {
        this.ground = ColourMath.rgb(ground);
        this.far = ColourMath.rgb(far);
        this.middle = ColourMath.rgb(middle);
        this.prop = ColourMath.rgb(prop);
        this.keywords = List.of(keywords);
    }

    static Terrain of(String setting) {
        String text = " " + (setting == null ? "" : setting.toLowerCase(Locale.ROOT)) + " ";
        return Arrays.stream(values())
                .filter(terrain -> terrain.keywords.stream().anyMatch(word -> startsAWord(text, word)))
                .findFirst()
                .orElse(MEADOW);
    }

    /** Keywords match at the start of a word: "sea" finds "seaside" but not "overseas". */
    private static boolean startsAWord(String text, String word) {
        int at = text.indexOf(word);
        while (at >= 0) {
            if (!Character.isLetter(text.charAt(at - 1))) {
                return true;
            }
            at = text.indexOf(word, at + 1);
        }
        return false;
    }
}
