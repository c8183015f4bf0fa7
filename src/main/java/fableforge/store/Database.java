package fableforge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store: an embedded SQLite file by default, or a PostgreSQL server shared by several nodes when
 * {@code DATABASE_URL} is set. Both are migrated by Flyway from the same portable migrations on open.
 *
 * <p>SQLite, {@code <dataDir>/fableforge.db}. Why it survives {@code kill -9}: the journal is a
 * write-ahead log, every write runs in a transaction (a statement outside one is its own), and
 * {@code synchronous=FULL} syncs the log at each commit, so a commit that returned is on disk even if
 * the process or the machine then dies. Transactions start with {@code BEGIN IMMEDIATE}: a writer takes
 * the write lock before it reads, so a read-then-write never fails half-way on a lock upgrade; other
 * writers wait up to the busy timeout.
 *
 * <p>One exception on SQLite: {@link SqliteEventAppends}, the connection an event is appended on when no
 * transaction of the caller is open (see {@link EventLog}), commits with {@code synchronous=NORMAL}.
 * In WAL mode that is still consistent and survives a crash of the process, but the last commits may
 * roll back on power loss or an OS crash (https://www.sqlite.org/pragma.html#pragma_synchronous,
 * https://www.sqlite.org/wal.html#performance_considerations). They roll back only as a tail: the WAL
 * is one file appended in commit order, so any later {@code FULL} commit (an approval, a spend, a job's
 * outcome) syncs every event before it too, and no durable state can outlive an event it followed.
 *
 * <p>PostgreSQL: a fixed-size connection pool, because JDBI takes a connection per handle. Races that
 * SQLite's single writer rules out are handled where they can happen (see {@link Writes}). Event
 * appends commit synchronously there like everything else: several nodes share that log.
 */
public final class Database implements AutoCloseable, Transactions {

    public static final String FILE_NAME = "fableforge.db";
    private static final int BUSY_TIMEOUT_MILLIS = 30_000;
    private static final String MIGRATIONS = "classpath:db/migration";

    private final Path file;
    private final DatabaseUrl server;
    private final HikariDataSource pool;
    private final SqliteEventAppends sqliteEventAppends;
    private final Jdbi jdbi;
    private volatile boolean closed;

    private Database(Path file, DatabaseUrl server, HikariDataSource pool, DataSource dataSource, SqliteEventAppends sqliteEventAppends) {
        this.file = file;
        this.server = server;
        this.pool = pool;
        this.sqliteEventAppends = sqliteEventAppends;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Creates {@code dataDir} if needed, opens its database file and brings the schema up to date. */
    public static Database open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        SQLiteDataSource dataSource = new SQLiteDataSource(connectionSettings());
        dataSource.setUrl("jdbc:sqlite:" + file);
        migrations(dataSource).load().migrate();
        return new Database(file, null, null, dataSource, new SqliteEventAppends(eventAppendSource(file)));
    }

    /**
     * Where the one connection kept open for event appends comes from, {@code synchronous=NORMAL} (see the
     * class comment): a commit there is a write into the WAL, no fsync, and no connection is opened per event.
     */
    private static DataSource eventAppendSource(Path file) {
        SQLiteConfig settings = connectionSettings();
        settings.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        SQLiteDataSource appends = new SQLiteDataSource(settings);
        appends.setUrl("jdbc:sqlite:" + file);
        return appends;
    }

    /**
     * Connects to the PostgreSQL server that {@code databaseUrl} names (see {@link DatabaseUrl} for the
     * accepted forms) through a pool of {@code poolSize} connections, and brings the schema up to date.
     * If the URL names a {@code currentSchema}, the tables live there and the schema is created if missing.
     *
     * @throws IllegalArgumentException if the URL is not a PostgreSQL one (the message names DATABASE_URL)
     * @throws IllegalStateException if the server cannot be reached or refuses the login
     */
    public static Database connect(String databaseUrl, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("the database pool needs at least 1 connection, was " + poolSize);
        }
        DatabaseUrl server = DatabaseUrl.parse(databaseUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("fableforge-store");
        config.setJdbcUrl(server.jdbcUrl());
        server.user().ifPresent(config::setUsername);
        server.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(poolSize);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to PostgreSQL at " + server.describe() + " ("
                    + DatabaseUrl.VARIABLE + "): " + rootMessage(e), e);
        }
        try {
            // Not through the pool: Flyway holds one connection for its lock while it migrates on
            // another, which a pool of one would never hand out.
            PGSimpleDataSource direct = new PGSimpleDataSource();
            direct.setUrl(server.jdbcUrl());
            server.user().ifPresent(direct::setUser);
            server.password().ifPresent(direct::setPassword);
            FluentConfiguration flyway = migrations(direct);
            server.schema().ifPresent(schema -> flyway.schemas(schema).createSchemas(true));
            flyway.load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(null, server, pool, pool, null);
    }

    private static FluentConfiguration migrations(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(MIGRATIONS);
    }

    private static SQLiteConfig connectionSettings() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    public Jdbi jdbi() {
        if (closed) {
            throw new IllegalStateException("the database " + where() + " is closed");
        }
        return jdbi;
    }

    /**
     * Where {@link EventLog} appends an event that joins no transaction of its caller on SQLite: a
     * connection of its own with {@code synchronous=NORMAL} (see the class comment). Empty on PostgreSQL,
     * where such appends use the pool like everything else.
     */
    Optional<SqliteEventAppends> sqliteEventAppends() {
        jdbi();
        return Optional.ofNullable(sqliteEventAppends);
    }

    /**
     * Runs {@code work} in one transaction: repository calls it makes on this thread join that
     * transaction (JDBI lends them the thread's open handle), so they commit together or not at all.
     * An exception from {@code work} rolls everything back and is rethrown. If the transaction lost a
     * race for a unique key (PostgreSQL), it is rolled back and {@code work} runs again from the start,
     * so {@code work} must not have effects outside the database.
     */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return Writes.inTransaction(jdbi(), handle -> work.get());
    }

    /** True for the SQLite file, false for a PostgreSQL server. */
    public boolean isEmbedded() {
        return file != null;
    }

    /**
     * The SQLite database file.
     *
     * @throws IllegalStateException on PostgreSQL, which has no file ({@link #describe()} says where it is)
     */
    public Path file() {
        if (file == null) {
            throw new IllegalStateException("the store is on PostgreSQL (" + server.describe() + "), not in a file");
        }
        return file;
    }

    /**
     * Where the store is, for /health and logs, never with a password: {@code adapter} ("sqlite" or
     * "postgresql"), then {@code file} for SQLite, or {@code host}, {@code port}, {@code database},
     * {@code schema} (if the URL named one) and {@code pool_size} for PostgreSQL.
     */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        if (isEmbedded()) {
            description.put("adapter", "sqlite");
            description.put("file", file.toString());
        } else {
            description.put("adapter", "postgresql");
            description.put("host", server.host());
            description.put("port", server.port());
            description.put("database", server.database());
            server.schema().ifPresent(schema -> description.put("schema", schema));
            description.put("pool_size", pool.getMaximumPoolSize());
        }
        return java.util.Collections.unmodifiableMap(description);
    }

    /**
     * SQLite: folds the write-ahead log back into the database file (no data depends on this
     * happening). PostgreSQL: closes the pool's connections.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pool != null) {
            pool.close();
        } else {
            sqliteEventAppends.close();
            jdbi.useHandle(handle -> handle.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
    }

    private String where() {
        return isEmbedded() ? file.toString() : server.describe();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
