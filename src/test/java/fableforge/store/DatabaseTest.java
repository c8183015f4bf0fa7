package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void migrationsCreateTheSchemaInAFreshDataDirectory() {
        Path dataDir = dir.resolve("nested/data");
        try (Database db = Database.open(dataDir)) {
            assertThat(dataDir.resolve("fableforge.db")).exists();
            List<String> tables = db.jdbi().withHandle(h -> h.createQuery(
                            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                    .mapTo(String.class).list());
            assertThat(tables).contains("story", "scene", "image_attempt", "story_event", "spend", "tracking_cursor",
                    "flyway_schema_history");
            assertThat(appliedMigrations(db)).isEqualTo(migrationFiles());
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
    void reopeningRunsNoMigrationAndKeepsTheData() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
        try (Database db = Database.open(dir)) {
            new StoryRepository(db.jdbi(), clock).create(TestStories.story("s-1"));
            new EventLog(db.jdbi(), clock).append("s-1", "image_ready", "{}", null);
        }
        try (Database db = Database.open(dir)) {
            assertThat(appliedMigrations(db)).isEqualTo(migrationFiles());
            assertThat(new StoryRepository(db.jdbi(), clock).find("s-1")).isPresent();
            assertThat(new EventLog(db.jdbi(), clock).lastSeq("s-1")).isEqualTo(1);
        }
    }

    /** Every migration in the source tree, each applied once (the count grows with each V<n>__*.sql). */
    private static int migrationFiles() {
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db/migration"))) {
            return (int) files.filter(file -> file.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int appliedMigrations(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL")
                .mapTo(Integer.class).one());
    }
}
