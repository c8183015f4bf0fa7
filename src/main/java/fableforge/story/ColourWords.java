package fableforge.story;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Turns the colour words a user types ("midnight blue", "jet black and white", "golden") into
 * RGB values. The user's own words stay the colour's name, because the name goes into prompts and
 * narration; the RGB only feeds the offline illustrator, so a plausible guess is good enough.
 */
final class ColourWords {

    private static final Map<String, Integer> PHRASES = Map.ofEntries(
            Map.entry("midnight blue", 0x1b2a4a), Map.entry("sky blue", 0x87c1e8), Map.entry("ice blue", 0xbfe6f5),
            Map.entry("snow white", 0xf8f8f6), Map.entry("jet black", 0x0e0e10), Map.entry("russet orange", 0xb5532a),
            Map.entry("slate grey", 0x5f6b78), Map.entry("slate gray", 0x5f6b78), Map.entry("forest green", 0x2c5e34),
            Map.entry("blood red", 0x9e1b1b), Map.entry("rose gold", 0xd9a09a), Map.entry("sea green", 0x2e9d84));

    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("red", 0xc0392b), Map.entry("crimson", 0xa3192e), Map.entry("scarlet", 0xd62a1e), Map.entry("ruby", 0x9b111e),
            Map.entry("orange", 0xe67e22), Map.entry("russet", 0xb5532a), Map.entry("ginger", 0xd2782f), Map.entry("rust", 0xa9471e),
            Map.entry("copper", 0xb87333), Map.entry("amber", 0xf0a020), Map.entry("golden", 0xd4a017), Map.entry("gold", 0xd4a017),
            Map.entry("yellow", 0xf1c40f), Map.entry("lemon", 0xf5e050), Map.entry("honey", 0xd9a441), Map.entry("white", 0xf4f4ef),
            Map.entry("snow", 0xfafafa), Map.entry("snowy", 0xfafafa), Map.entry("ivory", 0xf6f0dc), Map.entry("pearl", 0xeae6da),
            Map.entry("silver", 0xc0c3c8), Map.entry("silvery", 0xc0c3c8), Map.entry("grey", 0x808a8f), Map.entry("gray", 0x808a8f),
            Map.entry("slate", 0x5f6b78), Map.entry("ash", 0xa9a9a4), Map.entry("smoky", 0x777777), Map.entry("charcoal", 0x36393d),
            Map.entry("black", 0x1c1c1e), Map.entry("jet", 0x0e0e10), Map.entry("ebony", 0x1a1410), Map.entry("brown", 0x7b4a2a),
            Map.entry("chocolate", 0x5a3220), Map.entry("chestnut", 0x8b4513), Map.entry("tawny", 0xa8743a), Map.entry("fawn", 0xc49a6c),
            Map.entry("sandy", 0xd8b98a), Map.entry("sand", 0xd8b98a), Map.entry("tan", 0xc2a078), Map.entry("beige", 0xdcc9a6),
            Map.entry("cream", 0xf3e5c0), Map.entry("buff", 0xdcc49a), Map.entry("caramel", 0xb5763a), Map.entry("blue", 0x2f6fd6),
            Map.entry("midnight", 0x1b2a4a), Map.entry("navy", 0x1f2f5c), Map.entry("sky", 0x87c1e8), Map.entry("azure", 0x3a8ee6),
            Map.entry("sapphire", 0x1f4fb0), Map.entry("teal", 0x1f8a8a), Map.entry("turquoise", 0x30c0b8), Map.entry("cyan", 0x3fc8e0),
            Map.entry("green", 0x2e8b57), Map.entry("emerald", 0x1f9d55), Map.entry("jade", 0x2f9e74), Map.entry("olive", 0x6b7a3a),
            Map.entry("mint", 0x9fe2bf), Map.entry("moss", 0x5b7a3a), Map.entry("purple", 0x7d3c98), Map.entry("violet", 0x8a4fd0),
            Map.entry("lavender", 0xb9a4e0), Map.entry("lilac", 0xc8a2c8), Map.entry("plum", 0x6e3060), Map.entry("pink", 0xf4a6c1),
            Map.entry("rose", 0xe8879c), Map.entry("peach", 0xf6b98e), Map.entry("coral", 0xf08070), Map.entry("magenta", 0xc0308c),
            Map.entry("spotted", 0xc9a15a), Map.entry("speckled", 0xb49a78), Map.entry("striped", 0xc98a3a), Map.entry("tabby", 0x8a6a4a),
            Map.entry("brindle", 0x6e5137), Map.entry("calico", 0xd9a06a), Map.entry("dappled", 0xa8906c), Map.entry("rainbow", 0xb070e0));

    private static final Pattern SEPARATORS = Pattern.compile("\\s*(?:,|/|&|\\band\\b|\\bwith\\b)\\s*");

    // Fallbacks for words we do not know: storybook-friendly tones rather than random noise.
    private static final int[] PALETTE = {0x8b5e3c, 0x4a6fa5, 0x9c4f7a, 0x3f8f6b, 0xc08a3e, 0x6a5acd, 0xb8574a, 0x5c8a9c};

    private ColourWords() {
    }

    /** The colour names in order: "jet black and white" → ["jet black", "white"]. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : SEPARATORS.split(NounPhrase.bare(text).toLowerCase(Locale.ROOT))) {
            String tidy = part.replaceAll("\\b(fur|feathers|scales|coat|skin)\\b", "").strip();
            if (!tidy.isEmpty()) {
                parts.add(tidy);
            }
        }
        return parts;
    }

    /** A colour named with the user's words; unknown words get a seeded storybook tone. */
    static Hero.Colour parse(String name, SplittableRandom random) {
        String key = name.toLowerCase(Locale.ROOT).strip();
        Integer exact = PHRASES.getOrDefault(key, WORDS.get(key));
        if (exact != null) {
            return new Hero.Colour(name, exact);
        }
        List<Integer> found = new ArrayList<>();
        double shade = 1.0;
        double tint = 0.0;
        for (String word : key.split("[\\s-]+")) {
            switch (word) {
                case "dark", "deep", "dusky" -> shade = 0.6;
                case "light", "pale", "soft", "pastel" -> tint = 0.45;
                default -> {
                    Integer rgb = WORDS.get(word);
                    if (rgb != null) {
                        found.add(rgb);
                    }
                }
            }
        }
        int base = found.isEmpty() ? PALETTE[random.nextInt(PALETTE.length)] : average(found);
        return new Hero.Colour(name, adjust(base, shade, tint));
    }

    /** Rough perceived brightness, 0..255, for choosing contrasting colours. */
    static int brightness(int rgb) {
        return (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
    }

    static int distance(int a, int b) {
        return Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff)) + Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff))
                + Math.abs((a & 0xff) - (b & 0xff));
    }

    private static int average(List<Integer> colours) {
        int r = 0;
        int g = 0;
        int b = 0;
        for (int c : colours) {
            r += (c >> 16) & 0xff;
            g += (c >> 8) & 0xff;
            b += c & 0xff;
        }
        int n = colours.size();
        return ((r / n) << 16) | ((g / n) << 8) | (b / n);
    }

    private static int adjust(int rgb, double shade, double tint) {
        int result = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double channel = ((rgb >> shift) & 0xff) * shade;
            channel = channel + (255 - channel) * tint;
            result |= ((int) Math.round(channel) & 0xff) << shift;
        }
        return result;
    }
}
