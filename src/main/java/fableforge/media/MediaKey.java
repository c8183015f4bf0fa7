package fableforge.media;

import java.util.regex.Pattern;

/**
 * What every store accepts as a key: path segments of letters, digits, dots, dashes and underscores,
 * none starting with a dot, so a key is also a safe file path, URL path and object name.
 */
public final class MediaKey {

    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

    private MediaKey() {
    }

    /** Returns the key, or throws {@link IllegalArgumentException} when it is not a safe key. */
    public static String requireValid(String key) {
        if (key == null || !SAFE_KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("invalid media key '" + key + "'");
        }
        return key;
    }

    /** The extension of the key's last segment in lower case, without the dot; "" when it has none. */
    public static String extension(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
