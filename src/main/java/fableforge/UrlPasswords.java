package fableforge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The passwords a connection URL carries: the user-info part ({@code scheme://user:pass@host},
 * {@code redis://pass@host}) and a {@code password=} query parameter (JDBC URLs), each as written and decoded.
 */
final class UrlPasswords {

    private static final Pattern USER_INFO = Pattern.compile("^[A-Za-z][A-Za-z0-9+.:-]*://([^/@?#]+)@");
    private static final Pattern PARAMETER = Pattern.compile("[?&]password=([^&#]+)", Pattern.CASE_INSENSITIVE);

    private UrlPasswords() {
    }

    static List<String> of(String url) {
        List<String> found = new ArrayList<>();
        Matcher userInfo = USER_INFO.matcher(url);
        if (userInfo.find()) {
            String info = userInfo.group(1);
            add(found, info.substring(info.indexOf(':') + 1));
        }
        Matcher parameter = PARAMETER.matcher(url);
        while (parameter.find()) {
            add(found, parameter.group(1));
        }
        return found;
    }

    private static void add(List<String> found, String raw) {
        if (raw.isEmpty()) {
            return;
        }
        found.add(raw);
        try {
            found.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            // kept as written only
        }
    }
}
