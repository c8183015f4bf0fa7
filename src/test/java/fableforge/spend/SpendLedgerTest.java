package fableforge.spend;

import fableforge.image.PriceQuote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.image.AspectRatio;
import fableforge.store.Database;
import fableforge.store.Engine;
import fableforge.store.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class SpendLedgerTest {

    @TempDir
    java.nio.file.Path dir;

    @Parameter
    Engine engine;

    private TestDatabase store;
    private Database database;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @BeforeEach
    void open() {
        store = engine.open(dir);
        database = store.database();
    }

    @AfterEach
    void close() {
        if (store != null) { // null when opening failed: that error is the one to see
            store.close();
        }
    }

    private SpendLedger ledger(Double limit) {
        return new SpendLedger(database.jdbi(), clock, Optional.ofNullable(limit));
    }

    private static Charge charge(String story, String stage, String usd) {
        return new Charge(story, stage, "openai", "gpt-image-1", "1024x1536 medium", Optional.ofNullable(usd).map(BigDecimal::new));
    }

    @Test
    void aStoryCostIsTheSumOfItsPricedCallsAndCountsUnpricedOnesApart() {
        SpendLedger ledger = ledger(null);
        ledger.record(charge("s1", "image", "0.063"));
        ledger.record(charge("s1", "image", "0.063"));
        ledger.record(charge("s1", "story", "0.0012"));
        ledger.record(charge("s1", "image", null));
        ledger.record(charge("other", "image", "1.00"));

        StorySpend spend = ledger.ofStory("s1");

        assertThat(spend.totalUsd()).isEqualByComparingTo("0.1272");
        assertThat(spend.unpricedCalls()).isEqualTo(1);
        assertThat(spend.lines()).extracting(StorySpend.Line::stage).containsExactly("image", "story");
        assertThat(ledger.spentToday()).isEqualByComparingTo("1.1272");
    }

    @Test
    void theDailyLimitRefusesPaidWorkOnceReachedAndResetsAtMidnightUtc() throws Exception {
        SpendLedger ledger = ledger(1.0);
        ledger.record(charge("s1", "image", "0.99"));
        ledger.checkCanSpend(Optional.of(new BigDecimal("0.01")), "the last cent");
        assertThatThrownBy(() -> ledger.checkCanSpend(Optional.of(new BigDecimal("1.26")), "drawing 20 images"))
                .hasMessageContaining("has $0.01 left").hasMessageContaining("less than the $1.26 quoted");

        ledger.record(charge("s1", "image", "0.02"));
        assertThatThrownBy(() -> ledger.checkCanSpend(Optional.of(new BigDecimal("0.06")), "the new image"))
                .isInstanceOf(SpendLedger.SpendLimitReached.class)
                .hasMessageContaining("today's spend limit of $1.00 is reached ($1.01 spent")
                .hasMessageContaining("the new image was not started")
                .hasMessageContaining("SPEND_LIMIT_USD_PER_DAY");
        ledger.checkCanSpend(Optional.of(BigDecimal.ZERO), "free offline images");

        clock.set(Instant.parse("2026-11-26T00:00:01Z"));
        ledger.checkCanSpend(Optional.of(new BigDecimal("0.06")), "the new image");
        assertThat(ledger.spentToday()).isEqualByComparingTo("0");
    }

    @Test
    void theCostViewQuotesTwentyImagesBeforeScenesAreApproved() {
        SpendLedger ledger = ledger(5.0);
        ledger.record(charge("s1", "story", "0.0015"));
        Spending spending = new Spending(ledger, ratio -> new PriceQuote("openai:gpt-image-1", "gpt-image-1", "1024x1536 medium",
                Optional.of(new BigDecimal("0.063"))));

        ObjectNode before = new ObjectMapper().valueToTree(spending.costOf("s1", AspectRatio.PORTRAIT, true));
        ObjectNode after = new ObjectMapper().valueToTree(spending.costOf("s1", AspectRatio.PORTRAIT, false));

        assertThat(before.path("spent_usd").decimalValue()).isEqualByComparingTo("0.0015");
        assertThat(before.path("next_step").path("units").asInt()).isEqualTo(20);
        assertThat(before.path("next_step").path("estimate_usd").decimalValue()).isEqualByComparingTo("1.26");
        assertThat(before.path("next_step").path("description").asText()).contains("1024x1536 medium");
        assertThat(before.path("per_image_usd").decimalValue()).isEqualByComparingTo("0.063");
        assertThat(before.path("daily_limit_usd").decimalValue()).isEqualByComparingTo("5");
        assertThat(after.path("next_step").isNull()).isTrue();
    }

    @Test
    void anUnknownPriceIsShownAsUnknownNotAsFree() {
        Spending spending = new Spending(ledger(null), ratio -> new PriceQuote("openai:new-model", "new-model", "1024x1536", Optional.empty()));

        ObjectNode cost = new ObjectMapper().valueToTree(spending.costOf("s1", AspectRatio.PORTRAIT, true));

        assertThat(cost.path("next_step").path("estimate_usd").isNull()).isTrue();
        assertThat(cost.path("per_image_usd").isNull()).isTrue();
        assertThat(cost.path("daily_limit_usd").isNull()).isTrue();
    }

    @Test
    void theBuiltInPriceTableKnowsTheDefaultModels() {
        PriceTable prices = PriceTable.builtIn();

        assertThat(prices.image("gpt-image-1", "1024x1536", "medium")).contains(new BigDecimal("0.063"));
        assertThat(prices.image("dall-e-3", "1024x1792", "standard")).contains(new BigDecimal("0.08"));
        assertThat(prices.image("dall-e-3", "1024x1792", "ultra")).isEmpty();
        assertThat(prices.chat("gpt-4o-mini", 2_000, 3_000).orElseThrow()).isEqualByComparingTo("0.0021");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
