package fableforge.story;

import java.util.Locale;
import java.util.Set;

/**
 * English article handling for noun phrases that may come straight from a user ("torn left ear",
 * "a torn left ear", "The Old Oak"), so templates can say "a …" or "the …" without doubling articles.
 */
public final class NounPhrase {

    // Words that start with a vowel letter but a consonant sound, and the reverse.
    private static final Set<String> CONSONANT_SOUND_PREFIXES = Set.of("uni", "use", "usu", "uti", "one", "once", "eu", "ewe", "ura", "uro");
    private static final Set<String> VOWEL_SOUND_PREFIXES = Set.of("hour", "honest", "honou", "honor", "heir");

    private NounPhrase() {
    }

    /** Collapses whitespace, drops trailing punctuation and a leading article ("a", "an", "the"). */
    public static String bare(String phrase) {
        String tidy = tidy(phrase);
        String lower = tidy.toLowerCase(Locale.ROOT);
        for (String article : new String[] {"a ", "an ", "the "}) {
            if (lower.startsWith(article)) {
                return tidy.substring(article.length()).strip();
            }
        }
        return tidy;
    }

    /** "torn left ear" → "a torn left ear"; plurals, possessives and proper names keep no article. */
    public static String indefinite(String phrase) {
        String tidy = tidy(phrase);
        if (hasDeterminer(tidy) || looksPlural(bare(tidy)) || startsWithCapital(tidy)) {
            return lowerLeadingArticle(tidy);
        }
        return articleFor(tidy) + " " + tidy;
    }

    /** "a glowing crystal" → "the glowing crystal"; possessives and proper names are left alone. */
    public static String definite(String phrase) {
        String tidy = tidy(phrase);
        String lower = tidy.toLowerCase(Locale.ROOT);
        if (lower.startsWith("a ") || lower.startsWith("an ") || lower.startsWith("the ")) {
            return "the " + bare(tidy);
        }
        if (hasDeterminer(tidy) || startsWithCapital(tidy)) {
            return tidy;
        }
        return "the " + tidy;
    }

    /** "a" or "an", by the sound of the first word. */
    public static String articleFor(String word) {
        String lower = word.strip().toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            return "a";
        }
        for (String prefix : VOWEL_SOUND_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return "an";
            }
        }
        for (String prefix : CONSONANT_SOUND_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return "a";
            }
        }
        return "aeiou".indexOf(lower.charAt(0)) >= 0 ? "an" : "a";
    }

    /** True for a phrase whose head word looks plural ("white paws", "stripes"), which takes no "a". */
    public static boolean looksPlural(String phrase) {
        String head = headWord(phrase).toLowerCase(Locale.ROOT);
        return head.length() > 3 && head.endsWith("s") && !head.endsWith("ss") && !head.endsWith("us") && !head.endsWith("is");
    }

    /** The last word before any "of", "that", "with"… clause: the thing the phrase names. */
    public static String headWord(String phrase) {
        String lower = " " + bare(phrase).toLowerCase(Locale.ROOT) + " ";
        int cut = lower.length();
        for (String marker : new String[] {" of ", " that ", " which ", " with ", " from ", " set ", " shaped ", " carved ", " on ", " in ", " still ", " humming ", " no ", " as ", ","}) {
            int at = lower.indexOf(marker, 1);
            if (at > 0 && at < cut) {
                cut = at;
            }
        }
        String[] words = lower.substring(0, cut).strip().split("\\s+");
        // A participle after the noun starts its description: "crystal shining red from within".
        for (int i = 1; i < words.length - 1; i++) {
            if (words[i].endsWith("ing") && words[i].length() > 5) {
                return words[i - 1];
            }
        }
        return words[words.length - 1];
    }

    /** Whitespace collapsed, trailing punctuation dropped, a sentence-style capital lowered. */
    public static String tidy(String phrase) {
        String tidy = phrase.strip().replaceAll("\\s+", " ").replaceAll("[.!?;:,]+$", "");
        if (tidy.length() > 1 && Character.isUpperCase(tidy.charAt(0)) && !Character.isUpperCase(tidy.charAt(1))
                && !isProperNameRaw(tidy)) {
            return Character.toLowerCase(tidy.charAt(0)) + tidy.substring(1);
        }
        return tidy;
    }

    private static boolean isProperNameRaw(String tidy) {
        String[] words = tidy.split(" ");
        int start = Set.of("a", "an", "the").contains(words[0].toLowerCase(Locale.ROOT)) && words.length > 1 ? 1 : 0;
        for (int i = start; i < words.length; i++) {
            String word = words[i];
            if (!word.isEmpty() && Character.isLetter(word.charAt(0)) && !Character.isUpperCase(word.charAt(0))
                    && !Set.of("of", "the", "and", "de", "von").contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasDeterminer(String phrase) {
        String first = phrase.split(" ")[0].toLowerCase(Locale.ROOT);
        return Set.of("a", "an", "the", "his", "her", "its", "their", "my", "our", "your", "one", "two", "three", "some", "no")
                .contains(first) || first.endsWith("'s");
    }

    /** A proper name capitalises every word ("Grandpa Joe", "Mount Ember"); "Torn left ear" is not one. */
    public static boolean isProperName(String phrase) {
        String tidy = phrase.strip().replaceAll("\\s+", " ").replaceAll("[.!?;:,]+$", "");
        return !tidy.isEmpty() && isProperNameRaw(tidy);
    }

    private static boolean startsWithCapital(String phrase) {
        return isProperName(phrase);
    }

    private static String lowerLeadingArticle(String phrase) {
        String lower = phrase.toLowerCase(Locale.ROOT);
        for (String article : new String[] {"a ", "an ", "the "}) {
            if (lower.startsWith(article)) {
                return article + phrase.substring(article.length());
            }
        }
        return phrase;
    }
}
