package fableforge.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Check-then-write under a limit, one at a time on every node: the work runs in one transaction
 * (joining the thread's open one) after writing the limit's guard row ({@code limit_guard}, V8).
 *
 * <p>Writing the row takes its lock on PostgreSQL until the transaction ends, so a second check of the
 * same limit waits and then sees the first one's reservation; {@code SELECT ... FOR UPDATE} would do
 * the same but SQLite has no such clause. On SQLite every transaction starts with {@code BEGIN
 * IMMEDIATE} (see {@link Database}), so the single writer already serializes them.
 */
public final class LimitGuard {

    private LimitGuard() {
    }

    public static <T> T under(Jdbi jdbi, String key, HandleCallback<T, RuntimeException> work) {
        return Writes.inTransaction(jdbi, handle -> {
            take(handle, key);
            return work.withHandle(handle);
        });
    }

    private static void take(Handle handle, String key) {
        // ON CONFLICT ... DO NOTHING: PostgreSQL 9.5+ and SQLite 3.24+ (https://www.sqlite.org/lang_upsert.html).
        handle.createUpdate("INSERT INTO limit_guard (guard_key, touched) VALUES (:key, 0) ON CONFLICT (guard_key) DO NOTHING")
                .bind("key", key).execute();
        handle.createUpdate("UPDATE limit_guard SET touched = touched + 1 WHERE guard_key = :key")
                .bind("key", key).execute();
    }
}
