package fableforge.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A PostgreSQL server named by {@code DATABASE_URL}, as the JDBC driver wants it: a {@code jdbc:} URL
 * without credentials, and the user and password apart (so the URL can be logged and shown).
 *
 * <p>Accepted: the libpq/Heroku form {@code postgres://user:password@host:port/database?options}
 * (also {@code postgresql://}), and the driver's own {@code jdbc:postgresql://host:port/database?user=…&password=…}.
 * Options other than user and password are handed to the driver unchanged; {@code currentSchema} also
 * names the schema that migrations create and use. Error messages never repeat the URL, which may
 * hold a password.
 */
public record DatabaseUrl(String jdbcUrl, String host, int port, String database, Optional<String> schema,
                          Optional<String> user, Optional<String> password) {

    public static final String VARIABLE = "DATABASE_URL";
    private static final int DEFAULT_PORT = 5432;
    private static final String EXPECTED = "expected postgres://user:password@host:5432/database"
            + " or jdbc:postgresql://host:5432/database?user=…&password=…";

    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("is empty");
        }
        String rest = withoutScheme(url.strip());
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
        String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int pathStart = beforeQuery.indexOf('/');
        String authority = pathStart < 0 ? beforeQuery : beforeQuery.substring(0, pathStart);
        String database = pathStart < 0 ? "" : decode(beforeQuery.substring(pathStart + 1), "database name");
        if (database.isEmpty() || database.contains("/")) {
            throw invalid("names no database (the path after host:port)");
        }

        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = nonEmpty(decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name"));
            password = colon < 0 ? Optional.empty() : nonEmpty(decode(userInfo.substring(colon + 1), "password"));
        }
        HostAndPort server = hostAndPort(authority);

        Map<String, String> options = options(query);
        String queryUser = options.get("user");
        String queryPassword = options.get("password");
        if (queryUser != null) {
            user = nonEmpty(queryUser);
        }
        if (queryPassword != null) {
            password = nonEmpty(queryPassword);
        }
        // currentSchema may list a search path ("app,public"); the first is where tables are made.
        Optional<String> schema = Optional.ofNullable(options.get("currentSchema"))
                .map(path -> path.split(",")[0].strip())
                .filter(name -> !name.isEmpty());

        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(server.text()).append('/')
                .append(beforeQuery.substring(pathStart + 1));
        // The other options go to the driver as they were written; credentials go apart.
        StringJoiner driverOptions = new StringJoiner("&", "?", "").setEmptyValue("");
        for (String pair : query.split("&")) {
            String key = decode(pair.split("=", 2)[0], "option name");
            if (!pair.isEmpty() && !key.equals("user") && !key.equals("password")) {
                driverOptions.add(pair);
            }
        }
        jdbc.append(driverOptions);
        return new DatabaseUrl(jdbc.toString(), server.host(), server.port(), database, schema, user, password);
    }

    /** Where the store is, for logs and /health: never the password. */
    public String describe() {
        return "postgresql://" + user.map(name -> name + "@").orElse("") + host + ":" + port + "/" + database
                + schema.map(name -> " (schema " + name + ")").orElse("");
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String withoutScheme(String url) {
        for (String scheme : new String[] {"jdbc:postgresql://", "postgresql://", "postgres://"}) {
            if (url.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return url.substring(scheme.length());
            }
        }
        int colon = url.indexOf(':');
        String scheme = colon > 0 ? url.substring(0, colon) : "";
        if (scheme.matches("[A-Za-z][A-Za-z0-9+.-]{0,20}") && url.startsWith(scheme + "://")) {
            throw invalid("is a " + scheme + ":// URL, not a PostgreSQL one");
        }
        if (scheme.equalsIgnoreCase("jdbc")) {
            String driver = url.substring(colon + 1).split("[:/]", 2)[0];
            if (driver.equalsIgnoreCase("postgresql")) {
                throw invalid("must name the server: jdbc:postgresql://host:port/database");
            }
            throw invalid("is a JDBC URL for " + (driver.matches("[A-Za-z0-9]{1,20}") ? "'" + driver + "'" : "another database")
                    + ", not for PostgreSQL");
        }
        throw invalid("is not a database URL");
    }

    private record HostAndPort(String host, int port) {
        String text() {
            return host + ":" + port;
        }
    }

    private static HostAndPort hostAndPort(String authority) {
        if (authority.isEmpty()) {
            throw invalid("names no host");
        }
        // [::1]:5432 — the colons of an IPv6 address are not the port's
        int bracket = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        if (colon <= bracket) {
            return new HostAndPort(authority, DEFAULT_PORT);
        }
        String host = authority.substring(0, colon);
        String port = authority.substring(colon + 1);
        if (host.isEmpty()) {
            throw invalid("names no host");
        }
        if (port.isEmpty()) {
            return new HostAndPort(host, DEFAULT_PORT);
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
            throw invalid("has a port that is not a number from 1 to 65535");
        }
        return new HostAndPort(host, Integer.parseInt(port));
    }

    private static Map<String, String> options(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals), "option name");
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), "option '" + key + "'");
            options.put(key, value);
        }
        return options;
    }

    private static String decode(String text, String what) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("has a badly %-encoded " + what);
        }
    }

    private static Optional<String> nonEmpty(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(VARIABLE + " " + problem + "; " + EXPECTED);
    }
}
