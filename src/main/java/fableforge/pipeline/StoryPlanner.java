package fableforge.pipeline;

import fableforge.story.AspectRatio;
import fableforge.job.Sleeper;
import fableforge.prompt.CharacterBible;
import fableforge.prompt.PromptContext;
import fableforge.prompt.PromptSanitizer;
import fableforge.prompt.PromptWriter;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.call.CallMeter;
import fableforge.provider.call.CallPipeline;
import fableforge.provider.call.ProviderMeters;
import fableforge.provider.call.RetryRule;
import fableforge.quiz.QuizAnswers;
import fableforge.story.Beat;
import fableforge.story.Hero;
import fableforge.story.HeroDesigner;
import fableforge.story.Scene;
import fableforge.story.StoryBrief;
import fableforge.story.StoryWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiz answers → a written story with its image prompts: designs the hero, has the story writer write
 * the 20 scenes (filling any it did not deliver with a visible placeholder to edit, as the seed did),
 * then runs the prompt pipeline (create, standardize around the character bible, sanitize).
 */
public final class StoryPlanner {

    static final int STORY_TRIES = 3;
    /** The wait before the first retry when the provider named none; doubled before each next one. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** A provider asking for a longer wait than this fails the story now rather than hold /submit open. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(StoryPlanner.class);

    private final StoryWriter writer;
    private final PromptWriter promptWriter;
    private final HeroDesigner heroDesigner;
    private final Sleeper sleeper;
    private final CallMeter writing;
    private final CallMeter prompting;

    public StoryPlanner(StoryWriter writer, PromptWriter promptWriter, HeroDesigner heroDesigner, Sleeper sleeper) {
        this(writer, promptWriter, heroDesigner, sleeper, CallMeter.NONE, CallMeter.NONE);
    }

    private StoryPlanner(StoryWriter writer, PromptWriter promptWriter, HeroDesigner heroDesigner, Sleeper sleeper,
                         CallMeter writing, CallMeter prompting) {
        this.writer = writer;
        this.promptWriter = promptWriter;
        this.heroDesigner = heroDesigner;
        this.sleeper = sleeper;
        this.writing = writing;
        this.prompting = prompting;
    }

    public StoryPlanner(StoryWriter writer, PromptWriter promptWriter, HeroDesigner heroDesigner) {
        this(writer, promptWriter, heroDesigner, Sleeper.REAL);
    }

    public StoryPlanner(StoryWriter writer, HeroDesigner heroDesigner) {
        this(writer, PromptWriter.TEMPLATES, heroDesigner);
    }

    /** This planner with each try of its writers counted in {@code meters} (operations {@code story} and {@code prompts}). */
    public StoryPlanner metered(ProviderMeters meters) {
        return new StoryPlanner(writer, promptWriter, heroDesigner, sleeper, meters.of(ProviderMeters.providerOf(writer.name()), "story"),
                meters.of(ProviderMeters.providerOf(promptWriter.name()), "prompts"));
    }

    /** The story with its final prompts from the prompt writer, for runs without an editing step. */
    public StoryPlan plan(String storyId, QuizAnswers answers, long seed) throws ProviderException {
        return plan(storyId, answers, seed, promptWriter);
    }

    /**
     * The story with draft prompts from the offline templates: the user is about to edit the scenes,
     * and the prompt writer runs once on the approved texts (as the seed did), not twice per story.
     */
    public StoryPlan draft(String storyId, QuizAnswers answers, long seed) throws ProviderException {
        return plan(storyId, answers, seed, PromptWriter.TEMPLATES);
    }

    private StoryPlan plan(String storyId, QuizAnswers answers, long seed, PromptWriter prompts) throws ProviderException {
        Hero hero = heroDesigner.design(answers, seed);
        List<Scene> scenes = complete(writeWithRetries(new StoryBrief(storyId, answers, hero, seed)));
        PromptContext context = new PromptContext(answers.get("setting"), answers.get("visual_style"),
                AspectRatio.fromLabel(answers.getOrDefault("aspect_ratio", AspectRatio.DEFAULT.label())));
        CharacterBible bible = CharacterBible.of(hero);
        // Draft prompts come from the built-in templates, not the provider: nothing to count.
        CallMeter meter = prompts == promptWriter ? prompting : CallMeter.NONE;
        return new StoryPlan(storyId, seed, answers, hero, bible, context, scenes, promptsFor(storyId, scenes, bible, context, prompts, meter));
    }

    /**
     * The seed's policy through the provider call pipeline: the first try and two retries; a
     * non-retryable error ends at once. Before a retry it waits as long as the provider asked
     * (Retry-After), else 1 s, then 2 s; a wait over {@link #LONGEST_WAIT} fails the story now.
     */
    private List<Scene> writeWithRetries(StoryBrief brief) throws ProviderException {
        AtomicReference<ProviderException> retried = new AtomicReference<>();
        CallPipeline<List<Scene>> pipeline = CallPipeline.<List<Scene>>builder()
                .retry(RetryRule.doubling(STORY_TRIES, FIRST_BACKOFF, LONGEST_WAIT), sleeper, (nextTry, failure, wait) -> {
                    retried.set(failure);
                    LOG.warn("[STORY] story={} {} failed ({}); try {} of {} in {} ms", brief.storyId(), writer.name(), failure.getMessage(),
                            nextTry, STORY_TRIES, wait.toMillis());
                })
                .metered(writing)
                .build();
        try {
            return pipeline.call(current -> writer.write(brief));
        } catch (InterruptedException interrupted) {
            // Only the wait before a retry can be interrupted: the writer's call itself is not.
            Thread.currentThread().interrupt();
            throw new ProviderException(new ProviderError.TimedOut("stopped while waiting to retry: " + retried.get().getMessage()), interrupted);
        }
    }

    /**
     * Sanitized prompts for (possibly user-edited) scenes of a story, from the prompt writer; when it
     * fails, from the offline templates, so a provider outage never stops a story at this step.
     */
    public List<String> promptsFor(String storyId, List<Scene> scenes, CharacterBible bible, PromptContext context) {
        return promptsFor(storyId, scenes, bible, context, promptWriter, prompting);
    }

    private static List<String> promptsFor(String storyId, List<Scene> scenes, CharacterBible bible, PromptContext context,
                                           PromptWriter writer, CallMeter meter) {
        CallPipeline<List<String>> prompting = CallPipeline.<List<String>>builder()
                .fallback(failure -> {
                    LOG.warn("[PROMPTS] story={} {} failed ({}); using the offline prompt templates", storyId, writer.name(), failure.getMessage());
                    return PromptWriter.TEMPLATES.write(storyId, scenes, bible, context);
                })
                .metered(meter)
                .build();
        List<String> prompts;
        try {
            prompts = prompting.answer(current -> writer.write(storyId, scenes, bible, context));
        } catch (InterruptedException interrupted) {
            // The prompt writer's call is not interruptible; should one ever be, the templates still answer.
            Thread.currentThread().interrupt();
            prompts = PromptWriter.TEMPLATES.write(storyId, scenes, bible, context);
        }
        return prompts.stream().map(PromptSanitizer::sanitize).toList();
    }

    public String promptWriterName() {
        return promptWriter.name();
    }

    /** Exactly 20 scenes in order; a scene the writer left out becomes a flagged placeholder. */
    static List<Scene> complete(List<Scene> written) {
        List<Scene> scenes = new ArrayList<>(Beat.TOTAL_SCENES);
        for (int number = 1; number <= Beat.TOTAL_SCENES; number++) {
            int wanted = number;
            scenes.add(written.stream()
                    .filter(scene -> scene.number() == wanted)
                    .findFirst()
                    .orElseGet(() -> Scene.of(wanted, placeholder(wanted))));
        }
        return scenes;
    }

    public static String placeholder(int sceneNumber) {
        return "(Scene " + sceneNumber + " missing - API failed)";
    }
}
