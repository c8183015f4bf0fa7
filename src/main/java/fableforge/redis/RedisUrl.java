package fableforge.redis;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads {@code REDIS_URL}: {@code redis://[user:pass@]host[:port][/db]}, or {@code rediss://} for TLS.
 * A user info without a colon is a password alone (Redis before ACLs), as Lettuce and redis-cli read it.
 * Error messages show the URL with its user info masked, so a password never reaches a log.
 */
final class RedisUrl {

    static final String FORM = "redis://[user:pass@]host[:port][/db] or rediss://...";
    private static final int DEFAULT_PORT = 6379;

    private RedisUrl() {
    }

    static RedisURI parse(String url, Duration commandTimeout) {
        if (url == null || url.isBlank()) {
            throw invalid("is empty", "");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            // The exception's own message repeats the whole input, password included.
            throw invalid("is not a URL", url);
        }
        String scheme = uri.getScheme();
        if (!"redis".equalsIgnoreCase(scheme) && !"rediss".equalsIgnoreCase(scheme)) {
            throw invalid("must start with redis:// or rediss://", url);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid("names no host (or its port is not a number)", url);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("takes no query or fragment", url);
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65_535) {
            throw invalid("has a port outside 1..65535", url);
        }
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(uri.getHost())
                .withPort(port)
                .withSsl("rediss".equalsIgnoreCase(scheme))
                .withDatabase(database(uri.getPath(), url))
                .withTimeout(commandTimeout);
        withCredentials(builder, uri.getRawUserInfo());
        return builder.build();
    }

    /** The URL as it may be logged: user info replaced by {@code ***}. */
    static String masked(String url) {
        if (url == null) {
            return "";
        }
        int schemeEnd = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (schemeEnd < 0 || at < schemeEnd) {
            return url.contains("@") ? "***" : url;
        }
        return url.substring(0, schemeEnd + 3) + "***" + url.substring(at);
    }

    private static int database(String path, String url) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        try {
            int db = Integer.parseInt(path.substring(1));
            if (db >= 0) {
                return db;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("has a database that is not a number 0, 1, 2, ... (the part after the last /)", url);
    }

    private static void withCredentials(RedisURI.Builder builder, String rawUserInfo) {
        if (rawUserInfo == null || rawUserInfo.isEmpty()) {
            return;
        }
        int colon = rawUserInfo.indexOf(':');
        if (colon < 0) {
            builder.withPassword(decode(rawUserInfo).toCharArray());
            return;
        }
        String user = decode(rawUserInfo.substring(0, colon));
        char[] password = decode(rawUserInfo.substring(colon + 1)).toCharArray();
        if (user.isEmpty()) {
            builder.withPassword(password);
        } else {
            builder.withAuthentication(user, password);
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String problem, String url) {
        String shown = url.isBlank() ? "" : " (was " + masked(url.strip()) + ")";
        return new IllegalArgumentException("REDIS_URL " + problem + shown + "; expected " + FORM);
    }
}
