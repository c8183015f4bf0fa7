package fableforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.fake.FakeGoogleSheets;
import fableforge.fake.FakeGoogleSheets.Failure;
import fableforge.job.Sleeper;
import fableforge.provider.ProviderException;
import fableforge.store.Database;
import fableforge.store.EventLog;
import fableforge.store.NewStory;
import fableforge.store.SceneRow;
import fableforge.store.StoryRepository;
import fableforge.store.TrackingOutbox;
import fableforge.testing.SharedResources;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.slf4j.LoggerFactory;

/** The relay between the story event log and the (fake) Google Sheet: order, outages, restarts. */
class TrackingRelayTest {

    @TempDir
    Path dir;

    private final ObjectMapper mapper = new ObjectMapper();
    private final FakeGoogleSheets google = new FakeGoogleSheets(GoogleSheetsSinkTest.SHEET_ID, GoogleSheetsSinkTest.RANGE);
    private Database db;
    private EventLog log;
    private GoogleSheetsSink sink;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data"));
        StoryRepository stories = new StoryRepository(db.jdbi(), Clock.systemUTC());
        stories.create(story("story-a", "Ember", "fox"));
        stories.create(story("story-b", "Pip", "hedgehog"));
        log = new EventLog(db.jdbi(), Clock.systemUTC());
        sink = GoogleSheetsSink.create(GoogleSheetsSinkTest.settings(google, google.writeServiceAccount(dir.resolve("sa.json")),
                GoogleSheetsSinkTest.SHEET_ID), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
        google.close();
    }

    private TrackingRelay relay(TrackingSink sink, Duration poll, Duration maxBackoff) {
        return new TrackingRelay(new TrackingOutbox(db.jdbi(), Clock.systemUTC()), new TrackingRows(mapper), sink, poll,
                maxBackoff, Sleeper.REAL, Clock.systemUTC());
    }

    private TrackingRelay relay() {
        return relay(sink, Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private static NewStory story(String id, String hero, String animal) {
        List<SceneRow> scenes = IntStream.rangeClosed(1, 20)
                .mapToObj(n -> new SceneRow(n, "underdog", "Scene " + n + ".", "Style: storybook. Scene " + n + " of 20.", false))
                .toList();
        return new NewStory(id, "{\"animal\":\"" + animal + "\"}", 7L, "{\"name\":\"" + hero + "\",\"species\":\"" + animal + "\"}",
                hero + " is a small " + animal + ".", "a misty forest", "storybook watercolor", "9:16", scenes);
    }

    private void imageReady(String story, int scene) {
        log.append(story, "image_ready", mapper.createObjectNode().put("scene_number", scene).put("attempt", 1)
                .put("status", "pending_approval").put("prompt", "Scene " + scene + " prompt")
                .put("url", "media/" + story + "/" + scene + ".png").toString(), "image:" + scene + ":1");
    }

    private List<String> sheetKeys() {
        return google.rows().stream().map(row -> row.get(11).asText()).toList();
    }

    private List<String> sheetEvents() {
        return google.rows().stream().map(row -> row.get(1).asText() + " " + row.get(2).asText()).toList();
    }

    @Test
    void deliversTrackedEventsOncePerRowInOrderAndSkipsUntrackedOnes() throws Exception {
        TrackingRelay relay = relay();
        log.append("story-a", "story_created", "{\"setting\":\"a misty forest\"}", "story_created");
        log.append("story-a", "scenes_approved", "{\"edited_scenes\":2}", "scenes_approved");
        imageReady("story-a", 1);
        log.append("story-a", "video_progress", "{\"percent\":10}", null);
        log.append("story-b", "story_created", "{}", "story_created");
        imageReady("story-a", 2);

        assertThat(relay.deliverOnce()).isEqualTo(6);
        assertThat(relay.deliverOnce()).as("nothing left").isZero();

        assertThat(sheetEvents()).containsExactly("story-a story_created", "story-a scenes_approved", "story-a image_ready",
                "story-b story_created", "story-a image_ready");
        assertThat(sheetKeys()).containsExactly("story-a#1", "story-a#2", "story-a#3", "story-b#1", "story-a#5");
        List<JsonNode> image = google.rows().get(2);
        assertThat(image.get(3).asText()).isEqualTo("Ember");
        assertThat(image.get(4).asText()).isEqualTo("fox");
        assertThat(image.get(5).asInt()).isEqualTo(1);
        assertThat(image.get(8).asText()).isEqualTo("Scene 1 prompt");
        assertThat(image.get(9).asText()).isEqualTo("media/story-a/1.png");
        assertThat(google.rows().get(1).get(10).asText()).isEqualTo("2 of 20 scenes edited");
        assertThat(google.appendRequests()).as("one append per round with rows").hasSize(1);
        assertThat(relay.status().backlog()).isZero();
    }

    @Test
    void rowsWaitThroughAnOutageOfSeveralRoundsAndThenArriveOnceInOrder() throws Exception {
        TrackingRelay relay = relay();
        log.append("story-a", "story_created", "{}", "story_created");
        relay.deliverOnce();
        google.failWith(Failure.PERMISSION_DENIED);

        for (int scene = 1; scene <= 4; scene++) {
            imageReady("story-a", scene);
            imageReady("story-b", scene);
            assertThatThrownBy(relay::deliverOnce).isInstanceOf(ProviderException.class);
        }
        assertThat(relay.status().backlog()).isEqualTo(8);
        assertThat(relay.status().lastError()).isEmpty().as("only the running loop records outages");
        google.recover();
        relay.deliverOnce();

        assertThat(sheetKeys()).containsExactly("story-a#1", "story-a#2", "story-b#1", "story-a#3", "story-b#2",
                "story-a#4", "story-b#3", "story-a#5", "story-b#4");
        assertThat(relay.status().backlog()).isZero();
    }

    @Test
    @ResourceLock(SharedResources.TRACKING_RELAY_LOG) // counts the relay's warnings: no other relay may warn meanwhile
    void runningRelayBacksOffDuringAnOutageLogsItOnceAndCatchesUp() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(TrackingRelay.class);
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(logged);
        logged.start();
        google.failWith(Failure.INTERNAL);
        try (TrackingRelay relay = relay(sink, Duration.ofMillis(10), Duration.ofMillis(160))) {
            relay.start();
            log.append("story-a", "story_created", "{}", "story_created");
            await(() -> google.appendRequests().size() >= 3);
            int before = google.appendRequests().size();
            Thread.sleep(800);
            int during = google.appendRequests().size() - before;
            imageReady("story-a", 1);
            assertThat(relay.status().lastError()).hasValueSatisfying(error -> assertThat(error).contains("500"));
            assertThat(relay.status().failingSince()).isPresent();
            assertThat(relay.status().backlog()).isEqualTo(2);

            google.recover();
            await(() -> google.rows().size() == 2);

            assertThat(during).as("tries in 800 ms at most every 160 ms, not every 10 ms").isBetween(3, 7);
            assertThat(sheetKeys()).containsExactly("story-a#1", "story-a#2");
            // The fake stores a batch before the relay counts it, and a round that read the outbox before
            // the image event may land first: wait for the count itself, not for a proxy of it.
            await(() -> relay.status().deliveredRows() == 2);
            await(() -> relay.status().lastError().isEmpty());
        } finally {
            logger.detachAppender(logged);
            logger.setLevel(level);
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.INFO)
                .anyMatch(e -> e.getFormattedMessage().contains("answers again"));
    }

    @Test
    void aNewRelayResumesFromTheCursorsTheLastOneMoved() throws Exception {
        try (TrackingRelay first = relay()) {
            log.append("story-a", "story_created", "{}", "story_created");
            imageReady("story-a", 1);
            first.deliverOnce();
        }
        imageReady("story-a", 2);
        log.append("story-b", "story_created", "{}", "story_created");

        try (TrackingRelay second = relay()) {
            second.start();
            await(() -> google.rows().size() == 4);
            Thread.sleep(100);
        }

        assertThat(sheetKeys()).containsExactly("story-a#1", "story-a#2", "story-a#3", "story-b#1");
    }

    @Test
    void aBatchTheSheetTookButWhoseCursorDidNotMoveIsSentAgainWithTheSameKeys() throws Exception {
        // The process dies between the sheet's answer and the cursor's commit: delivery is at least once.
        TrackingSink diesAfterAppending = new TrackingSink() {
            public String name() {
                return sink.name();
            }

            public void append(List<TrackingRow> rows) throws ProviderException {
                sink.append(rows);
                throw new IllegalStateException("killed before the cursor moved");
            }
        };
        log.append("story-a", "story_created", "{}", "story_created");
        assertThatThrownBy(() -> relay(diesAfterAppending, Duration.ofMillis(20), Duration.ofMillis(200)).deliverOnce())
                .isInstanceOf(IllegalStateException.class);

        relay().deliverOnce();

        assertThat(sheetKeys()).containsExactly("story-a#1", "story-a#1");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(10);
        }
    }
}
