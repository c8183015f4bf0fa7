package fableforge.story;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns the power_source answer into one concrete object the hero can carry and an illustrator can
 * draw, glowing in the power's colour so the picture links the object to the power.
 *
 * <p>Phrase format: an indefinite noun phrase ("a glowing frost blue crystal shaped like a
 * teardrop"), lower case, no trailing full stop; later mentions swap "a" for "the".
 */
final class ArtifactCatalogue {

    private static final Map<String, List<String>> BY_SOURCE = Map.of(
            "ancient amulet", List.of(
                    "ancient amulet set with a glowing {c} stone",
                    "moonstone amulet on a worn leather cord that glows {c}",
                    "old bronze amulet carved with spirals that glow {c}"),
            "glowing crystal", List.of(
                    "glowing {c} crystal shaped like a teardrop",
                    "six-sided crystal that shines {c} from within",
                    "humming {c} crystal no bigger than a pebble"),
            "fallen star", List.of(
                    "fallen star no bigger than an acorn that still glows {c}",
                    "tiny fallen star that pulses with {c} light",
                    "fallen star as small as a pebble that glows {c}"),
            "sacred tree", List.of(
                    "seed of the sacred tree that glows {c}",
                    "glowing {c} seed from the sacred tree",
                    "silver leaf of the sacred tree veined with {c} light"),
            "old spirit", List.of(
                    "spirit stone that glows {c} with an ancestor's light",
                    "ghostly {c} lantern that carries an ancestor's spirit",
                    "feather-light spirit charm that shimmers {c}"));

    private static final List<String> SOURCES = List.of("ancient amulet", "glowing crystal", "fallen star", "sacred tree", "old spirit");

    private ArtifactCatalogue() {
    }

    static String choose(String source, Hero.Colour powerColour, SplittableRandom random) {
        String key = source == null ? SOURCES.get(random.nextInt(SOURCES.size())) : source.toLowerCase(Locale.ROOT).strip();
        List<String> options = BY_SOURCE.get(key);
        if (options == null) {
            return NounPhrase.indefinite(source);
        }
        String phrase = options.get(random.nextInt(options.size())).replace("{c}", powerColour.name());
        return NounPhrase.indefinite(phrase);
    }
}
