package fableforge.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes provider error text fit to show: every configured secret replaced by {@code [redacted]}, then
 * one line of at most {@value #MAX_SUMMARY} characters. A provider that echoes the request (a proxy's
 * error page, a key pasted into the wrong field, a debug answer) would otherwise put our key in the
 * story view, the event stream and the logs. Built once from {@code Config.secrets()}.
 */
public final class SecretScrubber {

    public static final int MAX_SUMMARY = 240;
    public static final String REDACTED = "[redacted]";
    /** Shorter values are not treated as secrets: masking every "ab" would garble messages and protect nothing. */
    static final int MIN_SECRET_LENGTH = 6;

    private final List<String> secrets;

    public SecretScrubber(Collection<String> configured) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : configured) {
            if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
                continue;
            }
            String value = secret.strip();
            forms.add(value);
            // How the same secret reads when an answer quotes it inside a URL or a JSON string.
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            forms.add(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("/", "\\/"));
        }
        // Longest first, so a secret that contains another is masked whole.
        this.secrets = forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** {@code text} with every secret replaced; nothing else changed. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, REDACTED);
        }
        return result;
    }

    /** Scrubbed, control characters and line breaks folded into single spaces, cut to {@value #MAX_SUMMARY} characters. */
    public String summary(String text) {
        if (text == null) {
            return null;
        }
        String line = scrub(text).replaceAll("[\\p{Cntrl}\\s\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]+", " ").strip();
        if (line.length() <= MAX_SUMMARY) {
            return line;
        }
        int cut = MAX_SUMMARY - 1;
        if (Character.isHighSurrogate(line.charAt(cut - 1))) {
            cut--;
        }
        return line.substring(0, cut) + "…";
    }
}
