package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.spend.Charge;
import fableforge.spend.SpendLedger;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The version of a story's cached view changes with every change GET /story shows, evented or not, and only then. */
@ParameterizedClass
@EnumSource(Engine.class)
class StoryVersionsTest {

    @TempDir
    Path dir;

    @Parameter
    Engine engine;

    private final TestStories.SteppingClock clock = new TestStories.SteppingClock(Instant.parse("2026-11-01T10:00:00Z"));
    private TestDatabase store;
    private StoryVersions versions;
    private ImageRepository images;

    @BeforeEach
    void open() {
        store = engine.open(dir);
        StoryRepository stories = new StoryRepository(store.database().jdbi(), clock);
        stories.create(TestStories.story("s-1"));
        versions = stories.versions();
        images = new ImageRepository(store.database().jdbi(), clock);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aStoryThatDoesNotExistHasNoVersionAndOneThatDoesKeepsItsVersionWhileNothingChanges() {
        assertThat(versions.find("nope")).isEmpty();
        StoryVersions.StoryVersion first = versions.find("s-1").orElseThrow();
        assertThat(first.ownerId()).isNull();
        assertThat(versions.find("s-1")).contains(first);
    }

    @Test
    void anEventAJobClaimedAFixedQueuedPromptAVideoAskedForAndSpendEachMakeANewVersion() throws Exception {
        List<StoryVersions.StoryVersion> seen = new java.util.ArrayList<>();
        seen.add(now());
        new EventLog(store.database().jdbi(), clock).append("s-1", "story_created", "{}", null);
        seen.add(now());
        ImageAttempt attempt = images.createAttempt("s-1", 1, "a fox");
        seen.add(now());
        images.jobs().claim(new JobKey("s-1", 1, attempt.attempt()), "node-a", clock.instant(), clock.instant().plusSeconds(60));
        seen.add(now());
        ImageAttempt queued = images.createAttempt("s-1", 2, "a hare");
        seen.add(now());
        images.updateQueuedPrompt("s-1", 2, queued.attempt(), "a hare, colours as in the sheet");
        seen.add(now());
        new VideoRepository(store.database().jdbi(), clock).request("s-1", "local", "none", true, Optional.empty());
        seen.add(now());
        SpendLedger ledger = new SpendLedger(store.database().jdbi(), clock, Optional.of(100.0)); // reservations are kept only under a cap
        ledger.record(new Charge("another-story", "image", "openai", "m", "d", Optional.of(new BigDecimal("0.04"))));
        seen.add(now());
        ledger.reserve("u", "another-story", List.of(new SpendLedger.Hold("image:x:1:1", "image", Optional.of(new BigDecimal("0.04")))), "an image");
        seen.add(now());
        assertThat(seen).doesNotHaveDuplicates();

        // An expired reservation no longer counts: the cost shown is back to what it was, and so is the version.
        clock.advance(SpendLedger.DEFAULT_RESERVATION_LIFETIME.plus(Duration.ofMinutes(1)));
        assertThat(now()).isNotEqualTo(seen.get(seen.size() - 1)).isEqualTo(seen.get(seen.size() - 2));
    }

    private StoryVersions.StoryVersion now() {
        return versions.find("s-1").orElseThrow();
    }
}
