package fableforge.story;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The quiz's power choices as hero phrases and glow colours.
 *
 * <p>Phrase format: a lower-case noun phrase starting with "the power of" or "the power to", so it
 * reads after "found", "wields" or "awakened" ("Ember awakened the power of fire").
 */
final class PowerCatalogue {

    record Power(String phrase, Hero.Colour colour) {
    }

    private static final Map<String, Power> CHOICES = Map.of(
            "fire", power("the power of fire", "ember orange", 0xff6a1a),
            "ice", power("the power of ice and frost", "frost blue", 0x9fdcff),
            "lightning", power("the power of lightning", "electric yellow", 0xffe94d),
            "wind", power("the power of the wind", "silver-white", 0xdfeef2),
            "water", power("the power of water and waves", "ocean teal", 0x1fa3a8),
            "earth", power("the power of earth and stone", "warm amber", 0xc98a2e),
            "light", power("the power of healing light", "golden white", 0xfff2b3),
            "shadow", power("the power of shadow", "deep violet", 0x5b2a8c),
            "nature", power("the power of growing things", "leaf green", 0x5cc14a));

    private static final List<String> SEEDED = List.of("fire", "ice", "lightning", "wind", "water", "earth", "light", "shadow", "nature");

    private static final List<Hero.Colour> OTHER_COLOURS = List.of(
            new Hero.Colour("starlight silver", 0xdfe6f5), new Hero.Colour("aurora green", 0x58e0a0),
            new Hero.Colour("rose gold", 0xe0a59a), new Hero.Colour("cosmic violet", 0x8a5cf0),
            new Hero.Colour("sunrise pink", 0xff9ab8));

    // Bare verbs that turn a typed power into "the power to …" rather than "the power of …".
    private static final Set<String> VERBS = Set.of("fly", "control", "talk", "speak", "see", "heal", "turn", "become", "read", "move",
            "make", "breathe", "run", "swim", "change", "summon", "call", "grow", "freeze", "teleport", "shapeshift", "bend", "hear",
            "understand", "walk", "vanish", "disappear", "create", "command", "travel", "sing", "glow", "shrink", "jump", "stop");

    private PowerCatalogue() {
    }

    /** From the quiz's power and power_detail answers; a seeded element when both are absent. */
    static Power choose(String choice, String detail, SplittableRandom random) {
        if (choice != null && CHOICES.containsKey(choice.toLowerCase(Locale.ROOT))) {
            return CHOICES.get(choice.toLowerCase(Locale.ROOT));
        }
        String typed = detail != null ? detail : (choice != null && !choice.equalsIgnoreCase("other") ? choice : null);
        if (typed != null) {
            return new Power(phraseFor(typed), OTHER_COLOURS.get(random.nextInt(OTHER_COLOURS.size())));
        }
        return CHOICES.get(SEEDED.get(random.nextInt(SEEDED.size())));
    }

    static String phraseFor(String typed) {
        String text = NounPhrase.tidy(typed);
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("the power")) {
            return text;
        }
        if (lower.startsWith("power of ") || lower.startsWith("power to ")) {
            return "the " + text;
        }
        if (lower.startsWith("to ")) {
            return "the power " + text;
        }
        if (VERBS.contains(lower.split(" ")[0])) {
            return "the power to " + text;
        }
        return "the power of " + NounPhrase.bare(text);
    }

    private static Power power(String phrase, String colour, int rgb) {
        return new Power(phrase, new Hero.Colour(colour, rgb));
    }
}
