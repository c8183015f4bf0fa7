package fableforge.store;

import fableforge.event.StoryEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Event appends on SQLite that join no transaction of their caller ({@link EventLog}), on one connection
 * kept open with {@code synchronous=NORMAL} (see {@link Database} for why events may skip the fsync) and
 * its statements prepared once. This is {@code emit()}'s whole cost on one node: with events 50 ms apart
 * (the SSE benchmark's 20 a second), the same two statements and commit took 1.1–1.6 ms (p50) through
 * JDBI and a one-connection pool, and 0.37–0.44 ms here.
 *
 * <p>The connection stays in auto-commit and each append is an explicit {@code BEGIN IMMEDIATE … COMMIT}:
 * the driver's own transaction handling begins the next transaction right after each commit, and an
 * immediate one would hold the write lock between appends, stalling every other writer. A connection that
 * failed is dropped and opened again at the next append. One append at a time: SQLite has one writer.
 */
final class SqliteEventAppends implements AutoCloseable {

    private final DataSource source;
    private Connection connection;
    private Statement control;
    private PreparedStatement byDedupeKey;
    private PreparedStatement raiseCounter;
    private PreparedStatement insert;
    private boolean closed;

    SqliteEventAppends(DataSource source) {
        this.source = source;
    }

    /** @see EventLog#append */
    synchronized StoryEvent append(String storyId, String name, String dataJson, String dedupeKey, long now) {
        if (closed) {
            throw new IllegalStateException("the database is closed: no event '" + name + "' can be logged");
        }
        try {
            open();
            control.execute("BEGIN IMMEDIATE");
            try {
                StoryEvent event = appendInTransaction(storyId, name, dataJson, dedupeKey, now);
                control.execute("COMMIT");
                return event;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                throw e;
            }
        } catch (SQLException e) {
            drop();
            throw new IllegalStateException("could not log event '" + name + "' of story " + storyId + ": " + e.getMessage(), e);
        }
    }

    private StoryEvent appendInTransaction(String storyId, String name, String dataJson, String dedupeKey, long now) throws SQLException {
        if (dedupeKey != null) {
            Optional<StoryEvent> earlier = earlier(storyId, dedupeKey);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        raiseCounter.setString(1, storyId);
        long seq;
        try (ResultSet row = raiseCounter.executeQuery()) {
            if (!row.next()) {
                throw EventLog.noStory(storyId, name);
            }
            seq = row.getLong(1);
        }
        insert.setString(1, storyId);
        insert.setLong(2, seq);
        insert.setString(3, name);
        insert.setString(4, dataJson);
        insert.setString(5, dedupeKey);
        insert.setLong(6, now);
        insert.executeUpdate();
        return new StoryEvent(storyId, seq, name, dataJson, Instant.ofEpochMilli(now));
    }

    private Optional<StoryEvent> earlier(String storyId, String dedupeKey) throws SQLException {
        byDedupeKey.setString(1, storyId);
        byDedupeKey.setString(2, dedupeKey);
        try (ResultSet row = byDedupeKey.executeQuery()) {
            return row.next() ? Optional.of(EventLog.event(row)) : Optional.empty();
        }
    }

    /** A setting of the appends' connection, as {@code PRAGMA name} reads it (what the store's tests check). */
    synchronized String setting(String name) throws SQLException {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a pragma name: " + name);
        }
        open();
        try (ResultSet row = control.executeQuery("PRAGMA " + name)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private void open() throws SQLException {
        if (connection != null) {
            return;
        }
        connection = source.getConnection();
        try {
            control = connection.createStatement();
            byDedupeKey = connection.prepareStatement(EventLog.BY_DEDUPE_KEY);
            raiseCounter = connection.prepareStatement(EventLog.RAISE_COUNTER);
            insert = connection.prepareStatement(EventLog.INSERT);
        } catch (SQLException e) {
            drop();
            throw e;
        }
    }

    private void rollbackQuietly() {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            // No transaction was open (BEGIN failed, or SQLite already rolled back on the error), or the
            // connection is broken, and then drop() follows.
        }
    }

    private void drop() {
        Connection broken = connection;
        connection = null;
        control = null;
        byDedupeKey = null;
        raiseCounter = null;
        insert = null;
        if (broken != null) {
            try {
                broken.close();
            } catch (SQLException e) {
                // Already broken: nothing more to release.
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }
}
