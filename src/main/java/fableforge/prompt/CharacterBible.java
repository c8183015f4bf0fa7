package fableforge.prompt;

import fableforge.story.Hero;

/**
 * The one description of the hero that goes word for word into every image prompt of a story, so
 * every image shows the same animal (the top complaint about AI story tools is a hero that changes).
 */
public record CharacterBible(String text) {

    public static CharacterBible of(Hero hero) {
        String text = hero.name() + ", " + Phrases.withArticle("young " + hero.species())
                + " with " + hero.primaryColour().name() + " " + coat(hero.species())
                + ", " + hero.secondaryColour().name() + " accents on the chest and tail"
                + ", " + hero.eyeColour().name() + " eyes"
                + " and " + Phrases.withArticle(hero.marking())
                + "; from scene 5 on it carries " + Phrases.withArticle(hero.artifact())
                + " that gives it " + hero.power();
        // Sanitized once here, so sanitizing a whole prompt later leaves the bible word for word.
        return new CharacterBible(PromptSanitizer.sanitize(text));
    }

    /** Fur, feathers or scales: the word a prompt needs for the animal's outer colour. */
    static String coat(String species) {
        String lower = species.toLowerCase(java.util.Locale.ROOT);
        if (FEATHERED.matcher(lower).find()) {
            return "feathers";
        }
        if (SCALED.matcher(lower).find()) {
            return "scales";
        }
        return "fur";
    }

    private static final java.util.regex.Pattern FEATHERED = java.util.regex.Pattern.compile(
            "\\b(bird|owl|eagle|hawk|falcon|raven|crow|parrot|sparrow|robin|penguin|swan|duck|goose|chicken|hen|rooster|pigeon|dove|phoenix|peacock|flamingo|heron|stork|hummingbird|kingfisher|woodpecker|magpie|finch|vulture|condor|puffin|pelican|toucan)s?\\b");
    private static final java.util.regex.Pattern SCALED = java.util.regex.Pattern.compile(
            "\\b(turtle|tortoise|lizard|snake|dragon|crocodile|alligator|gecko|iguana|chameleon|fish|shark|axolotl|frog|toad|newt|salamander|dinosaur|komodo)s?\\b");

    /** The hero's name: the bible opens with it ("Ember, a young fox …"), also when read back from the store. */
    public String heroName() {
        int comma = text.indexOf(", ");
        return comma > 0 ? text.substring(0, comma) : text;
    }

    /** The bible as it appears in a prompt, labelled so models treat it as a fixed reference. */
    public String asPromptLine() {
        return "Main character (identical in every image): " + text + ".";
    }
}
