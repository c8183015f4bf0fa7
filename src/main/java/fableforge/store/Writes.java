package fableforge.store;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs a write in one transaction, again from the start if it lost a race for a unique key.
 *
 * <p>On SQLite a transaction holds the database's write lock from its first statement, so races do
 * not happen there. On PostgreSQL two nodes can both read "the next number is 7" and one of the
 * inserts then fails with a unique violation; the transaction is rolled back and run again, and sees
 * the winner's row.
 */
final class Writes {

    private static final int MAX_RUNS = 10;
    private static final String UNIQUE_VIOLATION = "23505";

    private Writes() {
    }

    /**
     * Inside a transaction already open on this thread (see {@link Database#inTransaction}), the work
     * joins it and runs once: after a failed statement PostgreSQL accepts nothing more in that
     * transaction, so only the outermost one can be rolled back and run again.
     */
    static <T> T inTransaction(Jdbi jdbi, HandleCallback<T, RuntimeException> work) {
        return jdbi.withHandle(handle -> {
            if (handle.isInTransaction()) {
                return work.withHandle(handle);
            }
            for (int run = 1; ; run++) {
                try {
                    return handle.inTransaction(work);
                } catch (JdbiException e) {
                    if (run >= MAX_RUNS || !lostRace(e)) {
                        throw e;
                    }
                }
            }
        });
    }

    private static boolean lostRace(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** True if the story exists; takes the story row's lock (PostgreSQL) or the write lock (SQLite). */
    static boolean lockStory(Handle handle, String storyId) {
        return handle.createUpdate("UPDATE story SET last_event_seq = last_event_seq WHERE story_id = :storyId")
                .bind("storyId", storyId)
                .execute() == 1;
    }
}
