package fableforge.text;

import java.util.Optional;

/**
 * Which characters a text field may hold. Refused everywhere: C0 and C1 control characters (NUL, ESC,
 * DEL, …; they make the FCPXML invalid XML 1.0 and put terminal escapes into the SRT), the Unicode
 * bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069 (they make a text
 * display in an order other than the one it is stored in, the "Trojan Source" trick), lone surrogates
 * and the non-characters U+FFFE and U+FFFF. Newline and tab are allowed only in multi-line fields
 * (scene texts, prompts); a carriage return only as part of CRLF there.
 *
 * <p>The marks U+200E (left-to-right) and U+200F (right-to-left) are allowed: they change no order,
 * only how a neutral character next to them is placed, and right-to-left writers need them in
 * ordinary mixed text (Unicode UAX #9 §2.6 "Implicit Directional Marks").
 */
public final class SafeText {

    private SafeText() {
    }

    /** Whether the field is one line (names, answers) or may hold newlines and tabs (scene texts, prompts). */
    public enum Lines { SINGLE, MULTI }

    /**
     * The first problem in {@code text}, as a message naming {@code field} and the 1-based character
     * position, or empty when the text is acceptable.
     */
    public static Optional<String> problem(String field, String text, Lines lines) {
        return problem(text, lines).map(problem -> field + " " + problem);
    }

    /** Like {@link #problem(String, String, Lines)} without the field's name: "contains … at character n; remove it". */
    public static Optional<String> problem(String text, Lines lines) {
        if (text == null) {
            return Optional.empty();
        }
        int position = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            position++;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            String what = refused(c, lines, i + 1 < text.length() ? text.charAt(i + 1) : 0, i > 0 ? text.charAt(i - 1) : 0);
            if (what != null) {
                return Optional.of("contains " + what + " (U+" + String.format("%04X", (int) c) + ") at character "
                        + position + "; remove it");
            }
        }
        return Optional.empty();
    }

    /** Throws {@link IllegalArgumentException} with {@link #problem}'s message when the text is not acceptable. */
    public static String require(String field, String text, Lines lines) {
        problem(field, text, lines).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        return text;
    }

    private static String refused(char c, Lines lines, char next, char previous) {
        if (Character.isSurrogate(c)) {
            return "a lone surrogate";
        }
        if (c == '\n' || c == '\t') {
            return lines == Lines.MULTI ? null : (c == '\n' ? "a line break" : "a tab");
        }
        if (c == '\r') {
            return lines == Lines.MULTI && next == '\n' ? null : "a carriage return";
        }
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
            return "a control character";
        }
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
            return "a bidirectional override";
        }
        if (c == 0xFFFE || c == 0xFFFF) {
            return "a non-character";
        }
        return null;
    }

    /**
     * The text with every character XML 1.0 does not allow removed (§2.2 Char: #x9 | #xA | #xD |
     * [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]), for writers that must produce a valid
     * document whatever they are given.
     */
    public static String xmlChars(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (allowed && !isBidiControl(cp)) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** The text without control characters (newline and tab kept) or bidi overrides: what a subtitle line may carry. */
    public static String withoutControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean control = (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F);
            boolean surrogate = cp >= 0xD800 && cp <= 0xDFFF;
            if (!control && !surrogate && !isBidiControl(cp) && cp != 0xFFFE && cp != 0xFFFF) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }
}
