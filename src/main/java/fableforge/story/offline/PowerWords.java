package fableforge.story.offline;

import fableforge.story.Hero;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Placeholders that show the power on screen: the first spark, the power going wrong, training,
 * the glow of transformation, the display and the final act. Chosen by the element named in
 * {@link Hero#power()}; a power the user described in their own words uses the "other" wordings,
 * which lean on the power's phrase and colour.
 */
final class PowerWords {

    private static final List<String> KEYS = List.of("spark", "surge", "practice", "aura", "display", "shield", "finisher");

    // Order matters: "lightning" before "light", so lightning is not read as healing light.
    private static final List<List<String>> ELEMENTS = List.of(
            List.of("lightning", "lightning", "thunder", "electric", "storm"),
            List.of("fire", "fire", "flame", "burn", "heat", "lava"),
            List.of("ice", "ice", "frost", "snow", "cold", "freez"),
            List.of("wind", "wind", "air", "breeze", "sky"),
            List.of("water", "water", "wave", "sea", "ocean", "rain", "river"),
            List.of("earth", "earth", "stone", "rock", "mountain"),
            List.of("light", "light", "heal", "sun"),
            List.of("shadow", "shadow", "dark", "night"),
            List.of("nature", "growing", "plant", "nature", "tree", "flower", "vine", "leaf"));

    private PowerWords() {
    }

    static Set<String> contribute(Hero hero, TemplateBook book, Vocabulary words) {
        String element = elementOf(hero.power());
        for (String key : KEYS) {
            words.putChoices(key, book.texts("power." + element + "." + key, Set.of()));
        }
        return Set.of("power:" + element);
    }

    static String elementOf(String power) {
        String lower = power.toLowerCase(Locale.ROOT);
        for (List<String> element : ELEMENTS) {
            for (String word : element.subList(1, element.size())) {
                if (lower.contains(word)) {
                    return element.get(0);
                }
            }
        }
        return "other";
    }
}
