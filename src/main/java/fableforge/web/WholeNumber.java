package fableforge.web;

import java.util.Optional;

/**
 * A number in a URL path: ASCII digits only. {@link Integer#parseInt} also reads other scripts' digits
 * ("١" Arabic-Indic, "１" fullwidth) and a leading "+", so two different paths would name the same scene.
 */
final class WholeNumber {

    private WholeNumber() {
    }

    /** The value when {@code text} is 1–9 ASCII digits and within {@code min}–{@code max}; empty otherwise. */
    static Optional<Integer> parse(String text, int min, int max) {
        if (text == null || text.isEmpty() || text.length() > 9) {
            return Optional.empty();
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            value = value * 10 + (c - '0');
        }
        return value < min || value > max ? Optional.empty() : Optional.of(value);
    }
}
