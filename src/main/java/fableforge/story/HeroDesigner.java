package fableforge.story;

import fableforge.quiz.QuizAnswers;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Designs the story's hero from the quiz answers, once, so every scene and image agrees on who it
 * is. Pure: the same answers and seed always give the same hero. Anything the user left out is
 * invented from the seed.
 *
 * <p>{@link Hero#power()} is a lower-case phrase starting "the power of" / "the power to"
 * ("the power of fire"); {@link Hero#artifact()} is an indefinite noun phrase ("a glowing frost blue
 * crystal shaped like a teardrop"). Colour names are the user's own words when given.
 */
public final class HeroDesigner {

    private static final List<String> MARKINGS = List.of(
            "a white star on the forehead",
            "a crescent-shaped patch over the left eye",
            "a heart-shaped spot on the chest",
            "a lightning-shaped streak across one cheek",
            "three tiny pale dots beneath the right eye",
            "a silver streak running down the back");

    private static final List<Hero.Colour> EYES = List.of(
            new Hero.Colour("amber", 0xffb000), new Hero.Colour("emerald green", 0x1f9d55),
            new Hero.Colour("hazel", 0x8e7618), new Hero.Colour("golden", 0xe3b22b),
            new Hero.Colour("sky blue", 0x7ec0ee), new Hero.Colour("honey brown", 0xa86f2d));

    public Hero design(QuizAnswers answers, long seed) {
        // One stream per attribute, so answering one more question never changes the others.
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom naming = root.split();
        SplittableRandom colouring = root.split();
        SplittableRandom marking = root.split();
        SplittableRandom powering = root.split();
        SplittableRandom crafting = root.split();

        String species = tidySpecies(answers.get("animal"));
        AnimalFamily family = AnimalFamily.of(species);
        String name = answers.find("character_name").map(HeroDesigner::tidyName)
                .orElseGet(() -> HeroNames.invent(family, naming));

        NaturalColours.Pair colours = coloursFor(species, answers.find("hero_color").orElse(null), colouring);
        Hero.Colour eyes = EYES.get(colouring.nextInt(EYES.size()));
        String mark = answers.find("distinctive_mark").map(NounPhrase::indefinite)
                .orElseGet(() -> MARKINGS.get(marking.nextInt(MARKINGS.size())));

        PowerCatalogue.Power power = PowerCatalogue.choose(
                answers.find("power").orElse(null), answers.find("power_detail").orElse(null), powering);
        String artifact = ArtifactCatalogue.choose(answers.find("power_source").orElse(null), power.colour(), crafting);

        return new Hero(name, species, colours.primary(), colours.secondary(), eyes, mark, artifact, power.phrase(), power.colour());
    }

    /** "A Snow  Leopard." → "snow leopard": the user's own species words, ready for mid-sentence use. */
    static String tidySpecies(String animal) {
        return NounPhrase.bare(animal).toLowerCase(Locale.ROOT);
    }

    /** "sir fluffington" → "Sir Fluffington"; a name typed with its own capitals is kept as typed. */
    private static String tidyName(String name) {
        String tidy = name.strip().replaceAll("\\s+", " ").replaceAll("[.!?;:,]+$", "");
        if (!tidy.equals(tidy.toLowerCase(Locale.ROOT))) {
            return tidy;
        }
        StringBuilder out = new StringBuilder();
        for (String word : tidy.split(" ")) {
            out.append(out.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }

    private static NaturalColours.Pair coloursFor(String species, String heroColour, SplittableRandom random) {
        NaturalColours.Pair natural = NaturalColours.of(species);
        if (heroColour == null) {
            return natural;
        }
        List<String> names = ColourWords.split(heroColour);
        if (names.isEmpty()) {
            return natural;
        }
        Hero.Colour primary = ColourWords.parse(names.get(0), random);
        Hero.Colour secondary = names.size() > 1 ? ColourWords.parse(names.get(1), random) : contrastWith(primary, natural.secondary());
        return new NaturalColours.Pair(primary, secondary);
    }

    /** Keeps the species' natural second colour unless it would vanish against the chosen one. */
    private static Hero.Colour contrastWith(Hero.Colour primary, Hero.Colour natural) {
        if (ColourWords.distance(primary.rgb(), natural.rgb()) > 150) {
            return natural;
        }
        return ColourWords.brightness(primary.rgb()) < 128
                ? new Hero.Colour("silver-white", 0xe8ecef)
                : new Hero.Colour("charcoal grey", 0x3d3f44);
    }
}
