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
                    "moonstone amulet glowing {c} on a worn leather cord",
                    "old bronze amulet carved with glowing {c} spirals"),
            "glowing crystal", List.of(
                    "glowing {c} crystal shaped like a teardrop",
                    "six-sided crystal shining {c} from within",
                    "humming {c} crystal no bigger than a pebble"),
            "fallen star", List.of(
                    "fallen star no bigger than an acorn and still glowing {c}",
                    "tiny fallen star pulsing with {c} light",
                    "pebble-sized fallen star glowing {c}"),
            "sacred tree", List.of(
                    "seed of the sacred tree glowing {c}",
                    "glowing {c} seed from the sacred tree",
                    "silver leaf of the sacred tree veined with {c} light"),
            "old spirit", List.of(
                    "spirit stone glowing {c} with an ancestor's light",
                    "ghostly {c} lantern carrying an ancestor's spirit",
                    "feather-light spirit charm shimmering {c}"));

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
