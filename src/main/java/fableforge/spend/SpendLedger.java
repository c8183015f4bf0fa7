package fableforge.spend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every paid call, kept in the store: the running cost of each story, today's total, and the daily
 * cap ({@code SPEND_LIMIT_USD_PER_DAY}, counted per UTC day) that refuses new paid work once reached.
 */
public final class SpendLedger implements SpendMeter {

    private static final Logger LOG = LoggerFactory.getLogger(SpendLedger.class);
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Optional<BigDecimal> dailyLimit;

    public SpendLedger(Jdbi jdbi, Clock clock, Optional<Double> dailyLimitUsd) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.dailyLimit = dailyLimitUsd.map(BigDecimal::valueOf);
    }

    @Override
    public void record(Charge charge) {
        Long micros = charge.usd().map(usd -> usd.multiply(MICROS).setScale(0, RoundingMode.HALF_UP).longValueExact()).orElse(null);
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
        long dayStart = LocalDate.now(clock.withZone(ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long micros = jdbi.withHandle(handle -> handle.createQuery("SELECT COALESCE(SUM(usd_micros), 0) FROM spend WHERE created_at >= :since")
                .bind("since", dayStart).mapTo(Long.class).one());
        return usd(micros);
    }

    public Optional<BigDecimal> dailyLimit() {
        return dailyLimit;
    }

    /**
     * Refuses paid work once today's spend has reached the cap. Work that costs nothing (offline
     * adapters) is always allowed.
     */
    public void checkCanSpend(Optional<BigDecimal> upcoming, String what) throws SpendLimitReached {
        if (dailyLimit.isEmpty() || upcoming.map(usd -> usd.signum() == 0).orElse(false)) {
            return;
        }
        BigDecimal spent = spentToday();
        if (spent.compareTo(dailyLimit.get()) >= 0) {
            throw new SpendLimitReached("today's spend limit of $" + dailyLimit.get().setScale(2, RoundingMode.HALF_UP).toPlainString()
                    + " is reached ($" + spent.setScale(2, RoundingMode.HALF_UP).toPlainString() + " spent since 00:00 UTC), so " + what
                    + " was not started; raise SPEND_LIMIT_USD_PER_DAY or wait until tomorrow (UTC)");
        }
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
