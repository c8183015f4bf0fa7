package fableforge.spend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import fableforge.store.LimitGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every paid call, kept in the store: the running cost of each story, today's total, and the daily
 * caps ({@code SPEND_LIMIT_USD_PER_DAY} for everyone, {@code SPEND_LIMIT_USD_PER_USER_PER_DAY} for each
 * user, counted per UTC day) that refuse paid work which would pass them. Accepted work that has not
 * finished is reserved at its quote ({@code spend_reservation}), and counts against the caps until it
 * ends or its reservation expires.
 */
public final class SpendLedger implements SpendMeter {

    private static final Logger LOG = LoggerFactory.getLogger(SpendLedger.class);
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    /** Whose spend it is when the service runs without accounts ({@code Caller.OPEN}), and of stories without an owner. */
    public static final String OPEN_USER = "open";
    /** How long a reservation counts when its work never reports back ({@code SPEND_RESERVATION_MINUTES}'s default). */
    public static final Duration DEFAULT_RESERVATION_LIFETIME = Duration.ofMinutes(120);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Optional<BigDecimal> dailyLimit;
    private final Optional<BigDecimal> perUserLimit;
    private final Duration reservationLifetime;

    public SpendLedger(Jdbi jdbi, Clock clock, Optional<Double> dailyLimitUsd) {
        this(jdbi, clock, dailyLimitUsd, Optional.empty(), DEFAULT_RESERVATION_LIFETIME);
    }

    /**
     * @param perUserLimitUsd     the cap on each user's spend per UTC day
     * @param reservationLifetime how long a reservation counts if its work never ends (a crashed node)
     */
    public SpendLedger(Jdbi jdbi, Clock clock, Optional<Double> dailyLimitUsd, Optional<Double> perUserLimitUsd, Duration reservationLifetime) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.dailyLimit = dailyLimitUsd.map(BigDecimal::valueOf);
        this.perUserLimit = perUserLimitUsd.map(BigDecimal::valueOf);
        this.reservationLifetime = reservationLifetime;
    }

    @Override
    public void record(Charge charge) {
        Long micros = charge.usd().map(SpendLedger::micros).orElse(null);
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO spend (story_id, stage, provider, model, detail, usd_micros, created_at)"
                        + " VALUES (:story, :stage, :provider, :model, :detail, :micros, :now)")
                .bind("story", charge.storyId()).bind("stage", charge.stage()).bind("provider", charge.provider())
                .bind("model", charge.model()).bind("detail", charge.detail()).bind("micros", micros)
                .bind("now", clock.millis()).execute());
        LOG.info("[SPEND] story={} {} {} {} {}", charge.storyId(), charge.stage(), charge.model(), charge.detail(),
                charge.usd().map(usd -> "$" + usd.setScale(4, RoundingMode.HALF_UP).toPlainString()).orElse("price unknown"));
    }

    /** What a story has cost so far. */
    public StorySpend ofStory(String storyId) {
        List<StorySpend.Line> lines = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT stage, model, COUNT(*) AS calls, SUM(usd_micros) AS micros, SUM(CASE WHEN usd_micros IS NULL THEN 1 ELSE 0 END) AS unpriced"
                                + " FROM spend WHERE story_id = :story GROUP BY stage, model ORDER BY MIN(created_at)")
                .bind("story", storyId)
                .map((rs, ctx) -> new StorySpend.Line(rs.getString("stage"), rs.getString("model"), rs.getInt("calls"),
                        usd(rs.getLong("micros")), rs.getInt("unpriced")))
                .list());
        return new StorySpend(lines);
    }

    /** The total of today's (UTC) priced calls. */
    public BigDecimal spentToday() {
        long micros = jdbi.withHandle(handle -> handle.createQuery("SELECT COALESCE(SUM(usd_micros), 0) FROM spend WHERE created_at >= :since")
                .bind("since", dayStart()).mapTo(Long.class).one());
        return usd(micros);
    }

    public Optional<BigDecimal> dailyLimit() {
        return dailyLimit;
    }

    /** The cap on one user's spend per UTC day ({@code SPEND_LIMIT_USD_PER_USER_PER_DAY}), if any. */
    public Optional<BigDecimal> perUserLimit() {
        return perUserLimit;
    }

    /**
     * Refuses paid work of {@code userId} that would take today's spend past a cap. Work that costs
     * nothing (offline adapters) is always allowed; work of unknown price only while below the caps.
     */
    public void checkCanSpend(String userId, Optional<BigDecimal> upcoming, String what) throws SpendLimitReached {
        reserve(userId, "", List.of(new Hold(null, "check", upcoming)), what);
    }

    /** As {@link #checkCanSpend(String, Optional, String)} for the one user of a service without accounts. */
    public void checkCanSpend(Optional<BigDecimal> upcoming, String what) throws SpendLimitReached {
        checkCanSpend(OPEN_USER, upcoming, what);
    }

    /**
     * Accepts paid work only if, for the day's cap and for {@code userId}'s cap, spent + reserved +
     * its quote stays within the cap, and keeps the holds as reservations: checked and written in one
     * transaction under the spend guard (see {@link LimitGuard}), so two requests at the same moment
     * cannot both fit into room for one. Joins the thread's open transaction, so a caller that rolls
     * back (e.g. it lost the race for the story's status) takes its reservations back with it.
     *
     * <p>Holds already reserved and not expired are not counted again: a queued job that checks again
     * when it starts, or a retried request, passes on its own reservation. A hold with a null id is
     * checked but not kept (work whose cost is recorded at once, such as writing a story).
     *
     * @throws SpendLimitReached with what was spent, what is reserved and which setting to change
     */
    public void reserve(String userId, String storyId, List<Hold> holds, String what) throws SpendLimitReached {
        boolean free = holds.stream().allMatch(hold -> hold.usd().map(usd -> usd.signum() == 0).orElse(false));
        if (free || (dailyLimit.isEmpty() && perUserLimit.isEmpty())) {
            return;
        }
        long now = clock.millis();
        String refused = LimitGuard.under(jdbi, "spend", handle -> {
            handle.createUpdate("DELETE FROM spend_reservation WHERE expires_at <= :now").bind("now", now).execute();
            List<Hold> fresh = holds.stream().filter(hold -> hold.id() == null || !held(handle, hold.id(), now)).toList();
            if (fresh.isEmpty()) {
                return null;
            }
            Optional<BigDecimal> quote = fresh.stream().map(Hold::usd)
                    .reduce(Optional.of(BigDecimal.ZERO), (a, b) -> a.isPresent() && b.isPresent() ? Optional.of(a.get().add(b.get())) : Optional.empty());
            long since = dayStart();
            if (dailyLimit.isPresent()) {
                BigDecimal spent = usd(handle.createQuery("SELECT COALESCE(SUM(usd_micros), 0) FROM spend WHERE created_at >= :since")
                        .bind("since", since).mapTo(Long.class).one());
                BigDecimal reserved = usd(handle.createQuery("SELECT COALESCE(SUM(usd_micros), 0) FROM spend_reservation WHERE expires_at > :now")
                        .bind("now", now).mapTo(Long.class).one());
                if (!fits(dailyLimit.get(), spent, reserved, quote)) {
                    return refusal("today's spend limit", dailyLimit.get(), spent, reserved, quote, what, "SPEND_LIMIT_USD_PER_DAY");
                }
            }
            if (perUserLimit.isPresent()) {
                BigDecimal spent = usd(handle.createQuery("""
                                SELECT COALESCE(SUM(s.usd_micros), 0) FROM spend s JOIN story t ON t.story_id = s.story_id
                                WHERE s.created_at >= :since AND COALESCE(t.owner_id, :open) = :user""")
                        .bind("since", since).bind("open", OPEN_USER).bind("user", userId).mapTo(Long.class).one());
                BigDecimal reserved = usd(handle.createQuery(
                                "SELECT COALESCE(SUM(usd_micros), 0) FROM spend_reservation WHERE expires_at > :now AND user_id = :user")
                        .bind("now", now).bind("user", userId).mapTo(Long.class).one());
                if (!fits(perUserLimit.get(), spent, reserved, quote)) {
                    return refusal("your daily spend limit", perUserLimit.get(), spent, reserved, quote, what, "SPEND_LIMIT_USD_PER_USER_PER_DAY");
                }
            }
            for (Hold hold : fresh) {
                if (hold.id() == null) {
                    continue;
                }
                // DO NOTHING: another node re-checking the same job at the same moment already kept it.
                handle.createUpdate("""
                                INSERT INTO spend_reservation (reservation_id, user_id, story_id, job_kind, usd_micros, created_at, expires_at)
                                VALUES (:id, :user, :story, :kind, :micros, :now, :expires) ON CONFLICT (reservation_id) DO NOTHING""")
                        .bind("id", hold.id()).bind("user", userId).bind("story", storyId).bind("kind", hold.kind())
                        .bind("micros", hold.usd().map(SpendLedger::micros).orElse(0L)).bind("now", now)
                        .bind("expires", now + reservationLifetime.toMillis()).execute();
            }
            return null;
        });
        if (refused != null) {
            throw new SpendLimitReached(refused);
        }
    }

    /**
     * The work a reservation was kept for has ended: its real cost is in the ledger already (each paid
     * call is recorded as it happens), so the reservation simply goes, on success and failure alike.
     */
    public void settle(String reservationId) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM spend_reservation WHERE reservation_id = :id")
                .bind("id", reservationId).execute());
    }

    /** Whether the reservation is kept and not expired. */
    public boolean held(String reservationId) {
        long now = clock.millis();
        return jdbi.withHandle(handle -> held(handle, reservationId, now));
    }

    /** What accepted, unfinished work is reserved for now, by everyone. */
    public BigDecimal reserved() {
        return usd(jdbi.withHandle(handle -> handle.createQuery("SELECT COALESCE(SUM(usd_micros), 0) FROM spend_reservation WHERE expires_at > :now")
                .bind("now", clock.millis()).mapTo(Long.class).one()));
    }

    private static boolean held(Handle handle, String reservationId, long now) {
        return handle.createQuery("SELECT COUNT(*) FROM spend_reservation WHERE reservation_id = :id AND expires_at > :now")
                .bind("id", reservationId).bind("now", now).mapTo(Integer.class).one() > 0;
    }

    /** Known price: spent + reserved + quote within the cap. Unknown price: only while below the cap. */
    private static boolean fits(BigDecimal cap, BigDecimal spent, BigDecimal reserved, Optional<BigDecimal> quote) {
        BigDecimal committed = spent.add(reserved);
        return quote.map(usd -> committed.add(usd).compareTo(cap) <= 0).orElse(committed.compareTo(cap) < 0);
    }

    private static String refusal(String name, BigDecimal cap, BigDecimal spent, BigDecimal reserved, Optional<BigDecimal> quote,
                                  String what, String variable) {
        String counted = "$" + dollars(spent) + " spent since 00:00 UTC"
                + (reserved.signum() > 0 ? " and $" + dollars(reserved) + " reserved for work in progress" : "");
        String state = spent.add(reserved).compareTo(cap) >= 0
                ? name + " of $" + dollars(cap) + " is reached (" + counted + ")"
                : name + " of $" + dollars(cap) + " has $" + dollars(cap.subtract(spent).subtract(reserved)) + " left (" + counted
                        + "), less than the $" + dollars(quote.orElse(BigDecimal.ZERO)) + " quoted";
        return state + ", so " + what + " was not started; raise " + variable + " or wait until tomorrow (UTC)";
    }

    private static String dollars(BigDecimal usd) {
        return usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private long dayStart() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static long micros(BigDecimal usd) {
        return usd.multiply(MICROS).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * One piece of accepted work to reserve for.
     *
     * @param id   names the work, so it is settled when it ends (e.g. {@code image:<story>:<scene>:<attempt>});
     *             null: checked, not kept
     * @param kind {@code image}, {@code video}, ...
     * @param usd  its quote; empty when the price is unknown
     */
    public record Hold(String id, String kind, Optional<BigDecimal> usd) {
    }

    private static BigDecimal usd(long micros) {
        return BigDecimal.valueOf(micros).divide(MICROS, 6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** The daily cap stopped new paid work; the message says how much was spent and what to change. */
    public static final class SpendLimitReached extends Exception {
        public SpendLimitReached(String message) {
            super(message);
        }
    }
}
