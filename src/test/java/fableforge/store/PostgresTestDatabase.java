package fableforge.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A store on the local PostgreSQL server (127.0.0.1:5432, database {@code test}, user {@code postgres},
 * trust login) in a schema of its own, {@code ff_test_<random>}, which {@link Database#connect} creates
 * and {@link #close()} drops with everything in it. Tests on several threads or in several JVMs at once
 * never see each other's rows.
 *
 * <p>If the server is not answering, opening fails (it does not skip) with how to start it: a store
 * test that silently did not run on PostgreSQL would hide the bugs it is there to find.
 */
public final class PostgresTestDatabase implements TestDatabase {

    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";
    private static final int DEFAULT_POOL_SIZE = 4;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Emptied schemas of closed {@link #recycled()} stores, for the next store test of this JVM. */
    private static final Queue<String> EMPTIED = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean DROP_AT_EXIT = new AtomicBoolean();

    private final String schema;
    private final String databaseUrl;
    private final int poolSize;
    private final boolean recycle;
    private Database database;

    public PostgresTestDatabase() {
        this(DEFAULT_POOL_SIZE);
    }

    public PostgresTestDatabase(int poolSize) {
        this(newSchemaName(), poolSize, false);
    }

    /**
     * An empty, migrated store, as the constructor makes, for a store test. Migrating a new schema is most
     * of a store test's time on PostgreSQL, so closing this one empties its schema (every table but
     * Flyway's history truncated, identities restarted) and hands it to the next such store of this JVM,
     * which only checks that it is migrated; the schemas left are dropped when the JVM exits.
     */
    public static PostgresTestDatabase recycled() {
        String schema = EMPTIED.poll();
        return new PostgresTestDatabase(schema == null ? newSchemaName() : schema, DEFAULT_POOL_SIZE, true);
    }

    private PostgresTestDatabase(String schema, int poolSize, boolean recycle) {
        requireServer();
        this.schema = schema;
        this.databaseUrl = SERVER + "?user=" + USER + "&currentSchema=" + schema;
        this.poolSize = poolSize;
        this.recycle = recycle;
        try {
            this.database = Database.connect(databaseUrl, poolSize);
        } catch (RuntimeException e) {
            dropSchema();
            throw e;
        }
    }

    /** The schema's URL in the JDBC form, as {@code DATABASE_URL} would carry it. */
    public String databaseUrl() {
        return databaseUrl;
    }

    public String schema() {
        return schema;
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public Database reopen() {
        database.close();
        database = Database.connect(databaseUrl, poolSize);
        return database;
    }

    /** Closes the pool and drops the schema with all its tables (a recycled store's schema is emptied for the next one). */
    @Override
    public void close() {
        try {
            database.close();
        } finally {
            if (!recycle || !empty()) {
                dropSchema();
            }
        }
    }

    private static String newSchemaName() {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        return "ff_test_" + HexFormat.of().formatHex(suffix);
    }

    /** Truncates every table but Flyway's history and queues the schema for reuse; false if that failed. */
    private boolean empty() {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, null);
             PreparedStatement tables = connection.prepareStatement(
                     "SELECT tablename FROM pg_tables WHERE schemaname = ? AND tablename <> 'flyway_schema_history'")) {
            tables.setString(1, schema);
            List<String> names = new ArrayList<>();
            try (ResultSet result = tables.executeQuery()) {
                while (result.next()) {
                    names.add("\"" + schema + "\".\"" + result.getString(1) + "\"");
                }
            }
            if (!names.isEmpty()) {
                try (Statement truncate = connection.createStatement()) {
                    truncate.execute("TRUNCATE TABLE " + String.join(", ", names) + " RESTART IDENTITY CASCADE");
                }
            }
        } catch (SQLException e) {
            return false;
        }
        if (DROP_AT_EXIT.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresTestDatabase::dropEmptied, "drop-test-schemas"));
        }
        EMPTIED.add(schema);
        return true;
    }

    private static void dropEmptied() {
        for (String schema = EMPTIED.poll(); schema != null; schema = EMPTIED.poll()) {
            try (Connection connection = DriverManager.getConnection(SERVER, USER, null);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            } catch (SQLException e) {
                // the JVM is exiting: a schema left behind is named ff_test_* and holds no data
            }
        }
    }

    private void dropSchema() {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private static void requireServer() {
        DriverManager.setLoginTimeout(5);
        try (Connection connection = DriverManager.getConnection(SERVER, USER, null)) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("""
                    The store tests need PostgreSQL on 127.0.0.1:5432 (database 'test', user 'postgres', trust login), \
                    and it did not answer: %s
                    Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
                    and if the database is missing: createdb -h 127.0.0.1 -U postgres test
                    (./run-tests starts it, and installs it with apt-get if it is missing)""".formatted(e.getMessage()), e);
        }
    }
}
