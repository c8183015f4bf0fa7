package fableforge.media;

/**
 * What every store accepts as a key: path segments of letters, digits, dots, dashes and underscores,
 * none starting with a dot, at most {@link #MAX_LENGTH} characters, so a key is also a safe file path,
 * URL path and object name.
 *
 * <p>Checked by a plain loop over the characters: the regular expression this replaced recursed once
 * per character, so a 4,000-character key overflowed the thread's stack (a 500 and a huge log entry).
 */
public final class MediaKey {

    /** Our own keys are under 100 characters; S3 allows 1,024 bytes, so this leaves room and bounds the work. */
    public static final int MAX_LENGTH = 512;

    private MediaKey() {
    }

    /** Returns the key, or throws {@link IllegalArgumentException} when it is not a safe key. */
    public static String requireValid(String key) {
        if (!isValid(key)) {
            // The key itself is not repeated: it is whatever a client sent, of any length.
            throw new IllegalArgumentException("invalid media key");
        }
        return key;
    }

    /** Whether the key is safe: non-empty segments separated by single slashes, each starting with a letter or digit. */
    public static boolean isValid(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            return false;
        }
        boolean segmentStart = true;
        char previous = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean alphanumeric = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (segmentStart) {
                if (!alphanumeric) {
                    return false;
                }
                segmentStart = false;
            } else if (c == '/') {
                segmentStart = true;
            } else if (!alphanumeric && c != '.' && c != '_' && c != '-') {
                return false;
            } else if (c == '.' && previous == '.') {
                return false;
            }
            previous = c;
        }
        return !segmentStart;
    }

    /** The extension of the key's last segment in lower case, without the dot; "" when it has none. */
    public static String extension(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
