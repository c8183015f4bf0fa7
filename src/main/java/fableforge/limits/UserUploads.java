package fableforge.limits;

import fableforge.store.LimitGuard;
import java.time.Clock;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The per-user storage quota for uploads ({@code UPLOAD_QUOTA_MB_PER_USER}; 0 = none): what each user
 * uploaded is kept in {@code user_upload} (V8), one row per stored file, so the same file uploaded
 * twice counts once. The check and the row are written in one transaction under the user's guard row
 * (see {@link LimitGuard}), so uploads at the same moment cannot pass the quota together.
 */
public final class UserUploads {

    private static final long MB = 1024L * 1024;

    private final Jdbi jdbi;
    private final Clock clock;
    private final long quotaBytes;

    public UserUploads(Jdbi jdbi, Clock clock, long quotaMb) {
        if (quotaMb < 0) {
            throw new IllegalArgumentException("the upload quota must not be negative, was " + quotaMb);
        }
        this.jdbi = jdbi;
        this.clock = clock;
        this.quotaBytes = quotaMb * MB;
    }

    /** No quota: uploads are not counted. */
    public static UserUploads unlimited() {
        return new UserUploads(null, Clock.systemUTC(), 0);
    }

    /**
     * Refuses early, before the body is read, an upload whose declared length alone would pass the
     * quota ({@code declaredBytes} -1: not declared, checked once read).
     */
    public void checkRoom(String userId, long declaredBytes) {
        if (quotaBytes == 0 || declaredBytes < 0) {
            return;
        }
        long used = jdbi.withHandle(handle -> used(handle, userId));
        if (used + declaredBytes > quotaBytes) {
            throw exceeded(used, declaredBytes);
        }
    }

    /**
     * Counts a file the user is about to store under {@code key}.
     *
     * @return true if it was counted now (release it if storing fails), false if it was counted before
     * @throws QuotaExceeded if it would take the user past the quota
     */
    public boolean claim(String userId, String key, long bytes) {
        if (quotaBytes == 0) {
            return false;
        }
        return LimitGuard.under(jdbi, "upload:" + userId, handle -> {
            boolean counted = handle.createQuery("SELECT COUNT(*) FROM user_upload WHERE user_id = :user AND media_key = :key")
                    .bind("user", userId).bind("key", key).mapTo(Integer.class).one() > 0;
            if (counted) {
                return false;
            }
            long used = used(handle, userId);
            if (used + bytes > quotaBytes) {
                throw exceeded(used, bytes);
            }
            handle.createUpdate("INSERT INTO user_upload (user_id, media_key, size_bytes, created_at) VALUES (:user, :key, :bytes, :now)")
                    .bind("user", userId).bind("key", key).bind("bytes", bytes).bind("now", clock.millis()).execute();
            return true;
        });
    }

    /** Storing a claimed file failed: it no longer counts. */
    public void release(String userId, String key) {
        if (quotaBytes == 0) {
            return;
        }
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM user_upload WHERE user_id = :user AND media_key = :key")
                .bind("user", userId).bind("key", key).execute());
    }

    /** Bytes the user's uploads take now. */
    public long used(String userId) {
        return quotaBytes == 0 ? 0 : jdbi.withHandle(handle -> used(handle, userId));
    }

    private static long used(Handle handle, String userId) {
        return handle.createQuery("SELECT COALESCE(SUM(size_bytes), 0) FROM user_upload WHERE user_id = :user")
                .bind("user", userId).mapTo(Long.class).one();
    }

    private QuotaExceeded exceeded(long used, long bytes) {
        return new QuotaExceeded("your uploads already use " + mb(used) + " MB of your " + quotaBytes / MB + " MB quota and this file is "
                + mb(bytes) + " MB; reuse a music_key you have, or ask for UPLOAD_QUOTA_MB_PER_USER to be raised");
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (double) MB);
    }
}
