package fableforge.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.job.RetryPolicy;
import fableforge.media.LocalMediaStore;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.SimulatedConditions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedImageGeneratorTest {

    @TempDir
    Path mediaRoot;

    private final FakeImageGenerator drawing = FakeImageGenerator.alwaysSucceeding();

    private SimulatedImageGenerator withRefused(String... words) {
        return new SimulatedImageGenerator(drawing, SimulatedConditions.none(), List.of(words));
    }

    private static ImageRequest request(String prompt) {
        ImageTask task = ImageProducerTest.task(2);
        return new ImageRequest("story-1", 1, prompt, task.request().brief());
    }

    @Test
    void aPromptHoldingARefusedWordInAnyCaseIsRefusedLikeOpenAiRefusesIt() {
        assertThatThrownBy(() -> withRefused("harpoon", "fights").generate(request("Ember FIGHTS the tide.")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.PolicyRefusal.class);
                    assertThat(e.error().retryable()).isTrue();
                    assertThat(e.error().message()).contains(SimulatedImageGenerator.REFUSAL).contains("\"fights\"");
                });
        assertThat(drawing.prompts).as("prompts that reached the drawing").isEmpty();
    }

    @Test
    void onlyWholeWordsAreRefused() throws Exception {
        SimulatedImageGenerator generator = withRefused("nets", "fight to the death");

        generator.generate(request("Cabinets and sunsets, a fighting spirit, a netsuke."));

        assertThat(drawing.prompts).hasSize(1);
        assertThatThrownBy(() -> generator.generate(request("A fight to the death."))).isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> generator.generate(request("Nets, cages."))).isInstanceOf(ProviderException.class);
    }

    @Test
    void withNoRefusedWordsEveryPromptIsDrawn() throws Exception {
        new SimulatedImageGenerator(drawing, SimulatedConditions.none()).generate(request("Ember fights the tide."));

        assertThat(drawing.prompts).containsExactly("Ember fights the tide.");
    }

    @Test
    void theProducerRetriesARefusedPromptSanitizedAndDrawsIt() throws Exception {
        ImageProducer producer = new ImageProducer(withRefused("fights"), new LocalMediaStore(mediaRoot, "/media/"),
                new CallGate(1, RateLimiter.unlimited()), new RetryPolicy(4, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5)),
                wait -> { }, new Random(1), Clock.systemUTC());
        ImageTask task = ImageProducerTest.task(2);
        String requested = task.request().prompt().replace("stands against", "fights");
        ImageTask refusedTask = new ImageTask(new ImageRequest("story-1", 1, requested, task.request().brief()), task.mediaKey());

        ImageOutcome outcome = producer.produce(refusedTask, ImageProgressListener.NONE);

        assertThat(outcome).isInstanceOfSatisfying(ImageOutcome.Produced.class, produced -> {
            assertThat(produced.tries()).hasSize(2);
            assertThat(produced.tries().get(0).error()).get().isInstanceOf(ProviderError.PolicyRefusal.class);
            assertThat(produced.prompt()).contains("Ember challenges the tyrant").doesNotContain("fights");
        });
    }
}
