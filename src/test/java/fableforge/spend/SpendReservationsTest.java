package fableforge.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.store.Database;
import fableforge.store.Engine;
import fableforge.store.NewStory;
import fableforge.store.SceneRow;
import fableforge.store.StoryRepository;
import fableforge.store.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The daily caps count spent + reserved + the quote, in one transaction, on both engines. */
@ParameterizedClass
@EnumSource(Engine.class)
class SpendReservationsTest {

    private static final Optional<BigDecimal> SIXTY_CENTS = Optional.of(new BigDecimal("0.60"));

    @TempDir
    java.nio.file.Path dir;

    @Parameter
    Engine engine;

    private TestDatabase store;
    private Database database;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @BeforeEach
    void open() {
        store = engine.open(dir);
        database = store.database();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private SpendLedger ledger(Double daily, Double perUser) {
        return new SpendLedger(database.jdbi(), clock, Optional.ofNullable(daily), Optional.ofNullable(perUser), Duration.ofMinutes(120));
    }

    private static List<SpendLedger.Hold> hold(String id) {
        return List.of(new SpendLedger.Hold(id, "image", SIXTY_CENTS));
    }

    @Test
    void aReservationCountsAgainstTheCapUntilItIsSettled() throws Exception {
        SpendLedger ledger = ledger(1.0, null);
        ledger.reserve("open", "s1", hold("a"), "image a");

        assertThatThrownBy(() -> ledger.reserve("open", "s1", hold("b"), "image b"))
                .isInstanceOf(SpendLedger.SpendLimitReached.class)
                .hasMessageContaining("$0.60 reserved for work in progress")
                .hasMessageContaining("image b was not started");
        assertThat(ledger.reserved()).isEqualByComparingTo("0.60");

        // The work ended: its real cost is in the ledger, the reservation goes.
        ledger.record(new Charge("s1", "image", "openai", "gpt-image-1", "1024x1536", Optional.of(new BigDecimal("0.30"))));
        ledger.settle("a");
        ledger.reserve("open", "s1", hold("b"), "image b");
        assertThat(ledger.held("b")).isTrue();
        assertThat(ledger.reserved()).isEqualByComparingTo("0.60");
    }

    @Test
    void aReservationThatIsHeldPassesAgainAndOneThatExpiredIsCheckedAgain() throws Exception {
        SpendLedger ledger = ledger(1.0, null);
        ledger.reserve("open", "s1", hold("a"), "image a");

        // A queued job checking again as it starts passes on its own reservation, even with the cap full.
        ledger.reserve("open", "s1", hold("a"), "image a");
        assertThat(ledger.reserved()).isEqualByComparingTo("0.60");

        // A crashed node never settles: after the lifetime the reservation no longer holds the cap.
        clock.set(clock.instant().plus(Duration.ofMinutes(121)));
        assertThat(ledger.held("a")).isFalse();
        assertThat(ledger.reserved()).isEqualByComparingTo("0");
        ledger.reserve("open", "s1", hold("b"), "image b");
        // ...and the expired job, started late, finds the cap taken and is refused instead of spending.
        assertThatThrownBy(() -> ledger.reserve("open", "s1", hold("a"), "image a"))
                .isInstanceOf(SpendLedger.SpendLimitReached.class);
    }

    @Test
    void workOfUnknownPriceIsAcceptedOnlyBelowTheCapAndFreeWorkAlways() throws Exception {
        SpendLedger ledger = ledger(1.0, null);
        ledger.checkCanSpend(Optional.empty(), "writing the story");
        ledger.record(new Charge("s1", "story", "openai", "gpt-4o", "tokens", Optional.of(new BigDecimal("1.00"))));

        assertThatThrownBy(() -> ledger.checkCanSpend(Optional.empty(), "writing the story"))
                .hasMessageContaining("today's spend limit of $1.00 is reached ($1.00 spent");
        ledger.reserve("open", "s1", List.of(new SpendLedger.Hold("free", "image", Optional.of(BigDecimal.ZERO))), "offline images");
        assertThat(ledger.held("free")).isFalse();
    }

    @Test
    void oneUserAtTheirCapDoesNotStopAnother() throws Exception {
        SpendLedger ledger = ledger(null, 1.0);
        StoryRepository stories = new StoryRepository(database.jdbi(), clock);
        stories.create(story("story-of-ann", "ann"));
        ledger.record(new Charge("story-of-ann", "image", "openai", "gpt-image-1", "1024x1536", Optional.of(new BigDecimal("0.70"))));

        assertThatThrownBy(() -> ledger.reserve("ann", "story-of-ann", hold("ann-1"), "image 1"))
                .isInstanceOf(SpendLedger.SpendLimitReached.class)
                .hasMessageContaining("your daily spend limit of $1.00 has $0.30 left ($0.70 spent")
                .hasMessageContaining("SPEND_LIMIT_USD_PER_USER_PER_DAY");
        ledger.reserve("bob", "story-of-bob", hold("bob-1"), "image 1");
        assertThat(ledger.held("bob-1")).isTrue();
    }

    @Test
    void twoReservationsAtTheSameMomentUnderACapThatFitsOneHaveExactlyOneWinner() throws Exception {
        SpendLedger ledger = ledger(1.0, null);
        int contenders = 6;
        CyclicBarrier start = new CyclicBarrier(contenders);
        ExecutorService threads = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String id = "job-" + i;
                results.add(threads.submit(() -> {
                    start.await();
                    try {
                        ledger.reserve("open", "s" + id, hold(id), id);
                        return true;
                    } catch (SpendLedger.SpendLimitReached e) {
                        return false;
                    }
                }));
            }
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(ledger.reserved()).isEqualByComparingTo("0.60");
        } finally {
            threads.shutdownNow();
        }
    }

    private static NewStory story(String storyId, String owner) {
        List<SceneRow> scenes = IntStream.rangeClosed(1, 20)
                .mapToObj(n -> new SceneRow(n, "discovery", "Scene " + n + ".", "Scene " + n + " of 20.", false)).toList();
        return new NewStory(storyId, "{}", 1L, "{}", "bible", "a forest", "storybook", "9:16", scenes, owner);
    }

    /** A clock that stands still until the test moves it. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
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
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
