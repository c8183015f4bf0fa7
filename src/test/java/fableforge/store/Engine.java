package fableforge.store;

import java.nio.file.Path;

/**
 * The engines the store runs on. Store tests are {@code @ParameterizedClass @EnumSource(Engine.class)}
 * and open their database with {@link #open(Path)}, so each test body runs on both. In Surefire's
 * reports a class's tests appear twice, as {@code [1]} (SQLite) and {@code [2]} (PostgreSQL).
 */
public enum Engine {

    SQLITE {
        @Override
        public TestDatabase open(Path dir) {
            return new TestDatabase() {
                private Database database = Database.open(dir);

                @Override
                public Database database() {
                    return database;
                }

                @Override
                public Database reopen() {
                    database.close();
                    database = Database.open(dir);
                    return database;
                }

                @Override
                public void close() {
                    database.close();
                }
            };
        }
    },

    POSTGRESQL {
        @Override
        public TestDatabase open(Path dir) {
            return PostgresTestDatabase.recycled();
        }
    };

    /** Opens a fresh, empty, migrated store; {@code dir} is the test's own temporary directory. */
    public abstract TestDatabase open(Path dir);
}
