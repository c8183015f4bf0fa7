package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.job.RetryPolicy;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.call.ProviderMeters;
import fableforge.story.AspectRatio;
import fableforge.story.Scene;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each try of a scene's narration, through the assembler's pipeline, is counted as speech for GET /metrics. */
class NarrationCountedTest {

    @Test
    void aNarrationRetriedAfterATimeoutCountsBothTries() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger reads = new AtomicInteger();
        Narrator slowOnce = new Narrator() {
            @Override
            public String name() {
                return "openai";
            }

            @Override
            public Optional<float[]> narrate(String storyId, Scene scene) throws ProviderException {
                if (reads.incrementAndGet() == 1) {
                    throw new ProviderException(new ProviderError.TimedOut("no answer within 60 s"));
                }
                return Optional.of(new float[] {0.5f});
            }
        };
        VideoAssembler assembler = new VideoAssembler(new LocalMotionClips(new MotionPlan()), slowOnce, Pacing.STANDARD,
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(60)), wait -> { })
                .metered(new ProviderMeters(registry).of("openai", "speech"));

        assembler.narrate(new VideoJob("story-1", AspectRatio.PORTRAIT, TestStills.scenes(2), RenderQuality.DRAFT, Optional.empty()),
                VideoProgressListener.NONE);

        assertThat(tries(registry, "timeout")).isEqualTo(1);
        assertThat(tries(registry, "ok")).isEqualTo(1);
    }

    private static long tries(SimpleMeterRegistry registry, String outcome) {
        return registry.get(ProviderMeters.METER).tags("provider", "openai", "operation", "speech", "outcome", outcome).timer().count();
    }
}
