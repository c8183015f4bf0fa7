package fableforge.image.offline;

import java.util.Locale;

/**
 * Body plans the illustrator can draw, picked from the hero's free-text species by keyword. Sizes are in
 * figure units (a dog-sized body is about 90 long); {@link Anatomy} adds the per-species details.
 */
enum BodyPlan {
    PENGUIN(Shape.UPRIGHT, 0, 0, 0, 0, 0, 0, Ears.NONE, Tail.NONE, "penguin"),
    BIRD(Shape.UPRIGHT, 0, 0, 0, 0, 0, 0, Ears.NONE, Tail.NONE, "owl", "eagle", "hawk", "falcon", "raven", "crow",
            "parrot", "sparrow", "robin", "bird", "phoenix", "dove", "pigeon", "finch", "macaw", "kestrel", "swan",
            "duck", "goose", "chick", "hen", "rooster", "jay", "magpie", "hummingbird", "toucan", "flamingo"),
    TURTLE(Shape.SHELLED, 0, 0, 0, 0, 0, 0, Ears.NONE, Tail.NONE, "turtle", "tortoise", "terrapin"),
    RACCOON(Shape.FOUR_LEGGED, 82, 38, 24, 11, 19, 13, Ears.ROUND, Tail.RINGED, "raccoon", "red panda"),
    BEAR(Shape.FOUR_LEGGED, 108, 58, 30, 21, 23, 13, Ears.ROUND, Tail.STUB, "bear", "panda", "grizzly"),
    CANINE(Shape.FOUR_LEGGED, 88, 36, 40, 10, 19, 23, Ears.POINTED, Tail.BUSHY, "fox", "wolf", "dog", "coyote",
            "jackal", "puppy", "hound", "husky", "dingo", "corgi", "fennec"),
    FELINE(Shape.FOUR_LEGGED, 94, 33, 36, 10, 18, 9, Ears.POINTED, Tail.LONG, "cat", "lion", "tiger", "lynx",
            "leopard", "cheetah", "panther", "jaguar", "puma", "cougar", "kitten", "ocelot", "bobcat"),
    RABBIT(Shape.FOUR_LEGGED, 62, 44, 14, 12, 19, 8, Ears.LONG, Tail.PUFF, "rabbit", "hare", "bunny"),
    RODENT(Shape.FOUR_LEGGED, 62, 32, 13, 9, 16, 14, Ears.ROUND, Tail.LONG, "mouse", "rat", "squirrel",
            "hamster", "chipmunk", "gerbil", "vole", "beaver", "hedgehog", "otter", "ferret", "weasel"),
    HOOFED(Shape.FOUR_LEGGED, 100, 40, 58, 8, 14, 24, Ears.POINTED, Tail.SHORT, "deer", "horse", "elk", "moose",
            "goat", "zebra", "unicorn", "pony", "stag", "reindeer", "caribou", "antelope", "gazelle", "llama",
            "alpaca", "sheep", "lamb", "donkey", "camel", "giraffe", "bison", "buffalo", "ox", "cow", "fawn"),
    QUADRUPED(Shape.FOUR_LEGGED, 90, 40, 32, 12, 19, 15, Ears.ROUND, Tail.LONG);

    enum Shape { FOUR_LEGGED, UPRIGHT, SHELLED }

    enum Ears { POINTED, ROUND, LONG, NONE }

    enum Tail { BUSHY, LONG, STUB, PUFF, RINGED, SHORT, NONE }

    final Shape shape;
    final double bodyLength;
    final double bodyHeight;
    final double legLength;
    final double legWidth;
    final double headRadius;
    final double snoutLength;
    final Ears ears;
    final Tail tail;
    private final String[] keywords;

    BodyPlan(Shape shape, double bodyLength, double bodyHeight, double legLength, double legWidth,
             double headRadius, double snoutLength, Ears ears, Tail tail, String... keywords) {
        this.shape = shape;
        this.bodyLength = bodyLength;
        this.bodyHeight = bodyHeight;
        this.legLength = legLength;
        this.legWidth = legWidth;
        this.headRadius = headRadius;
        this.snoutLength = snoutLength;
        this.ears = ears;
        this.tail = tail;
        this.keywords = keywords;
    }

    static BodyPlan of(String species) {
        String text = species == null ? "" : species.toLowerCase(Locale.ROOT);
        for (BodyPlan plan : values()) {
            for (String keyword : plan.keywords) {
                if (text.contains(keyword)) {
                    return plan;
                }
            }
        }
        return QUADRUPED;
    }
}
