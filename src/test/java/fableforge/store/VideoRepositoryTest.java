package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
class VideoRepositoryTest {

    private static final Instant START = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    @Parameter
    Engine engine;

    private final TestStories.SteppingClock clock = new TestStories.SteppingClock(START);
    private TestDatabase store;
    private VideoRepository videos;

    @BeforeEach
    void open() {
        store = engine.open(dir);
        new StoryRepository(store.database().jdbi(), clock).create(TestStories.story("s-1"));
        videos = new VideoRepository(store.database().jdbi(), clock);
    }

    @AfterEach
    void close() {
        if (store != null) { // null when opening failed: that error is the one to see
            store.close();
        }
    }

    @Test
    void aRequestWhileAVersionIsUnfinishedGetsThatVersionBack() {
        VideoRepository.Requested first = videos.request("s-1", "local", "none", true, Optional.empty());
        VideoRepository.Requested again = videos.request("s-1", "kling", "openai", false, Optional.of("music/a.mp3"));

        assertThat(first.created()).isTrue();
        assertThat(first.video().version()).isEqualTo(1);
        assertThat(first.video().status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(first.video().draft()).isTrue();
        assertThat(first.video().musicKey()).isEmpty();
        assertThat(first.video().fallbacksJson()).isEqualTo("[]");
        assertThat(again.created()).isFalse();
        assertThat(again.video()).isEqualTo(first.video());
        assertThat(videos.jobs().claimable(clock.instant(), 10)).extracting(JobKey::number).containsExactly(1);
    }

    @Test
    void aFinishedVersionKeepsItsFilesAndTheNextRequestGetsTheNextVersion() {
        videos.request("s-1", "local", "none", false, Optional.of("music/a.mp3"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(claim("s-1", 1)).isTrue();
        assertThat(videos.setFallbacks("s-1", 1, "[3,7]")).isTrue();
        clock.advance(Duration.ofSeconds(9));
        VideoRecord.Files files = new VideoRecord.Files("s-1/v1.mp4", "/media/s-1/v1.mp4", "/media/s-1/v1.srt",
                "/media/s-1/v1.fcpxml", "/media/s-1/v1.zip", 61_500L, 1080, 1920, 12_345_678_901L);
        assertThat(videos.markDone("s-1", 1, files)).isTrue();

        VideoRecord done = videos.latestDone("s-1").orElseThrow();
        assertThat(done.videoUrl()).isEqualTo("/media/s-1/v1.mp4");
        assertThat(done.zipUrl()).isEqualTo("/media/s-1/v1.zip");
        assertThat(done.durationMs()).isEqualTo(61_500L);
        assertThat(done.sizeBytes()).as("a file over 2 GB fits").isEqualTo(12_345_678_901L);
        assertThat(done.width()).isEqualTo(1080);
        assertThat(done.fallbacksJson()).isEqualTo("[3,7]");
        assertThat(done.musicKey()).contains("music/a.mp3");
        assertThat(done.runs()).isEqualTo(1);
        assertThat(done.startedAt()).isEqualTo(START.plusSeconds(1));
        assertThat(done.finishedAt()).isEqualTo(START.plusSeconds(10));
        assertThat(videos.markDone("s-1", 1, files)).as("a render that finishes twice changes nothing").isFalse();

        VideoRepository.Requested next = videos.request("s-1", "local", "none", true, Optional.empty());
        assertThat(next.created()).isTrue();
        assertThat(next.video().version()).isEqualTo(2);
        assertThat(videos.latest("s-1").orElseThrow().version()).isEqualTo(2);
        assertThat(videos.latestDone("s-1").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aFailedVersionKeepsItsReasonAndIsNoLongerUnfinished() {
        videos.request("s-1", "local", "none", false, Optional.empty());
        claim("s-1", 1);

        assertThat(videos.markFailed("s-1", 1, "the encoder ran out of disk")).isTrue();

        VideoRecord failed = videos.find("s-1", 1).orElseThrow();
        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.error()).isEqualTo("the encoder ran out of disk");
        assertThat(videos.jobs().claimable(clock.instant(), 10)).isEmpty();
        assertThat(videos.latestDone("s-1")).isEmpty();
        assertThat(videos.find("s-1", 9)).isEmpty();
    }

    /** A node takes the render, as a worker does before it starts. */
    private boolean claim(String storyId, int version) {
        return videos.jobs().claim(new JobKey(storyId, 0, version), "node-1", clock.instant(), clock.instant().plusSeconds(30));
    }
}
