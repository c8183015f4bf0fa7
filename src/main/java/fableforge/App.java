package fableforge;

import fableforge.image.ImageGenerator;
import fableforge.image.ImageProducer;
import fableforge.image.SimulatedImageGenerator;
import fableforge.image.offline.StoryboardIllustrator;
import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.job.TokenBucketRateLimiter;
import fableforge.media.MediaStore;
import fableforge.pipeline.StoryPlanner;
import fableforge.provider.SimulatedConditions;
import fableforge.quiz.QuizDefinition;
import fableforge.quiz.QuizValidator;
import fableforge.story.HeroDesigner;
import fableforge.story.SimulatedStoryWriter;
import fableforge.story.StoryWriter;
import fableforge.story.offline.TemplateStoryWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * The composition root: reads the {@link Config}, picks the adapter of each port and wires everything
 * by constructor, top to bottom. Nothing else in FableForge chooses an implementation.
 */
public final class App {

    private final Config config;
    private final Clock clock;
    private final QuizDefinition quiz;
    private final StoryPlanner storyPlanner;
    private final StoryWriter storyWriter;
    private final ImageGenerator imageGenerator;
    private final CallGate imageGate;
    private final RetryPolicy imageRetryPolicy;

    public App(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.quiz = QuizDefinition.standard();

        SimulatedConditions offline = new SimulatedConditions(config.offlineLatency(), config.offlineFailureRate(), new Random());
        this.storyWriter = new SimulatedStoryWriter(new TemplateStoryWriter(), offline);
        this.storyPlanner = new StoryPlanner(storyWriter, new HeroDesigner());

        this.imageGenerator = new SimulatedImageGenerator(new StoryboardIllustrator(), offline);
        // The offline illustrator has no provider quota, so it is unlimited unless a rate is set.
        RateLimiter limiter = config.imageRatePerMinute()
                .<RateLimiter>map(rate -> new TokenBucketRateLimiter(rate, clock))
                .orElse(RateLimiter.unlimited());
        this.imageGate = new CallGate(config.imageMaxConcurrent(), limiter);
        this.imageRetryPolicy = new RetryPolicy(config.imageMaxTries(), config.imageRetryBase(), Duration.ofSeconds(30), config.imageTimeout());
    }

    public Config config() {
        return config;
    }

    public QuizValidator quizValidator() {
        return new QuizValidator(quiz);
    }

    public StoryPlanner storyPlanner() {
        return storyPlanner;
    }

    public String storyWriterName() {
        return storyWriter.name();
    }

    public String imageProviderName() {
        return imageGenerator.name();
    }

    /** A producer that stores the images it makes in {@code media}, sharing this app's provider gate. */
    public ImageProducer imageProducer(MediaStore media) {
        return new ImageProducer(imageGenerator, media, imageGate, imageRetryPolicy, Sleeper.REAL, new Random(), clock);
    }
}
