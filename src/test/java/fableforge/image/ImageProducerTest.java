package fableforge.image;

import fableforge.story.AspectRatio;
import static org.assertj.core.api.Assertions.assertThat;

import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.job.RetryPolicy;
import fableforge.media.LocalMediaStore;
import fableforge.prompt.CharacterBible;
import fableforge.prompt.PromptContext;
import fableforge.prompt.ScenePrompts;
import fableforge.prompt.TestHeroes;
import fableforge.provider.ProviderError;
import fableforge.story.Beat;
import fableforge.story.Scene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageProducerTest {

    @TempDir
    Path mediaRoot;

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    private ImageProducer producer(ImageGenerator generator, int maxTries, Duration timeout) {
        return producer(generator, new LocalMediaStore(mediaRoot, "/media/"), maxTries, timeout);
    }

    private ImageProducer producer(ImageGenerator generator, fableforge.media.MediaStore media, int maxTries, Duration timeout) {
        RateLimiter recordingLimiter = new RateLimiter() {
            @Override
            public void acquire() {
            }

            @Override
            public void pauseFor(Duration wait) {
                pauses.add(wait);
            }
        };
        return new ImageProducer(generator, media, new CallGate(3, recordingLimiter),
                new RetryPolicy(maxTries, Duration.ofMillis(100), Duration.ofSeconds(2), timeout),
                sleeps::add, new Random(3), Clock.systemUTC());
    }

    static ImageTask task(int scene) {
        PromptContext context = new PromptContext("forest", "anime", AspectRatio.PORTRAIT);
        CharacterBible bible = CharacterBible.of(TestHeroes.ember());
        String text = "Ember stands against the tyrant as the storm rolls in over the forest. " + "The whole valley watches. ".repeat(12);
        String prompt = ScenePrompts.standardize(List.of(ScenePrompts.create(Scene.of(scene, text), context)), bible, context).get(0);
        ImageBrief brief = new ImageBrief(scene, Beat.ofScene(scene), TestHeroes.ember(), "forest", "anime", "caption", AspectRatio.PORTRAIT, 1);
        return new ImageTask(new ImageRequest("story-1", 1, prompt, brief), "stories/story-1/scene-%02d.png".formatted(scene));
    }

    @Test
    void storesTheImageAndReportsItsUrl() throws Exception {
        ImageOutcome outcome = producer(FakeImageGenerator.alwaysSucceeding(), 3, Duration.ofSeconds(5)).produce(task(4), ImageProgressListener.NONE);

        assertThat(outcome).isInstanceOfSatisfying(ImageOutcome.Produced.class, produced -> {
            assertThat(produced.media().url()).isEqualTo("/media/stories/story-1/scene-04.png");
            assertThat(produced.tries()).hasSize(1);
        });
        assertThat(Files.readAllBytes(mediaRoot.resolve("stories/story-1/scene-04.png"))).containsExactly(4);
    }

    @Test
    void eachTryOfDrawingIsCountedUnderItsProviderAndStoringIsLeftToTheStore() throws Exception {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        var generator = new FakeImageGenerator((scene, tryNumber) -> tryNumber < 2 ? new ProviderError.Transient("500") : null, 0);

        producer(generator, 3, Duration.ofSeconds(5)).metered(new fableforge.provider.call.ProviderMeters(registry))
                .produce(task(5), ImageProgressListener.NONE);

        assertThat(calls(registry, "fake", "image", "server_error")).isEqualTo(1);
        assertThat(calls(registry, "fake", "image", "ok")).isEqualTo(1);
        assertThat(registry.find(fableforge.provider.call.ProviderMeters.METER).tag("operation", "store").timers())
                .as("a served node's store counts its own calls (MeteredMediaStore): counted here too, each would count twice").isEmpty();
    }

    private static long calls(io.micrometer.core.instrument.MeterRegistry registry, String provider, String operation, String outcome) {
        return registry.get(fableforge.provider.call.ProviderMeters.METER)
                .tags("provider", provider, "operation", operation, "outcome", outcome).timer().count();
    }

    @Test
    void retriesTransientFailuresWithBackoffUntilItWorks() throws Exception {
        var generator = new FakeImageGenerator((scene, tryNumber) -> tryNumber < 3 ? new ProviderError.Transient("500") : null, 0);
        List<Integer> retriesHeard = new ArrayList<>();

        ImageOutcome outcome = producer(generator, 4, Duration.ofSeconds(5)).produce(task(1), new ImageProgressListener() {
            @Override
            public void retrying(int sceneNumber, int nextTry, ProviderError error, Duration wait) {
                retriesHeard.add(nextTry);
            }
        });

        assertThat(outcome).isInstanceOf(ImageOutcome.Produced.class);
        assertThat(outcome.tries()).extracting(t -> t.error().isPresent()).containsExactly(true, true, false);
        assertThat(retriesHeard).containsExactly(2, 3);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void endsAsFailedWithTheReasonWhenTriesRunOut() throws Exception {
        var generator = new FakeImageGenerator((scene, tryNumber) -> new ProviderError.Transient("server error 500"), 0);

        ImageOutcome outcome = producer(generator, 3, Duration.ofSeconds(5)).produce(task(2), ImageProgressListener.NONE);

        assertThat(outcome).isInstanceOfSatisfying(ImageOutcome.Failed.class,
                failed -> assertThat(failed.reason()).isEqualTo("server error 500 (after 3 tries)"));
        assertThat(generator.triesOf(2)).isEqualTo(3);
    }

    @Test
    void doesNotRetryBadCredentials() throws Exception {
        var generator = new FakeImageGenerator((scene, tryNumber) -> new ProviderError.BadCredentials("invalid API key"), 0);

        ImageOutcome outcome = producer(generator, 4, Duration.ofSeconds(5)).produce(task(2), ImageProgressListener.NONE);

        assertThat(outcome).isInstanceOf(ImageOutcome.Failed.class);
        assertThat(generator.triesOf(2)).isEqualTo(1);
    }

    @Test
    void aMediaStoreThatRefusesItsCredentialsIsNotRetriedSoNoMoreImagesAreDrawn() throws Exception {
        var generator = FakeImageGenerator.alwaysSucceeding();
        var refusingStore = new fableforge.media.MediaStore() {
            @Override
            public fableforge.media.StoredMedia put(String key, byte[] bytes, String contentType) throws java.io.IOException {
                throw new fableforge.media.MediaStoreException(new ProviderError.BadCredentials("Cloudinary: Invalid Signature"));
            }

            @Override
            public Optional<java.io.InputStream> open(String key) {
                return Optional.empty();
            }

            @Override
            public String name() {
                return "refusing";
            }
        };

        ImageOutcome outcome = producer(generator, refusingStore, 4, Duration.ofSeconds(5)).produce(task(3), ImageProgressListener.NONE);

        assertThat(outcome).isInstanceOfSatisfying(ImageOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("Invalid Signature").contains("after 1 try"));
        assertThat(generator.triesOf(3)).isEqualTo(1);
    }

    @Test
    void policyRefusalsAreRetriedWithShorterPromptsThatKeepTheBible() throws Exception {
        var generator = new FakeImageGenerator((scene, tryNumber) -> tryNumber < 3 ? new ProviderError.PolicyRefusal("content_policy_violation") : null, 0);

        ImageOutcome outcome = producer(generator, 4, Duration.ofSeconds(5)).produce(task(16), ImageProgressListener.NONE);

        assertThat(outcome).isInstanceOf(ImageOutcome.Produced.class);
        List<String> prompts = generator.prompts;
        assertThat(prompts).hasSize(3);
        assertThat(prompts.get(1).length()).isLessThan(prompts.get(0).length());
        assertThat(prompts.get(2).length()).isLessThan(prompts.get(1).length());
        String bible = CharacterBible.of(TestHeroes.ember()).text();
        assertThat(prompts).allSatisfy(prompt -> assertThat(prompt).contains(bible));
        assertThat(outcome.tries()).extracting(ImageTry::prompt).containsExactlyElementsOf(prompts);
    }

    @Test
    void rateLimitWithRetryAfterPausesTheGateAndWaitsThatLong() throws Exception {
        var limited = new ProviderError.RateLimited("429 Too Many Requests", Optional.of(Duration.ofSeconds(3)));
        var generator = new FakeImageGenerator((scene, tryNumber) -> tryNumber == 1 ? limited : null, 0);

        ImageOutcome outcome = producer(generator, 4, Duration.ofSeconds(5)).produce(task(5), ImageProgressListener.NONE);

        assertThat(outcome).isInstanceOf(ImageOutcome.Produced.class);
        assertThat(pauses).containsExactly(Duration.ofSeconds(3));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aHangingCallTimesOutAndIsRetried() throws Exception {
        var generator = new FakeImageGenerator((scene, tryNumber) -> null, 10_000) {
            @Override
            public GeneratedImage generate(ImageRequest request) throws fableforge.provider.ProviderException {
                if (prompts.isEmpty()) {
                    return super.generate(request);
                }
                return new GeneratedImage(new byte[] {1}, "image/png", 1, 1);
            }
        };

        ImageOutcome outcome = producer(generator, 2, Duration.ofMillis(200)).produce(task(7), ImageProgressListener.NONE);

        assertThat(outcome).isInstanceOf(ImageOutcome.Produced.class);
        assertThat(outcome.tries().get(0).error()).get().isInstanceOf(ProviderError.TimedOut.class);
    }

    @Test
    void aCrashingGeneratorEndsAsAFailureNotAnException() throws Exception {
        ImageGenerator broken = new ImageGenerator() {
            @Override
            public GeneratedImage generate(ImageRequest request) {
                throw new IllegalStateException("bug");
            }

            @Override
            public String name() {
                return "broken";
            }
        };

        ImageOutcome outcome = producer(broken, 2, Duration.ofSeconds(5)).produce(task(3), ImageProgressListener.NONE);

        assertThat(outcome).isInstanceOf(ImageOutcome.Failed.class);
    }

    @Test
    void withThumbnailsEachStoredImageGetsOneBesideIt() throws Exception {
        ImageGenerator drawing = new ImageGenerator() {
            @Override
            public GeneratedImage generate(ImageRequest request) {
                return new GeneratedImage(fableforge.TestPngs.blank(1080, 1920), "image/png", 1080, 1920);
            }

            @Override
            public String name() {
                return "blank";
            }
        };
        ImageOutcome outcome = thumbnailing(drawing).produce(task(5), ImageProgressListener.NONE);

        assertThat(outcome).isInstanceOf(ImageOutcome.Produced.class);
        assertThat(mediaRoot.resolve("stories/story-1/scene-05.png.thumb.jpg")).isRegularFile();
    }

    @Test
    void aPictureTheGeneratorDrewIsShrunkForTheThumbnailWithoutDecodingItsBytes() throws Exception {
        ImageGenerator drawing = new ImageGenerator() {
            @Override
            public GeneratedImage generate(ImageRequest request) {
                // Bytes that are no picture: only the decoded picture beside them can give the thumbnail.
                return new GeneratedImage(new byte[] {1}, "image/png", 1080, 1920, java.util.Optional.empty(),
                        java.util.Optional.of(new java.awt.image.BufferedImage(1080, 1920, java.awt.image.BufferedImage.TYPE_INT_RGB)));
            }

            @Override
            public String name() {
                return "drawn";
            }
        };
        ImageOutcome outcome = thumbnailing(drawing).produce(task(7), ImageProgressListener.NONE);

        assertThat(outcome).isInstanceOf(ImageOutcome.Produced.class);
        java.awt.image.BufferedImage thumbnail = javax.imageio.ImageIO.read(mediaRoot.resolve("stories/story-1/scene-07.png.thumb.jpg").toFile());
        assertThat(thumbnail.getWidth()).isEqualTo(fableforge.media.Thumbnails.MAX_WIDTH);
    }

    @Test
    void aThumbnailThatCannotBeMadeNeverFailsTheImage() throws Exception {
        // The fake's bytes are no picture: the thumbnail fails, the image is stored and produced all the same.
        ImageOutcome outcome = thumbnailing(FakeImageGenerator.alwaysSucceeding()).produce(task(6), ImageProgressListener.NONE);

        assertThat(outcome).isInstanceOf(ImageOutcome.Produced.class);
        assertThat(outcome.tries()).hasSize(1);
        assertThat(mediaRoot.resolve("stories/story-1/scene-06.png")).isRegularFile();
        assertThat(mediaRoot.resolve("stories/story-1/scene-06.png.thumb.jpg")).doesNotExist();
    }

    private ImageProducer thumbnailing(ImageGenerator generator) {
        LocalMediaStore media = new LocalMediaStore(mediaRoot, "/media/");
        return new ImageProducer(generator, media, new CallGate(3, RateLimiter.unlimited()),
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                sleeps::add, new Random(3), Clock.systemUTC()).withThumbnails(new fableforge.media.Thumbnails(media));
    }
}
