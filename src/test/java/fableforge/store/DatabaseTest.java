package fableforge.store;

import fableforge.event.StoryEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What every engine must do alike; {@link SqliteDatabaseTest} and {@link PostgresDatabaseTest} hold the rest. */
@ParameterizedClass
@EnumSource(Engine.class)
class DatabaseTest {

    @TempDir
    Path dir;

    @Parameter
    Engine engine;

    private final TestStories.SteppingClock clock = new TestStories.SteppingClock(Instant.parse("2026-11-01T10:00:00Z"));
    private TestDatabase store;
    private Database db;
    private StoryRepository stories;
    private EventLog events;

    @BeforeEach
    void open() {
        store = engine.open(dir);
        db = store.database();
        stories = new StoryRepository(db.jdbi(), clock);
        events = new EventLog(db.jdbi(), clock);
    }

    @AfterEach
    void close() {
        if (store != null) { // null when opening failed: that error is the one to see
            store.close();
        }
    }

    @Test
    void migrationsCreateEveryTableAndRecordEachMigrationOnce() throws SQLException {
        List<String> tables = db.jdbi().<List<String>, SQLException>withHandle(h -> {
            DatabaseMetaData metadata = h.getConnection().getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet rows = metadata.getTables(null, h.getConnection().getSchema(), "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    names.add(rows.getString("TABLE_NAME"));
                }
            }
            return names;
        });

        assertThat(tables).contains("story", "scene", "image_attempt", "story_event", "spend", "tracking_cursor",
                "video", "flyway_schema_history");
        assertThat(appliedMigrations(db)).isEqualTo(migrationFiles());
    }

    @Test
    void reopeningRunsNoMigrationAndKeepsTheData() {
        stories.create(TestStories.story("s-1"));
        events.append("s-1", "image_ready", "{}", null);

        Database reopened = store.reopen();

        assertThat(appliedMigrations(reopened)).isEqualTo(migrationFiles());
        assertThat(new StoryRepository(reopened.jdbi(), clock).find("s-1")).isPresent();
        assertThat(new EventLog(reopened.jdbi(), clock).lastSeq("s-1")).isEqualTo(1);
    }

    @Test
    void repositoryWritesInOneTransactionAreSeenInsideItAndByOthersOnlyOnceItCommits() throws Exception {
        long seq = db.inTransaction(() -> {
            stories.create(TestStories.story("s-1"));
            long appended = events.append("s-1", "story_created", "{}", null).seq();
            assertThat(stories.find("s-1")).as("the transaction sees its own writes").isPresent();
            Optional<StoryRecord> fromOtherThread = CompletableFuture.supplyAsync(() -> stories.find("s-1")).join();
            assertThat(fromOtherThread).as("another connection does not see them yet").isEmpty();
            return appended;
        });

        assertThat(seq).isEqualTo(1);
        assertThat(stories.find("s-1")).isPresent();
        assertThat(events.after("s-1", 0)).extracting(StoryEvent::name).containsExactly("story_created");
    }

    @Test
    void anExceptionInsideATransactionRollsBackEveryRepositoryWriteMadeInIt() {
        stories.create(TestStories.story("s-0"));
        IllegalStateException failure = new IllegalStateException("the media store refused the upload");

        assertThatThrownBy(() -> db.inTransaction(() -> {
            stories.create(TestStories.story("s-1"));
            events.append("s-0", "story_created", "{}", null);
            throw failure;
        })).isSameAs(failure);

        assertThat(stories.find("s-1")).isEmpty();
        assertThat(events.lastSeq("s-0")).isZero();
        assertThat(events.after("s-0", 0)).isEmpty();
        assertThat(events.append("s-0", "story_created", "{}", null).seq()).as("no seq was used up").isEqualTo(1);
    }

    @Test
    void aClosedDatabaseRefusesNewWork() {
        db.close();

        assertThatThrownBy(db::jdbi).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        db.close();
    }

    /** Every migration in the source tree, each applied once (the count grows with each V<n>__*.sql). */
    private static int migrationFiles() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return (int) files.filter(file -> file.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int appliedMigrations(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")
                .mapTo(Integer.class).one());
    }
}
