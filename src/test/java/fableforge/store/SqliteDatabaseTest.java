package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void openingAFreshDataDirectoryCreatesItAndTheDatabaseFile() {
        Path dataDir = dir.resolve("nested/data");
        try (Database db = Database.open(dataDir)) {
            assertThat(dataDir.resolve("fableforge.db")).exists();
            assertThat(db.file()).isEqualTo(dataDir.resolve("fableforge.db").toAbsolutePath());
            assertThat(db.isEmbedded()).isTrue();
            assertThat(db.describe()).isEqualTo(Map.of("adapter", "sqlite", "file", db.file().toString()));
        }
    }

    @Test
    void connectionsUseWriteAheadLogForeignKeysAndABusyTimeout() {
        try (Database db = Database.open(dir)) {
            db.jdbi().useHandle(h -> {
                assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualToIgnoringCase("wal");
                assertThat(h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()).isEqualTo(1);
                assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one()).isPositive();
                assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).isEqualTo(2); // FULL
            });
        }
    }

    @Test
    void onlyStandaloneEventAppendsCommitWithoutAnFsync() throws Exception {
        try (Database db = Database.open(dir)) {
            SqliteEventAppends appends = db.sqliteEventAppends().orElseThrow();
            assertThat(appends.setting("synchronous")).isEqualTo("1"); // NORMAL
            assertThat(appends.setting("journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(Integer.parseInt(appends.setting("busy_timeout"))).isPositive();
            db.jdbi().useHandle(h -> assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).isEqualTo(2));
        }
    }
}
