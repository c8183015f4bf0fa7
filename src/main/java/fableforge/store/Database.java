package fableforge.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file, {@code <dataDir>/fableforge.db}, migrated by Flyway on open.
 *
 * <p>Why it survives {@code kill -9}: the journal is a write-ahead log, every write runs in a
 * transaction (a statement outside one is its own), and {@code synchronous=FULL} syncs the log at each
 * commit, so a commit that returned is on disk even if the process or the machine then dies.
 * Transactions start with {@code BEGIN IMMEDIATE}: a writer takes the write lock before it reads, so a
 * read-then-write never fails half-way on a lock upgrade; other writers wait up to the busy timeout.
 */
public final class Database implements AutoCloseable, Transactions {

    public static final String FILE_NAME = "fableforge.db";
    private static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private final Path file;
    private final Jdbi jdbi;
    private volatile boolean closed;

    private Database(Path file, Jdbi jdbi) {
        this.file = file;
        this.jdbi = jdbi;
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
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new Database(file, Jdbi.create(dataSource));
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
            throw new IllegalStateException("the database " + file + " is closed");
        }
        return jdbi;
    }

    @Override
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        return Writes.inTransaction(jdbi(), handle -> work.get());
    }

    // TEMPORARY until the PostgreSQL adapter lands
    public static Database connect(String url, int poolSize) {
        throw new UnsupportedOperationException("PostgreSQL is not supported yet");
    }

    public boolean isEmbedded() {
        return true;
    }

    public String describe() {
        return "sqlite " + file;
    }

    public Path file() {
        return file;
    }

    /** Folds the write-ahead log back into the database file; no data depends on this happening. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        jdbi.useHandle(handle -> handle.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
}
