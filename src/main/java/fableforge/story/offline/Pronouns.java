package fableforge.story.offline;

import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The quiz never asks whether the hero is a he or a she, and narration reads badly with "it" or a
 * singular "they", so we guess from the name and fall back to the seed.
 */
record Pronouns(String subject, String object, String possessive, String reflexive) {

    static final Pronouns SHE = new Pronouns("she", "her", "her", "herself");
    static final Pronouns HE = new Pronouns("he", "him", "his", "himself");

    private static final Set<String> SHE_NAMES = Set.of("nova", "juniper", "hazel", "willow", "luna", "wren", "saffron", "tigerlily",
            "honey", "ursa", "clover", "skye", "meadow", "shelly", "jade", "lilypad", "marina", "coral", "dot", "glimmer", "sunny",
            "ruby", "rose", "lily", "daisy", "bella", "molly", "lucy", "sophie", "chloe", "grace", "ivy", "pearl", "holly", "kate", "alice");
    private static final Set<String> HE_NAMES = Set.of("pip", "finn", "milo", "bramble", "ollie", "rusty", "blaze", "scout", "onyx", "rajah",
            "bruno", "barley", "talon", "sheldon", "axel", "finnegan", "buzz", "max", "leo", "jack", "charlie", "oscar", "toby", "sam",
            "george", "teddy", "oliver", "simba", "rocky", "duke", "bear", "tom", "felix", "kai", "jasper", "arthur");

    static Pronouns forName(String name, SplittableRandom random) {
        String lower = name.toLowerCase(Locale.ROOT).strip();
        String first = lower.split("\\s+")[0].replace(".", "");
        if (Set.of("sir", "lord", "king", "prince", "mr", "mister", "captain", "uncle", "grandpa", "baron", "duke").contains(first)) {
            return HE;
        }
        if (Set.of("lady", "queen", "princess", "miss", "mrs", "ms", "dame", "aunt", "auntie", "grandma", "madam").contains(first)) {
            return SHE;
        }
        if (SHE_NAMES.contains(first) || first.matches(".*(a|ah|elle|ette|ine|lyn|ssa|ia|ella|anne)$")) {
            return SHE;
        }
        if (HE_NAMES.contains(first)) {
            return HE;
        }
        return random.nextBoolean() ? SHE : HE;
    }
}
