package fableforge.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * Shortens a prompt for a retry after a refusal, the seed's last resort. Lines that must survive
 * (the style line and the character bible, so the hero still looks the same) are kept whole; the
 * other lines are kept in order while they fit the word budget, and the first one that does not fit
 * is cut at a word boundary.
 */
public final class PromptShortener {

    private PromptShortener() {
    }

    public static String shorten(String prompt, int maxWords) {
        if (maxWords < 1) {
            throw new IllegalArgumentException("maxWords must be at least 1, was " + maxWords);
        }
        String[] lines = prompt.split("\n");
        int budget = maxWords;
        for (String line : lines) {
            if (isProtected(line)) {
                budget -= wordCount(line);
            }
        }
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (isProtected(line)) {
                kept.add(line);
            } else if (budget > 0) {
                int words = wordCount(line);
                kept.add(words <= budget ? line : firstWords(line, budget));
                budget -= Math.min(words, budget);
            }
        }
        return String.join("\n", kept);
    }

    private static boolean isProtected(String line) {
        return line.startsWith("Style: ") || line.startsWith("Main character ");
    }

    private static int wordCount(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    private static String firstWords(String line, int count) {
        String[] words = line.strip().split("\\s+");
        String cut = String.join(" ", java.util.Arrays.copyOf(words, count));
        return cut.replaceAll("[,;:]$", "") + (cut.endsWith(".") ? "" : ".");
    }
}
