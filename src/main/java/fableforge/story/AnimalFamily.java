package fableforge.story;

import java.util.List;
import java.util.Locale;

/**
 * A rough body plan for any species a user can type, so prose and pictures can say "paws" or
 * "wings", "fur" or "scales" without a table entry per animal. Unknown animals fall back to
 * {@link #CREATURE}, whose words fit almost anything.
 */
public enum AnimalFamily {
    CANINE("fur", "paws", "pack", List.of("fox", "wolf", "dog", "puppy", "coyote", "jackal", "dingo", "husky", "hyena")),
    FELINE("fur", "paws", "clan", List.of("cat", "kitten", "lion", "tiger", "leopard", "lynx", "cheetah", "panther", "jaguar", "cougar", "puma", "bobcat")),
    BEAR("fur", "paws", "clan", List.of("bear", "panda")),
    SMALL_MAMMAL("fur", "paws", "burrow", List.of("rabbit", "bunny", "hare", "mouse", "rat", "squirrel", "hamster", "hedgehog", "raccoon",
            "badger", "otter", "ferret", "weasel", "chipmunk", "mole", "meerkat", "possum", "opossum", "skunk", "beaver", "bat", "koala", "sloth", "monkey", "lemur")),
    BIRD("feathers", "wings", "flock", List.of("owl", "eagle", "hawk", "falcon", "penguin", "parrot", "crow", "raven", "sparrow", "robin", "duck",
            "swan", "goose", "hen", "chicken", "rooster", "dove", "pigeon", "hummingbird", "flamingo", "puffin", "phoenix", "bird", "kiwi", "toucan", "peacock")),
    HOOFED("coat", "hooves", "herd", List.of("deer", "fawn", "horse", "pony", "foal", "goat", "sheep", "lamb", "cow", "calf", "zebra", "giraffe", "moose", "elk",
            "reindeer", "unicorn", "donkey", "camel", "llama", "alpaca", "antelope", "gazelle", "elephant", "rhino", "hippo", "pig", "boar")),
    REPTILE("scales", "claws", "clan", List.of("turtle", "tortoise", "lizard", "snake", "crocodile", "alligator", "gecko", "chameleon", "iguana", "dragon", "komodo")),
    AMPHIBIAN("skin", "feet", "clan", List.of("frog", "toad", "axolotl", "newt", "salamander")),
    SEA_CREATURE("scales", "fins", "pod", List.of("fish", "dolphin", "whale", "shark", "seal", "octopus", "orca", "seahorse", "crab", "jellyfish", "manatee", "walrus", "narwhal")),
    INSECT("wings", "legs", "colony", List.of("bee", "butterfly", "ant", "beetle", "ladybug", "ladybird", "dragonfly", "spider", "moth", "firefly", "grasshopper")),
    CREATURE("coat", "feet", "clan", List.of());

    private final String covering;
    private final String limbs;
    private final String group;
    private final List<String> keywords;

    AnimalFamily(String covering, String limbs, String group, List<String> keywords) {
        this.covering = covering;
        this.limbs = limbs;
        this.group = group;
        this.keywords = keywords;
    }

    /** Matches on the last word that names a known animal, so "snow leopard" is feline and "sea turtle" a reptile. */
    public static AnimalFamily of(String species) {
        String[] words = species.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", " ").strip().split("\\s+");
        for (int i = words.length - 1; i >= 0; i--) {
            String word = singular(words[i]);
            for (AnimalFamily family : values()) {
                if (family.keywords.contains(word)) {
                    return family;
                }
            }
        }
        return CREATURE;
    }

    /** What covers the body: "fur", "feathers", "scales"… */
    public String covering() {
        return covering;
    }

    /** What it moves and fights with: "paws", "wings", "hooves"… */
    public String limbs() {
        return limbs;
    }

    /** A collective noun for its kind: "pack", "flock", "herd"… */
    public String group() {
        return group;
    }

    private static String singular(String word) {
        if (word.endsWith("ves")) {
            return word.substring(0, word.length() - 3) + "f";
        }
        if (word.endsWith("es") && (word.endsWith("xes") || word.endsWith("ches"))) {
            return word.substring(0, word.length() - 2);
        }
        if (word.endsWith("s") && !word.endsWith("ss") && word.length() > 3) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
