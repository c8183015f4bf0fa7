package fableforge.image;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.media.LocalMediaStore;
import fableforge.provider.ProviderError;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelImageRunnerTest {

    @TempDir
    Path mediaRoot;

    private ParallelImageRunner runner(FakeImageGenerator generator, int maxConcurrent) {
        return new ParallelImageRunner(new ImageProducer(generator, new LocalMediaStore(mediaRoot, ""),
                new CallGate(maxConcurrent, RateLimiter.unlimited()),
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(10)),
                Sleeper.REAL, new Random(1), Clock.systemUTC()));
    }

    private static List<ImageTask> twentyTasks() {
        return IntStream.rangeClosed(1, 20).mapToObj(ImageProducerTest::task).toList();
    }

    @Test
    void runsImagesInParallelButNeverAboveTheConcurrencyLimit() throws Exception {
        var generator = new FakeImageGenerator((scene, tryNumber) -> null, 50);

        List<ImageOutcome> outcomes = runner(generator, 4).runAll(twentyTasks(), ImageProgressListener.NONE);

        assertThat(outcomes).hasSize(20).allMatch(ImageOutcome.Produced.class::isInstance);
        assertThat(generator.maxInFlight.get()).isEqualTo(4);
    }

    @Test
    void returnsOutcomesInSceneOrderWithFailuresInPlace() throws Exception {
        var generator = new FakeImageGenerator((scene, tryNumber) -> scene == 9 ? new ProviderError.BadRequest("bad size") : null, 0);

        List<ImageOutcome> outcomes = runner(generator, 10).runAll(twentyTasks(), ImageProgressListener.NONE);

        assertThat(outcomes).extracting(ImageOutcome::sceneNumber).containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(outcomes.get(8)).isInstanceOf(ImageOutcome.Failed.class);
        assertThat(outcomes).filteredOn(ImageOutcome.Produced.class::isInstance).hasSize(19);
    }
}
