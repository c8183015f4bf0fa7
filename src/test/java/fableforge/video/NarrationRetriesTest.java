package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.image.AspectRatio;
import fableforge.job.RetryPolicy;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.story.Scene;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Narration goes through the provider call pipeline: retried by the narration policy, never waiting in real time. */
class NarrationRetriesTest {

    private final List<Duration> waits = new ArrayList<>();
    private final List<Integer> reads = new ArrayList<>();
    private final VideoJob job = new VideoJob("story-1", AspectRatio.PORTRAIT, TestStills.scenes(4), RenderQuality.DRAFT, Optional.empty());

    private VideoAssembler assembler(Narrator narrator) {
        return new VideoAssembler(new LocalMotionClips(new MotionPlan()), narrator, Pacing.STANDARD,
                new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(60)), waits::add);
    }

    /** Fails with {@code failures} in turn, then reads the scene. */
    private Narrator narrator(Exception... failures) {
        return new Narrator() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public Optional<float[]> narrate(String storyId, Scene scene) throws ProviderException, IOException {
                reads.add(scene.number());
                if (reads.size() <= failures.length) {
                    Exception failure = failures[reads.size() - 1];
                    if (failure instanceof IOException io) {
                        throw io;
                    }
                    throw (ProviderException) failure;
                }
                return Optional.of(new float[] {0.5f});
            }
        };
    }

    @Test
    void aNarrationThatFailsForAWhileIsTriedAgainAfterTheProvidersRetryAfter() throws Exception {
        ProviderException limited = new ProviderException(new ProviderError.RateLimited("429", Optional.of(Duration.ofSeconds(7))));

        List<Optional<float[]>> narrations = assembler(narrator(limited)).narrate(job, VideoProgressListener.NONE);

        assertThat(narrations).singleElement().satisfies(narration -> assertThat(narration).isPresent());
        assertThat(reads).containsExactly(4, 4);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aNarrationStillFailingAfterThreeTriesFailsWithTheLastError() {
        ProviderException down = new ProviderException(new ProviderError.Transient("503"));

        assertThatThrownBy(() -> assembler(narrator(down, down, down)).narrate(job, VideoProgressListener.NONE)).isSameAs(down);
        assertThat(reads).hasSize(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void aLocalFailureOfTheNarratorIsNotTriedAgain() {
        IOException broken = new IOException("espeak-ng exited with 1");

        assertThatThrownBy(() -> assembler(narrator(broken)).narrate(job, VideoProgressListener.NONE)).isSameAs(broken);
        assertThat(reads).hasSize(1);
        assertThat(waits).isEmpty();
    }
}
