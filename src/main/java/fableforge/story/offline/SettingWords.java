package fableforge.story.offline;

import fableforge.quiz.QuizAnswers;
import fableforge.story.NounPhrase;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Placeholders about the place: the user's setting as written, plus named places inside it (a
 * home, a recurring landmark, a hidden place, a high place) picked once per story from the setting
 * family's lists, so the same landmark comes back scene after scene.
 */
final class SettingWords {

    private SettingWords() {
    }

    static void contribute(QuizAnswers answers, TemplateBook book, Vocabulary words, SplittableRandom random) {
        String setting = answers.get("setting");
        String family = familyOf(setting, book);
        String prefix = "setting." + family + ".";
        String place = placePhrase(setting);
        words.put("setting", place);
        words.put("in_setting", prepositionFor(place, book.section(prefix + "preposition").get(0).text()) + " " + place);
        for (String slot : List.of("home", "landmark", "hideaway", "high_place")) {
            words.put(slot, pick(book.texts(prefix + slot, Set.of()), random));
        }
        words.putChoices("sight", book.texts(prefix + "sight", Set.of()));
    }

    /** The first family (in the file's order) whose keywords appear in the setting; "elsewhere" if none. */
    static String familyOf(String setting, TemplateBook book) {
        String padded = " " + setting.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", " ") + " ";
        for (String family : book.texts("setting.families", Set.of())) {
            for (String keyword : book.texts("setting." + family + ".keywords", Set.of()).get(0).split(",")) {
                if (padded.contains(" " + keyword.strip() + " ") || padded.contains(" " + keyword.strip() + "s ")) {
                    return family;
                }
            }
        }
        return "elsewhere";
    }

    /**
     * The family's preposition ("on the coral reef coast") unless the place is a building or a
     * vessel, which you are in or aboard whatever family it falls in ("in the haunted lighthouse").
     */
    static String prepositionFor(String place, String familyDefault) {
        String head = NounPhrase.headWord(place).toLowerCase(Locale.ROOT);
        if (Set.of("ship", "station", "spaceship", "starship", "boat", "submarine", "train", "ark").contains(head)) {
            return "aboard";
        }
        if (Set.of("lighthouse", "castle", "tower", "house", "barn", "cave", "temple", "palace", "school", "library", "museum", "zoo",
                "garden", "city", "town", "village", "forest", "jungle", "swamp", "desert", "canyon", "valley", "mountains").contains(head)) {
            return "in";
        }
        return familyDefault;
    }

    /** "enchanted forest" → "the enchanted forest"; "african savanna" → "the African savanna"; "Paris" stays. */
    static String placePhrase(String setting) {
        String tidy = NounPhrase.tidy(setting);
        if (NounPhrase.isProperName(tidy) && !tidy.toLowerCase(Locale.ROOT).startsWith("the ")) {
            return tidy;
        }
        String place = NounPhrase.definite(tidy.toLowerCase(Locale.ROOT));
        for (String proper : List.of("African", "Arctic", "Antarctic", "Amazon", "Sahara", "Pacific", "Atlantic", "Australian", "Asian", "Himalayan")) {
            place = place.replaceAll("\\b" + proper.toLowerCase(Locale.ROOT) + "\\b", proper);
        }
        return place;
    }

    private static String pick(List<String> options, SplittableRandom random) {
        return options.get(random.nextInt(options.size()));
    }
}
