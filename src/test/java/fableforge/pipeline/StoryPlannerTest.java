package fableforge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.prompt.PromptWriter;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.quiz.QuizAnswers;
import fableforge.story.Beat;
import fableforge.story.HeroDesigner;
import fableforge.story.Scene;
import fableforge.story.StoryWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StoryPlannerTest {

    private final List<Duration> waits = new ArrayList<>();
    private final QuizAnswers answers = new QuizAnswers(Map.of(
            "animal", "wolf", "setting", "snowy mountains", "visual_style", "anime", "aspect_ratio", "16:9"));

    private static List<Scene> scenes(int... numbers) {
        return IntStream.of(numbers).mapToObj(n -> Scene.of(n, "The wolf walks on in scene " + n + ".")).toList();
    }

    @Test
    void missingScenesBecomeVisiblePlaceholdersToEdit() throws Exception {
        StoryWriter lazy = brief -> scenes(IntStream.rangeClosed(1, 20).filter(n -> n != 7 && n != 13).toArray());

        StoryPlan plan = new StoryPlanner(lazy, new HeroDesigner()).plan("s1", answers, 5);

        assertThat(plan.scenes()).hasSize(20);
        assertThat(plan.scenes().get(6).text()).isEqualTo("(Scene 7 missing - API failed)");
        assertThat(plan.scenes().get(12).beat()).isEqualTo(Beat.POWER_DISPLAY);
    }

    @Test
    void everyPromptCarriesTheBibleTheStyleAndTheAspectRatio() throws Exception {
        StoryPlan plan = new StoryPlanner(brief -> scenes(IntStream.rangeClosed(1, 20).toArray()), new HeroDesigner()).plan("s1", answers, 5);

        assertThat(plan.prompts()).hasSize(20).allSatisfy(prompt -> assertThat(prompt)
                .contains(plan.bible().text())
                .contains("Anime illustration")
                .contains("wide 16:9 frame")
                .contains("snowy mountains"));
    }

    @Test
    void retriesAFlakyWriterTwice() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        StoryWriter flaky = brief -> {
            if (calls.incrementAndGet() < 3) {
                throw new ProviderException(new ProviderError.Transient("503"));
            }
            return scenes(IntStream.rangeClosed(1, 20).toArray());
        };

        new StoryPlanner(flaky, PromptWriter.TEMPLATES, new HeroDesigner(), waits::add).plan("s1", answers, 5);

        assertThat(calls).hasValue(3);
    }

    @Test
    void backsOffOneThenTwoSecondsWhenTheProviderNamesNoWait() throws Exception {
        StoryWriter flaky = failingTimes(2, new ProviderError.Transient("503"));

        new StoryPlanner(flaky, PromptWriter.TEMPLATES, new HeroDesigner(), waits::add).plan("s1", answers, 5);

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void waitsAsLongAsTheProvidersRetryAfterSays() throws Exception {
        StoryWriter limited = failingTimes(2, new ProviderError.RateLimited("429", Optional.of(Duration.ofMillis(7_500))));

        new StoryPlanner(limited, PromptWriter.TEMPLATES, new HeroDesigner(), waits::add).plan("s1", answers, 5);

        assertThat(waits).containsExactly(Duration.ofMillis(7_500), Duration.ofMillis(7_500));
    }

    @Test
    void givesUpRatherThanWaitLongerThanAMinute() {
        StoryWriter limited = failingTimes(1, new ProviderError.RateLimited("429", Optional.of(Duration.ofMinutes(6))));

        assertThatThrownBy(() -> new StoryPlanner(limited, PromptWriter.TEMPLATES, new HeroDesigner(), waits::add).plan("s1", answers, 5))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.RateLimited.class));
        assertThat(waits).isEmpty();
    }

    @Test
    void doesNotWaitAfterTheLastTry() {
        StoryWriter down = failingTimes(5, new ProviderError.Transient("503"));

        assertThatThrownBy(() -> new StoryPlanner(down, PromptWriter.TEMPLATES, new HeroDesigner(), waits::add).plan("s1", answers, 5))
                .isInstanceOf(ProviderException.class);
        assertThat(waits).hasSize(2);
    }

    private static StoryWriter failingTimes(int failures, ProviderError error) {
        AtomicInteger calls = new AtomicInteger();
        return brief -> {
            if (calls.incrementAndGet() <= failures) {
                throw new ProviderException(error);
            }
            return scenes(IntStream.rangeClosed(1, 20).toArray());
        };
    }

    @Test
    void givesUpAtOnceOnANonRetryableError() {
        AtomicInteger calls = new AtomicInteger();
        StoryWriter refusing = brief -> {
            calls.incrementAndGet();
            throw new ProviderException(new ProviderError.BadCredentials("invalid key"));
        };

        assertThatThrownBy(() -> new StoryPlanner(refusing, new HeroDesigner()).plan("s1", answers, 5))
                .isInstanceOf(ProviderException.class);
        assertThat(calls).hasValue(1);
    }
}
