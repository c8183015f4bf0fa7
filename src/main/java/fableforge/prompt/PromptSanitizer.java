package fableforge.prompt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces violent or harmful wording with safe wording before a prompt goes to an image provider,
 * the way the seed's {@code sanitize_prompt} avoided content-policy refusals. Whole words only,
 * case-insensitive; a replaced word keeps the capitalisation of its first letter.
 */
public final class PromptSanitizer {

    /** Longer phrases first, so "beats up" wins over "beat". */
    private static final Map<String, String> REPLACEMENTS = table(
            "beats up", "overcomes",
            "beat up", "overcome",
            "fight to the death", "final contest",
            "fights", "challenges",
            "fighting", "standing up to",
            "fight", "challenge",
            "fought", "challenged",
            "attacks", "confronts",
            "attacked", "confronted",
            "attacking", "confronting",
            "attack", "confront",
            "kills", "defeats",
            "killed", "defeated",
            "killing", "defeating",
            "kill", "defeat",
            "murder", "defeat",
            "dead", "still",
            "death", "defeat",
            "dies", "fades away",
            "die", "fade away",
            "blood", "red glow",
            "bloody", "battered",
            "bleeding", "hurt",
            "wound", "scrape",
            "wounded", "hurt",
            "weapon", "tool",
            "weapons", "tools",
            "gun", "net",
            "guns", "nets",
            "sword", "staff",
            "knife", "stick",
            "spear", "staff",
            "stab", "poke",
            "shoot", "aim at",
            "shoots", "aims at",
            "violent", "intense",
            "violence", "conflict",
            "brutal", "fierce",
            "torture", "trouble",
            "destroy", "topple",
            "destroys", "topples",
            "destroyed", "toppled",
            "crush", "overpower",
            "crushes", "overpowers",
            "slaughter", "rout",
            "war", "struggle",
            "bomb", "storm",
            "explosion", "burst of light",
            "explodes", "bursts with light",
            "poachers", "trappers",
            "poacher", "trapper",
            "hunters", "trackers",
            "hunter", "tracker",
            "terrifying", "imposing",
            "horror", "mystery",
            "gore", "mess",
            "claws into", "grabs",
            "bites", "nips",
            "bite", "nip");

    private static final Pattern PATTERN = Pattern.compile(
            "\\b(" + String.join("|", REPLACEMENTS.keySet().stream().map(Pattern::quote).toList()) + ")\\b",
            Pattern.CASE_INSENSITIVE);

    private PromptSanitizer() {
    }

    public static String sanitize(String prompt) {
        Matcher matcher = PATTERN.matcher(prompt);
        StringBuilder out = new StringBuilder(prompt.length());
        while (matcher.find()) {
            String found = matcher.group(1);
            String replacement = REPLACEMENTS.get(found.toLowerCase());
            matcher.appendReplacement(out, Matcher.quoteReplacement(matchCase(found, replacement)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The replacement table, for display and tests. */
    public static Map<String, String> table() {
        return REPLACEMENTS;
    }

    private static String matchCase(String original, String replacement) {
        if (original.length() > 1 && original.equals(original.toUpperCase())) {
            return replacement.toUpperCase();
        }
        if (Character.isUpperCase(original.charAt(0))) {
            return Character.toUpperCase(replacement.charAt(0)) + replacement.substring(1);
        }
        return replacement;
    }

    private static Map<String, String> table(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        // Longest first: the regex alternation tries options in order.
        Map<String, String> ordered = new LinkedHashMap<>();
        map.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()))
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return java.util.Collections.unmodifiableMap(ordered);
    }
}
