package fableforge.image.offline;

import java.util.Locale;

/**
 * The species details that make a body plan read as one animal: a fox's white tail tip, a lion's mane,
 * a tiger's stripes, a deer's antlers.
 */
record Anatomy(
        BodyPlan plan,
        boolean mane,
        boolean stripes,
        boolean spots,
        boolean antlers,
        boolean horn,
        boolean mask,
        boolean tailTip,
        boolean earTufts,
        boolean owlFace,
        boolean hookedBeak,
        boolean curledTail) {

    static Anatomy of(String species) {
        String s = species == null ? "" : species.toLowerCase(Locale.ROOT);
        BodyPlan plan = BodyPlan.of(s);
        return new Anatomy(
                plan,
                has(s, "lion", "horse", "zebra", "unicorn", "pony"),
                has(s, "tiger", "zebra", "tabby", "striped"),
                has(s, "leopard", "cheetah", "jaguar", "giraffe", "dalmatian", "fawn", "ocelot", "spotted"),
                has(s, "deer", "elk", "moose", "stag", "reindeer", "caribou"),
                has(s, "unicorn", "rhino", "narwhal"),
                plan == BodyPlan.RACCOON && !s.contains("red panda"),
                has(s, "fox", "wolf"),
                has(s, "lynx", "bobcat", "owl", "caracal"),
                s.contains("owl"),
                has(s, "eagle", "hawk", "falcon", "parrot", "kestrel", "macaw", "phoenix", "vulture", "osprey"),
                has(s, "squirrel", "chipmunk"));
    }

    private static boolean has(String text, String... words) {
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
