package fableforge.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

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

    private final String schema;
    private final String databaseUrl;
    private final int poolSize;
    private Database database;

    public PostgresTestDatabase() {
        this(DEFAULT_POOL_SIZE);
    }

    public PostgresTestDatabase(int poolSize) {
        requireServer();
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        this.schema = "ff_test_" + HexFormat.of().formatHex(suffix);
        this.databaseUrl = SERVER + "?user=" + USER + "&currentSchema=" + schema;
        this.poolSize = poolSize;
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

    /** Closes the pool and drops the schema with all its tables. */
    @Override
    public void close() {
        try {
            database.close();
        } finally {
            dropSchema();
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
