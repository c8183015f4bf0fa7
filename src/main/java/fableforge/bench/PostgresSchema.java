package fableforge.bench;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A schema of its own in the benchmark's PostgreSQL database, created before the nodes start and
 * dropped with everything in it afterwards, so a run never touches other data.
 */
final class PostgresSchema implements AutoCloseable {

    private final String adminUrl;
    private final String name;

    private PostgresSchema(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
    }

    /**
     * Creates {@code name} in the database {@code databaseUrl} names ({@code jdbc:postgresql://…} or
     * {@code postgres://user:password@host:port/db}).
     *
     * @throws IllegalArgumentException when the URL already chooses a schema (the run drops its own, never a given one)
     * @throws SQLException when the database cannot be reached or the schema not created
     */
    static PostgresSchema create(String databaseUrl, String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain schema name: " + name);
        }
        String jdbc = jdbcUrl(databaseUrl);
        if (jdbc.contains("currentSchema=")) {
            throw new IllegalArgumentException("--database-url must not set currentSchema: the benchmark adds (and drops) its own");
        }
        try (Connection connection = DriverManager.getConnection(jdbc); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
        }
        return new PostgresSchema(jdbc, name);
    }

    /** The JDBC URL whose connections work in this schema: what the nodes get as DATABASE_URL. */
    String url() {
        return adminUrl + (adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    /** {@code postgres://user:password@host:port/db?x=y} as the driver's {@code jdbc:postgresql://host:port/db?user=…&password=…&x=y}. */
    static String jdbcUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException("a database URL is postgres://… or jdbc:postgresql://…, not " + url);
        }
        URI uri = URI.create(url);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        StringBuilder query = new StringBuilder();
        if (uri.getRawUserInfo() != null) {
            String[] user = uri.getRawUserInfo().split(":", 2);
            query.append("user=").append(reencode(user[0]));
            if (user.length == 2) {
                query.append("&password=").append(reencode(user[1]));
            }
        }
        if (uri.getRawQuery() != null) {
            query.append(query.isEmpty() ? "" : "&").append(uri.getRawQuery());
        }
        return query.isEmpty() ? jdbc.toString() : jdbc.append('?').append(query).toString();
    }

    private static String reencode(String raw) {
        return URLEncoder.encode(URLDecoder.decode(raw, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
