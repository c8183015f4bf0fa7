package fableforge;

import fableforge.settings.SettingsReader;
import java.time.Duration;
import java.util.Optional;

/**
 * The abuse limits of issue 13 that are not about connections: each user's daily spend cap, how long
 * a spend reservation lasts, each user's request rates on paid or heavy endpoints, and each user's
 * upload quota. The day's cap for everyone ({@code SPEND_LIMIT_USD_PER_DAY}) is in {@link fableforge.spend.SpendSettings}.
 *
 * @param perUserUsdPerDay      {@code SPEND_LIMIT_USD_PER_USER_PER_DAY}; empty: no per-user cap
 * @param reservationLifetime   {@code SPEND_RESERVATION_MINUTES}: how long accepted work's quote counts
 *                              if the work never reports back (a crashed node)
 * @param userRatePerMinute     {@code USER_RATE_PER_MIN}: submit, approve_scenes, generate_video and
 *                              music upload, each, per user
 * @param userRedrawRatePerMinute {@code USER_REDRAW_RATE_PER_MIN}: image rejections (redraws) per user
 * @param uploadQuotaMb         {@code UPLOAD_QUOTA_MB_PER_USER}; 0: no quota
 */
public record Limits(Optional<Double> perUserUsdPerDay, Duration reservationLifetime, int userRatePerMinute,
                     int userRedrawRatePerMinute, int uploadQuotaMb) {

    static Limits read(SettingsReader reader) {
        return new Limits(
                reader.optionalDecimal("SPEND_LIMIT_USD_PER_USER_PER_DAY", 0, 1_000_000),
                // At least as long as a queued story's images or a render may wait and run; a crash
                // holds the cap for at most this long.
                Duration.ofMinutes(reader.integer("SPEND_RESERVATION_MINUTES", 120, 1, 10_080)),
                reader.integer("USER_RATE_PER_MIN", 20, 1, 100_000),
                reader.integer("USER_REDRAW_RATE_PER_MIN", 60, 1, 100_000),
                reader.integer("UPLOAD_QUOTA_MB_PER_USER", 200, 0, 1_000_000));
    }
}
