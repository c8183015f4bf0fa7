package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class ImageRepositoryTest {

    private static final Instant START = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    private final TestStories.SteppingClock clock = new TestStories.SteppingClock(START);
    @Parameter
    Engine engine;

    private TestDatabase store;
    private Database db;
    private ImageRepository images;

    @BeforeEach
    void open() {
        store = engine.open(dir);
        db = store.database();
        new StoryRepository(db.jdbi(), clock).create(TestStories.story("s-1"));
        images = new ImageRepository(db.jdbi(), clock);
    }

    @AfterEach
    void close() {
        if (store != null) { // null when opening failed: that error is the one to see
            store.close();
        }
    }

    @Test
    void attemptsAreNumberedPerSceneFromOne() {
        ImageAttempt first = images.createAttempt("s-1", 4, "a fox");
        ImageAttempt second = images.createAttempt("s-1", 4, "a fox, again");
        ImageAttempt otherScene = images.createAttempt("s-1", 5, "a river");

        assertThat(first.attempt()).isEqualTo(1);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(otherScene.attempt()).isEqualTo(1);
        assertThat(first.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(first.prompt()).isEqualTo("a fox");
        assertThat(first.queuedAt()).isEqualTo(START);
        assertThat(first.startedAt()).isNull();
        assertThat(images.find("s-1", 4, 2)).contains(second);
    }

    @Test
    void anAttemptGoesFromQueuedThroughRunningToProducedWithItsTimings() {
        images.createAttempt("s-1", 1, "prompt");
        clock.advance(Duration.ofSeconds(2));
        assertThat(claim("s-1", 1, 1)).isTrue();
        clock.advance(Duration.ofSeconds(8));
        assertThat(images.markProduced("s-1", 1, 1, "/media/s-1/1.png", "s-1/1.png", 1024, 1536, 2, "final prompt")).isTrue();

        ImageAttempt produced = images.find("s-1", 1, 1).orElseThrow();
        assertThat(produced.status()).isEqualTo(ImageStatus.PENDING_APPROVAL);
        assertThat(produced.url()).isEqualTo("/media/s-1/1.png");
        assertThat(produced.mediaKey()).isEqualTo("s-1/1.png");
        assertThat(produced.width()).isEqualTo(1024);
        assertThat(produced.height()).isEqualTo(1536);
        assertThat(produced.tries()).isEqualTo(2);
        assertThat(produced.finalPrompt()).isEqualTo("final prompt");
        assertThat(produced.queuedAt()).isEqualTo(START);
        assertThat(produced.startedAt()).isEqualTo(START.plusSeconds(2));
        assertThat(produced.finishedAt()).isEqualTo(START.plusSeconds(10));
        assertThat(produced.produced()).isTrue();
    }

    @Test
    void theHerosBoxIsKeptWithAProducedAttemptAndAbsentOtherwise() {
        images.createAttempt("s-1", 1, "prompt");
        claim("s-1", 1, 1);
        assertThat(images.recordSubject("s-1", 1, 1, new java.awt.Rectangle(10, 20, 300, 400))).as("no image yet").isFalse();
        images.markProduced("s-1", 1, 1, "/a.png", "a.png", 1080, 1920, 1, "p");
        assertThat(images.find("s-1", 1, 1).orElseThrow().subjectBox()).as("the generator did not say").isEmpty();

        assertThat(images.recordSubject("s-1", 1, 1, new java.awt.Rectangle(10, 20, 300, 400))).isTrue();

        assertThat(images.find("s-1", 1, 1).orElseThrow().subjectBox()).contains(new java.awt.Rectangle(10, 20, 300, 400));
    }

    @Test
    void aJobThatRunsAgainAfterFinishingChangesNothing() {
        images.createAttempt("s-1", 1, "prompt");
        claim("s-1", 1, 1);
        images.markProduced("s-1", 1, 1, "/a.png", "a.png", 10, 10, 1, "p");
        ImageAttempt done = images.find("s-1", 1, 1).orElseThrow();
        clock.advance(Duration.ofMinutes(1));

        assertThat(claim("s-1", 1, 1)).isFalse();
        assertThat(images.markProduced("s-1", 1, 1, "/b.png", "b.png", 20, 20, 1, "q")).isFalse();
        assertThat(images.markFailed("s-1", 1, 1, "boom", 3)).isFalse();
        assertThat(images.find("s-1", 1, 1)).contains(done);
    }

    @Test
    void aFailedAttemptKeepsItsReasonAndTries() {
        images.createAttempt("s-1", 2, "prompt");
        claim("s-1", 2, 1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(images.markFailed("s-1", 2, 1, "refused by content policy after 3 tries", 3)).isTrue();

        ImageAttempt failed = images.find("s-1", 2, 1).orElseThrow();
        assertThat(failed.status()).isEqualTo(ImageStatus.FAILED);
        assertThat(failed.error()).isEqualTo("refused by content policy after 3 tries");
        assertThat(failed.tries()).isEqualTo(3);
        assertThat(failed.finishedAt()).isEqualTo(START.plusSeconds(30));
        assertThat(failed.url()).isNull();
        assertThat(images.approve("s-1", 2, 1)).isFalse();
    }

    @Test
    void approveAndRejectRecordTheUsersDecision() {
        produce(1);
        produce(2);
        clock.advance(Duration.ofSeconds(5));

        assertThat(images.approve("s-1", 1, 1)).isTrue();
        assertThat(images.reject("s-1", 2, 1, "the fox has three tails")).isTrue();

        assertThat(images.find("s-1", 1, 1).orElseThrow().status()).isEqualTo(ImageStatus.APPROVED);
        assertThat(images.find("s-1", 1, 1).orElseThrow().decidedAt()).isEqualTo(START.plusSeconds(5));
        ImageAttempt rejected = images.find("s-1", 2, 1).orElseThrow();
        assertThat(rejected.status()).isEqualTo(ImageStatus.REJECTED);
        assertThat(rejected.rejectReason()).isEqualTo("the fox has three tails");
        assertThat(images.reject("s-1", 1, 1, null)).as("an approved image can still be rejected").isTrue();
        assertThat(images.approve("s-1", 2, 1)).as("a rejected version can still be chosen later").isTrue();
        assertThat(images.find("s-1", 2, 1).orElseThrow().rejectReason()).isNull();
    }

    @Test
    void aSceneHasAtMostOneApprovedAttemptAndAnEarlierVersionCanBeChosen() {
        produce(3);
        images.approve("s-1", 3, 1);

        ImageAttempt regenerated = images.createAttempt("s-1", 3, "new prompt");
        assertThat(images.find("s-1", 3, 1).orElseThrow().status())
                .as("regenerating withdraws the earlier approval").isEqualTo(ImageStatus.PENDING_APPROVAL);
        images.markProduced("s-1", 3, regenerated.attempt(), "/b.png", "b.png", 10, 10, 1, "new prompt");

        assertThat(images.approve("s-1", 3, 2)).isTrue();
        assertThat(images.attempts("s-1")).filteredOn(a -> a.status().equals(ImageStatus.APPROVED))
                .extracting(ImageAttempt::attempt).containsExactly(2);

        assertThat(images.approve("s-1", 3, 1)).as("going back to the earlier version").isTrue();
        assertThat(images.attempts("s-1")).filteredOn(a -> a.status().equals(ImageStatus.APPROVED))
                .extracting(ImageAttempt::attempt).containsExactly(1);
        assertThat(images.find("s-1", 3, 2).orElseThrow().status()).isEqualTo(ImageStatus.PENDING_APPROVAL);
        assertThat(images.approve("s-1", 3, 9)).as("a version that does not exist").isFalse();
    }

    @Test
    void latestAndCountsFollowEachScenesNewestAttempt() {
        produce(1);
        produce(2);
        produce(3);
        images.approve("s-1", 1, 1);
        images.reject("s-1", 2, 1, "blurry");
        images.createAttempt("s-1", 2, "sharper");
        images.createAttempt("s-1", 4, "queued");

        Map<Integer, ImageAttempt> latest = images.latest("s-1");

        assertThat(latest.keySet()).containsExactly(1, 2, 3, 4);
        assertThat(latest.get(2).attempt()).isEqualTo(2);
        assertThat(latest.get(2).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(images.countProduced("s-1")).isEqualTo(2); // scenes 1 (approved) and 3 (pending)
        assertThat(images.countApproved("s-1")).isEqualTo(1);
        assertThat(images.attempts("s-1")).extracting(a -> a.scene() + "/" + a.attempt())
                .containsExactly("1/1", "2/1", "2/2", "3/1", "4/1");
    }

    @Test
    void unknownStoriesAndScenesGiveEmptyAnswersOrAClearError() {
        assertThat(images.find("nope", 1, 1)).isEmpty();
        assertThat(images.find("s-1", 1, 99)).isEmpty();
        assertThat(images.attempts("nope")).isEmpty();
        assertThat(images.latest("nope")).isEmpty();
        assertThat(images.countProduced("nope")).isZero();
        assertThat(images.countApproved("nope")).isZero();
        assertThat(claim("nope", 1, 1)).isFalse();
        assertThat(images.approve("nope", 1, 1)).isFalse();
        assertThatThrownBy(() -> images.createAttempt("s-1", 21, "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no scene 21");
        assertThatThrownBy(() -> images.createAttempt("nope", 1, "p")).isInstanceOf(IllegalArgumentException.class);
    }

    private void produce(int scene) {
        ImageAttempt attempt = images.createAttempt("s-1", scene, "prompt " + scene);
        claim("s-1", scene, attempt.attempt());
        images.markProduced("s-1", scene, attempt.attempt(), "/media/" + scene + ".png", scene + ".png",
                1024, 1536, 1, "prompt " + scene);
    }

    /** A node takes the attempt, as a worker does before it draws. */
    private boolean claim(String storyId, int scene, int attempt) {
        return images.jobs().claim(new JobKey(storyId, scene, attempt), "node-1", clock.instant(), clock.instant().plusSeconds(30));
    }
}
