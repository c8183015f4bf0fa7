package fableforge.story.offline;

import fableforge.quiz.QuizAnswers;
import fableforge.story.AnimalFamily;
import fableforge.story.Hero;
import fableforge.story.NounPhrase;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Placeholders about the hero: who it is, how it looks, what it carries and what it can do. */
final class HeroWords {

    private static final Set<String> SAME_PLURAL = Set.of("deer", "sheep", "fish", "moose", "bison", "elk", "reindeer");
    private static final Map<String, String> IRREGULAR = Map.of("mouse", "mice", "goose", "geese", "ox", "oxen", "louse", "lice");
    private static final Map<String, String> SINGULAR_LIMB = Map.of("paws", "paw", "wings", "wing", "hooves", "hoof", "claws", "claw",
            "fins", "fin", "legs", "leg", "feet", "foot");
    private static final Map<AnimalFamily, String> CRIES = Map.of(AnimalFamily.CANINE, "howl", AnimalFamily.FELINE, "roar",
            AnimalFamily.BEAR, "roar", AnimalFamily.BIRD, "cry", AnimalFamily.HOOFED, "call");

    private static final Pattern PLACED =
            Pattern.compile("(\\s(?:on|over|across|beneath|under|above|down|along|around|near|at)\\s)(?:the|its|one)\\s");

    private HeroWords() {
    }

    /** Adds the hero's words and returns the pronouns chosen for the hero, which other words need. */
    static Pronouns contribute(Hero hero, QuizAnswers answers, Vocabulary words, SplittableRandom random) {
        AnimalFamily family = AnimalFamily.of(hero.species());
        Pronouns pronouns = Pronouns.forName(hero.name(), random);
        words.put("name", hero.name());
        words.put("species", hero.species());
        words.put("species_plural", plural(hero.species()));
        words.put("a_species", NounPhrase.articleFor(hero.species()) + " " + hero.species());
        words.put("covering", family.covering());
        words.put("limbs", family.limbs());
        words.put("limb", SINGULAR_LIMB.getOrDefault(family.limbs(), family.limbs()));
        words.put("group", family.group());
        words.put("cry", CRIES.getOrDefault(family, "cry"));
        words.put("he", pronouns.subject());
        words.put("him", pronouns.object());
        words.put("his", pronouns.possessive());
        words.put("himself", pronouns.reflexive());
        String colour = colourPhrase(hero, answers);
        words.put("colour", colour);
        // "fur" and "feathers" need no article, but a coat is counted: "a chestnut coat".
        boolean counted = family.covering().equals("coat");
        words.put("a_colour_covering", counted ? NounPhrase.indefinite(colour + " " + family.covering()) : colour + " " + family.covering());
        words.put("eyes", hero.eyeColour().name());
        words.put("mark", hero.marking());
        words.put("a_mark", onTheHero(hero.marking(), pronouns));
        words.put("his_mark", possessive(hero.marking(), pronouns));
        words.put("artifact", hero.artifact());
        words.put("the_artifact", NounPhrase.definite(hero.artifact()));
        String relicNoun = NounPhrase.headWord(hero.artifact());
        words.put("relic_noun", relicNoun);
        words.put("relic", relic(hero.artifact(), relicNoun));
        words.put("power", hero.power());
        words.put("power_colour", hero.powerColour().name());
        words.put("a_power_colour", NounPhrase.articleFor(hero.powerColour().name()) + " " + hero.powerColour().name());
        return pronouns;
    }

    /**
     * How the story names the artifact after finding it: a short phrase whole ("the old music
     * box"), a long description by its head noun ("the amulet").
     */
    private static String relic(String artifact, String headWord) {
        if (NounPhrase.isProperName(artifact)) {
            return artifact;
        }
        String bare = NounPhrase.bare(artifact);
        return bare.split(" ").length <= 3 && !bare.contains("glowing") ? NounPhrase.definite(artifact) : "the " + headWord;
    }

    /** The user's own colour words when given ("midnight blue"), else the designed primary colour. */
    private static String colourPhrase(Hero hero, QuizAnswers answers) {
        return answers.find("hero_color")
                .map(text -> NounPhrase.bare(text).toLowerCase(Locale.ROOT).split("\\s+with\\s+")[0]
                        .replaceAll("\\s+(fur|feathers|scales|coat|skin)$", ""))
                .orElse(hero.primaryColour().name());
    }

    /**
     * "a torn left ear" → "her torn left ear"; "its white paws" → "her white paws"; and a mark
     * placed on the body moves the owner to the body part: "a white star on the forehead" → "the
     * white star on her forehead".
     */
    static String possessive(String phrase, Pronouns pronouns) {
        String bare = NounPhrase.bare(phrase);
        String lower = bare.toLowerCase(Locale.ROOT);
        Matcher placed = PLACED.matcher(bare);
        if (placed.find() && !lower.startsWith("its ") && !lower.startsWith("his ") && !lower.startsWith("her ")) {
            return "the " + bare.substring(0, placed.start()) + placed.group(1) + pronouns.possessive() + " " + bare.substring(placed.end());
        }
        for (String owner : new String[] {"its ", "his ", "her ", "their ", "my "}) {
            if (lower.startsWith(owner)) {
                return pronouns.possessive() + " " + bare.substring(owner.length());
            }
        }
        return pronouns.possessive() + " " + bare;
    }

    /** "a white star on the forehead" → "a white star on her forehead": the mark sits on this hero. */
    static String onTheHero(String marking, Pronouns pronouns) {
        Matcher placed = PLACED.matcher(marking);
        if (!placed.find()) {
            return marking;
        }
        return marking.substring(0, placed.start()) + placed.group(1) + pronouns.possessive() + " " + marking.substring(placed.end());
    }

    /** English plural of the species' last word: fox → foxes, wolf → wolves, mouse → mice. */
    static String plural(String species) {
        int space = species.lastIndexOf(' ');
        String head = species.substring(space + 1);
        String prefix = species.substring(0, space + 1);
        return prefix + pluralWord(head);
    }

    private static String pluralWord(String word) {
        if (SAME_PLURAL.contains(word) || word.endsWith("fish")) {
            return word;
        }
        if (IRREGULAR.containsKey(word)) {
            return IRREGULAR.get(word);
        }
        if (word.endsWith("lf")) {
            return word.substring(0, word.length() - 1) + "ves";
        }
        if (word.matches(".*[^aeiou]y$")) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (word.matches(".*(s|x|z|ch|sh)$")) {
            return word + "es";
        }
        return word + "s";
    }
}
