package fableforge.story;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The colours an animal has in nature, used when the user leaves the colour question empty.
 * Longer names come first so "snow leopard" wins over "leopard" and "polar bear" over "bear".
 */
final class NaturalColours {

    record Pair(Hero.Colour primary, Hero.Colour secondary) {
    }

    private static final Map<String, Pair> BY_SPECIES = new LinkedHashMap<>();

    static {
        add("snow leopard", "smoky white", 0xe6e4df, "charcoal grey", 0x3d3f44);
        add("polar bear", "snow white", 0xf6f4ee, "cream", 0xeadfc4);
        add("red panda", "russet red", 0xb4472a, "cream", 0xf3e5c0);
        add("fox", "russet orange", 0xc4622d, "cream", 0xf3e5c0);
        add("wolf", "slate grey", 0x6b7480, "pale grey", 0xc9ced3);
        add("tiger", "orange", 0xe07b24, "white", 0xf4f4ef);
        add("lion", "golden tawny", 0xc8964a, "sandy cream", 0xe8d3a8);
        add("leopard", "golden", 0xd1a24a, "black", 0x1c1c1e);
        add("cheetah", "golden", 0xd8aa55, "black", 0x1c1c1e);
        add("panther", "jet black", 0x111114, "charcoal grey", 0x3d3f44);
        add("cat", "tabby brown", 0x8a6a4a, "cream", 0xf3e5c0);
        add("dog", "golden brown", 0xb7823e, "white", 0xf4f4ef);
        add("panda", "white", 0xf4f4ef, "black", 0x1c1c1e);
        add("bear", "chocolate brown", 0x5a3a22, "tan", 0xb08a5e);
        add("rabbit", "soft brown", 0x9c7b5b, "white", 0xf4f4ef);
        add("hare", "sandy brown", 0xa58660, "white", 0xf4f4ef);
        add("mouse", "dusty grey", 0x8d8a86, "pink", 0xf0b8c0);
        add("hedgehog", "chestnut brown", 0x7a5536, "cream", 0xf3e5c0);
        add("squirrel", "red", 0xb5532a, "cream", 0xf3e5c0);
        add("raccoon", "grey", 0x8a8a8a, "black", 0x1c1c1e);
        add("badger", "grey", 0x8a8a8a, "black and white", 0x2a2a2a);
        add("otter", "sleek brown", 0x5e4030, "cream", 0xf3e5c0);
        add("owl", "tawny brown", 0x8b5a2b, "buff", 0xdcc49a);
        add("eagle", "dark brown", 0x4a3222, "white", 0xf4f4ef);
        add("penguin", "black", 0x1c1c1e, "white", 0xf4f4ef);
        add("parrot", "emerald green", 0x1f9d55, "scarlet", 0xd62a1e);
        add("crow", "jet black", 0x111114, "blue-black", 0x1b2233);
        add("raven", "jet black", 0x111114, "blue-black", 0x1b2233);
        add("turtle", "olive green", 0x6b7a3a, "sandy yellow", 0xd8c27a);
        add("tortoise", "earthy brown", 0x6e5a3a, "olive", 0x6b7a3a);
        add("frog", "leaf green", 0x4caf50, "pale yellow", 0xf0e68c);
        add("axolotl", "soft pink", 0xf2a7b8, "rose", 0xe8879c);
        add("deer", "fawn brown", 0xa87a4e, "white", 0xf4f4ef);
        add("horse", "chestnut", 0x8b4513, "cream", 0xf3e5c0);
        add("zebra", "white", 0xf4f4ef, "black", 0x1c1c1e);
        add("elephant", "stone grey", 0x8a8784, "dusty pink", 0xd8a8a0);
        add("dolphin", "blue-grey", 0x7a8fa6, "pale grey", 0xd0d6dc);
        add("shark", "steel grey", 0x6f7c86, "white", 0xf4f4ef);
        add("dragon", "emerald green", 0x1f9d55, "gold", 0xd4a017);
    }

    private static final Pair UNKNOWN = new Pair(new Hero.Colour("warm brown", 0x8b6b4a), new Hero.Colour("cream", 0xf3e5c0));

    private NaturalColours() {
    }

    static Pair of(String species) {
        String padded = " " + species.toLowerCase(Locale.ROOT) + " ";
        for (Map.Entry<String, Pair> entry : BY_SPECIES.entrySet()) {
            String key = entry.getKey();
            if (padded.contains(" " + key + " ") || padded.contains(" " + key + "s ")) {
                return entry.getValue();
            }
        }
        return UNKNOWN;
    }

    private static void add(String species, String primary, int primaryRgb, String secondary, int secondaryRgb) {
        BY_SPECIES.put(species, new Pair(new Hero.Colour(primary, primaryRgb), new Hero.Colour(secondary, secondaryRgb)));
    }
}
