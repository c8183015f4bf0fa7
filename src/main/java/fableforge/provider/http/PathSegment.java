package fableforge.provider.http;

import java.nio.charset.StandardCharsets;

/**
 * An identifier a provider gave us (a task id, a file id), made safe to put into a URL path as exactly
 * one segment: everything but RFC 3986's unreserved characters is percent-encoded, so {@code /},
 * {@code ?}, {@code #} and {@code %} cannot change which resource is asked for, and the dot segments
 * {@code .} and {@code ..} (which clients and servers collapse) are encoded as well.
 */
public final class PathSegment {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegment() {
    }

    public static String encode(String value) {
        if (value.equals(".") || value.equals("..")) {
            return value.replace(".", "%2E");
        }
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
