package fableforge.prompt;


/**
 * The seed's answer to content-policy refusals: after the first refusal send the sanitized prompt cut
 * to a moderate length, after later ones a much shorter one. The character bible survives shortening.
 */
public final class PromptEscalation {

    static final int FIRST_SHORTENING_WORDS = 90;
    static final int LAST_SHORTENING_WORDS = 50;

    private PromptEscalation() {
    }

    public static String afterRefusals(String original, int refusals) {
        if (refusals == 0) {
            return original;
        }
        String sanitized = PromptSanitizer.sanitize(original);
        return PromptShortener.shorten(sanitized, refusals == 1 ? FIRST_SHORTENING_WORDS : LAST_SHORTENING_WORDS);
    }
}
