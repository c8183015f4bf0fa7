package fableforge.image.gemini;

import static fableforge.image.StoryFixtures.read;
import static fableforge.image.StoryFixtures.story;

import static fableforge.image.gemini.GeminiTesting.KEY;
import static fableforge.image.gemini.GeminiTesting.MODEL;
import static fableforge.image.gemini.GeminiTesting.request;
import static fableforge.image.gemini.GeminiTesting.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fableforge.TestPngs;
import fableforge.fake.FakeGemini;
import fableforge.fake.FakeGemini.Answer;
import fableforge.fake.FakeGemini.Call;
import fableforge.fake.FakeGemini.Kind;
import fableforge.image.AspectRatio;
import fableforge.image.GeneratedImage;
import fableforge.image.ImageRequest;
import fableforge.image.ReferenceImages;
import fableforge.image.StoredReferenceImages;
import fableforge.image.openai.CharacterSheetPrompt;
import fableforge.job.RateLimiter;
import fableforge.media.LocalMediaStore;
import fableforge.media.MediaStore;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.spend.Charge;
import fableforge.image.PriceQuote;
import fableforge.spend.PriceTable;
import fableforge.store.Database;
import fableforge.store.ImageRepository;
import fableforge.store.StoryRepository;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Gemini adapter against the fake Gemini API: what it sends, what each answer becomes, and what it costs. */
class GeminiImageGeneratorTest {

    @TempDir
    Path dir;

    private final FakeGemini fake = new FakeGemini(KEY);
    private final List<Charge> charges = new CopyOnWriteArrayList<>();
    private final AtomicInteger sheetTokens = new AtomicInteger();

    @AfterEach
    void stop() {
        assertThat(fake.violations()).as("requests the real API would refuse").isEmpty();
        fake.close();
    }

    private GeminiImageGenerator generator(ReferenceImages references) {
        return generator(settings(fake.baseUrl()), references);
    }

    private GeminiImageGenerator generator(GeminiSettings settings, ReferenceImages references) {
        RateLimiter countingLimiter = new RateLimiter() {
            @Override
            public void acquire() {
                sheetTokens.incrementAndGet();
            }

            @Override
            public void pauseFor(Duration wait) {
            }
        };
        return new GeminiImageGenerator(settings, PriceTable.builtIn(), charges::add, references, countingLimiter, Clock.systemUTC());
    }

    private static ProviderError failure(GeminiImageGenerator generator, ImageRequest request) {
        return catchThrowableOfType(ProviderException.class, () -> generator.generate(request)).error();
    }

    @Test
    void aSceneIsDrawnAtTheStorysAspectRatioWithTheSheetAndTheApprovedSceneOneAsReferences() throws Exception {
        try (Database database = Database.open(dir.resolve("data"))) {
            StoryRepository stories = new StoryRepository(database.jdbi(), Clock.systemUTC());
            ImageRepository images = new ImageRepository(database.jdbi(), Clock.systemUTC());
            MediaStore media = new LocalMediaStore(dir.resolve("media"), "/media/");
            stories.create(story("story-s"));
            images.createAttempt("story-s", 1, "scene 1 prompt");
            byte[] sceneOne = TestPngs.blank(72, 128);
            media.put("stories/story-s/scene-01-a1.png", sceneOne, "image/png");
            images.markProduced("story-s", 1, 1, "/media/stories/story-s/scene-01-a1.png", "stories/story-s/scene-01-a1.png",
                    72, 128, 1, "scene 1 prompt");
            images.approve("story-s", 1, 1);
            ImageRequest request = request("story-s", 4, AspectRatio.PORTRAIT);

            GeneratedImage image = generator(StoredReferenceImages.withApprovals(images, media)).generate(request);

            assertThat(image.width()).isEqualTo(768);
            assertThat(image.height()).isEqualTo(1344);
            assertThat(image.contentType()).isEqualTo("image/png");
            List<Call> calls = fake.calls();
            assertThat(calls).hasSize(2);
            Call sheet = calls.get(0);
            assertThat(sheet.images()).as("the sheet is drawn from its prompt alone").isEmpty();
            assertThat(sheet.texts()).containsExactly(CharacterSheetPrompt.of(request.brief()));
            assertThat(sheet.aspectRatio()).isEqualTo("16:9");
            Call scene = calls.get(1);
            assertThat(scene.model()).isEqualTo(MODEL);
            assertThat(scene.apiKey()).isEqualTo(KEY);
            assertThat(scene.aspectRatio()).isEqualTo("9:16");
            assertThat(scene.responseModalities()).containsExactly("IMAGE");
            assertThat(scene.images()).extracting(FakeGemini.InputImage::mimeType).containsExactly("image/png", "image/png");
            assertThat(scene.images().get(0).bytes()).as("the character sheet first")
                    .isEqualTo(read(media, StoredReferenceImages.sheetKey("story-s")));
            assertThat(scene.images().get(1).bytes()).as("then the approved scene 1").isEqualTo(sceneOne);
            assertThat(scene.texts().get(0)).contains("reference sheet");
            assertThat(scene.texts().get(1)).contains("first scene");
            assertThat(scene.texts().get(2)).endsWith(request.prompt());
        }
    }

    @Test
    void theSheetIsPaintedOncePerStoryEvenWhenScenesAskAtOnceAndIsReusedAfterARestart() throws Exception {
        fake.latency(Duration.ofMillis(100));
        Path mediaRoot = dir.resolve("media");
        GeminiImageGenerator generator = generator(StoredReferenceImages.sheetOnly(new LocalMediaStore(mediaRoot, "")));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<GeneratedImage>> images = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int scene = 1; scene <= 6; scene++) {
                int number = scene;
                images.add(pool.submit(() -> {
                    start.await();
                    return generator.generate(request("story-once", number, AspectRatio.LANDSCAPE));
                }));
            }
            start.countDown();
        }
        for (Future<GeneratedImage> image : images) {
            assertThat(image.get().width()).isEqualTo(1344);
        }
        GeminiImageGenerator restarted = generator(StoredReferenceImages.sheetOnly(new LocalMediaStore(mediaRoot, "")));
        restarted.generate(request("story-once", 7, AspectRatio.LANDSCAPE));

        byte[] sheet = read(new LocalMediaStore(mediaRoot, ""), StoredReferenceImages.sheetKey("story-once"));
        List<Call> sheets = fake.calls().stream().filter(call -> call.images().isEmpty()).toList();
        List<Call> scenes = fake.calls().stream().filter(call -> !call.images().isEmpty()).toList();
        assertThat(sheets).as("one character sheet for the story").hasSize(1);
        assertThat(scenes).hasSize(7);
        assertThat(scenes).allSatisfy(scene -> {
            assertThat(scene.images()).hasSize(1);
            assertThat(scene.images().get(0).bytes()).isEqualTo(sheet);
        });
        assertThat(sheetTokens.get()).as("the sheet took its own rate token").isEqualTo(1);
    }

    @Test
    void withoutReferenceImagesASceneIsDrawnFromItsPromptAlone() throws Exception {
        ImageRequest request = request("story-n", 2, AspectRatio.SQUARE);

        GeneratedImage image = generator(ReferenceImages.NONE).generate(request);

        assertThat(image.width()).isEqualTo(1024);
        assertThat(fake.calls()).singleElement().satisfies(call -> {
            assertThat(call.images()).isEmpty();
            assertThat(call.texts()).containsExactly(request.prompt());
            assertThat(call.aspectRatio()).isEqualTo("1:1");
        });
        assertThat(sheetTokens.get()).isZero();
    }

    @Test
    void aSafetyBlockOfThePictureOrOfThePromptIsAPolicyRefusalAndCostsNothing() {
        fake.refuse("blood");
        GeminiImageGenerator generator = generator(ReferenceImages.NONE);

        ProviderError picture = failure(generator, request("story-f", 3, AspectRatio.PORTRAIT, "Blood drips from the wolf's claws."));
        fake.script(Answer.of(Kind.PROMPT_BLOCKED));
        ProviderError prompt = failure(generator, request("story-f", 3, AspectRatio.PORTRAIT));

        assertThat(picture).isInstanceOf(ProviderError.PolicyRefusal.class);
        assertThat(picture.message()).contains("IMAGE_SAFETY");
        assertThat(prompt).isInstanceOf(ProviderError.PolicyRefusal.class);
        assertThat(prompt.message()).contains("PROHIBITED_CONTENT");
        assertThat(charges).isEmpty();
    }

    @Test
    void anUnknownModelIsReportedNamingGeminiImageModelAndIsNotRetried() {
        GeminiImageGenerator generator = generator(settings(fake.baseUrl(), "gemini-1.0-image-retired", KEY, Duration.ofSeconds(5)),
                ReferenceImages.NONE);

        ProviderError error = failure(generator, request("story-m", 1, AspectRatio.PORTRAIT));

        assertThat(error).isInstanceOf(ProviderError.BadRequest.class);
        assertThat(error.retryable()).isFalse();
        assertThat(error.message()).contains("model retired or not available to this key")
                .contains("GEMINI_IMAGE_MODEL=gemini-1.0-image-retired");
    }

    @Test
    void aRateLimitIsRateLimitedWithTheDelayFromRetryInfoAndTheSdkDoesNotRetryOnItsOwn() {
        fake.script(Answer.rateLimited("37.5s"), Answer.rateLimited(null));
        GeminiImageGenerator generator = generator(ReferenceImages.NONE);

        ProviderError told = failure(generator, request("story-r", 1, AspectRatio.PORTRAIT));
        ProviderError untold = failure(generator, request("story-r", 1, AspectRatio.PORTRAIT));

        assertThat(told).isInstanceOf(ProviderError.RateLimited.class);
        assertThat(told.retryAfter()).contains(Duration.ofMillis(37_500));
        assertThat(untold).isInstanceOf(ProviderError.RateLimited.class);
        assertThat(untold.retryAfter()).isEmpty();
        assertThat(fake.calls()).as("one request per try: our scheduler owns retries").hasSize(2);
        assertThat(generator.lastCall().httpStatus()).isEqualTo(429);
    }

    @Test
    void aWrongKeyIsBadCredentialsAndTheKeyIsNeverEchoed() {
        String wrongKey = "AIzaSy-wrong-key-456";
        GeminiImageGenerator generator = generator(settings(fake.baseUrl(), MODEL, wrongKey, Duration.ofSeconds(5)), ReferenceImages.NONE);

        ProviderError error = failure(generator, request("story-k", 1, AspectRatio.PORTRAIT));

        assertThat(error).isInstanceOf(ProviderError.BadCredentials.class);
        assertThat(error.retryable()).isFalse();
        assertThat(error.message()).contains("GEMINI_API_KEY").doesNotContain(wrongKey);
    }

    @Test
    void serverErrorsAndAnAnswerWithoutAnImageAreTransient() {
        fake.script(Answer.of(Kind.INTERNAL), Answer.of(Kind.UNAVAILABLE), Answer.of(Kind.TEXT_ONLY));
        GeminiImageGenerator generator = generator(ReferenceImages.NONE);

        ProviderError internal = failure(generator, request("story-t", 1, AspectRatio.PORTRAIT));
        ProviderError unavailable = failure(generator, request("story-t", 1, AspectRatio.PORTRAIT));
        ProviderError textOnly = failure(generator, request("story-t", 1, AspectRatio.PORTRAIT));

        assertThat(internal).isInstanceOf(ProviderError.Transient.class);
        assertThat(internal.message()).contains("500");
        assertThat(unavailable).isInstanceOf(ProviderError.Transient.class);
        assertThat(unavailable.message()).contains("overloaded");
        assertThat(textOnly).isInstanceOf(ProviderError.Transient.class);
        assertThat(textOnly.message()).contains("without an image").contains("I can't draw that");
        assertThat(fake.calls()).hasSize(3);
    }

    @Test
    void aSlowAnswerTimesOutAtTheConfiguredTimeout() throws Exception {
        GeminiImageGenerator generator = generator(settings(fake.baseUrl(), MODEL, KEY, Duration.ofMillis(1_500)), ReferenceImages.NONE);
        generator.generate(request("story-slow", 1, AspectRatio.SQUARE)); // the SDK's first call loads its classes
        fake.latency(Duration.ofSeconds(10));
        long started = System.nanoTime();

        ProviderError error = failure(generator, request("story-slow", 1, AspectRatio.PORTRAIT));

        assertThat(error).isInstanceOf(ProviderError.TimedOut.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the call's own limit, not the answer's 10 s").isLessThan(Duration.ofSeconds(6));
        assertThat(generator.lastCall().answered()).isFalse();
    }

    @Test
    void eachDeliveredImageIsChargedItsPerImagePriceAndItsInputTokens() throws Exception {
        MediaStore media = new LocalMediaStore(dir.resolve("media"), "");
        GeminiImageGenerator generator = generator(StoredReferenceImages.sheetOnly(media));

        generator.generate(request("story-c", 2, AspectRatio.PORTRAIT));

        assertThat(charges).hasSize(2);
        assertThat(charges).allSatisfy(charge -> {
            assertThat(charge.storyId()).isEqualTo("story-c");
            assertThat(charge.stage()).isEqualTo("image");
            assertThat(charge.provider()).isEqualTo("gemini");
            assertThat(charge.model()).isEqualTo(MODEL);
        });
        assertThat(charges.get(0).detail()).startsWith("character sheet 16:9 1K image");
        Charge scene = charges.get(1);
        assertThat(scene.detail()).startsWith("9:16 1K image");
        Call sceneCall = fake.calls().get(1);
        long inputTokens = sceneCall.texts().stream().mapToLong(text -> text.split("\\s+").length).sum()
                + 258L * sceneCall.images().size();
        assertThat(inputTokens(scene)).as("the tokens Gemini reported").isEqualTo(inputTokens);
        BigDecimal expected = new BigDecimal("0.039").add(new BigDecimal("0.30").multiply(BigDecimal.valueOf(inputTokens))
                .divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP));
        assertThat(scene.usd()).hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo(expected));
        PriceQuote quote = generator.quote(AspectRatio.PORTRAIT);
        assertThat(quote.model()).isEqualTo(MODEL);
        assertThat(quote.usd()).hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo("0.039"));
    }

    @Test
    void aModelWithoutAPriceIsChargedAndQuotedAsUnknownNeverFree() throws Exception {
        fake.knowsModel("gemini-9-flash-image");
        GeminiImageGenerator generator = generator(settings(fake.baseUrl(), "gemini-9-flash-image", KEY, Duration.ofSeconds(5)),
                ReferenceImages.NONE);

        generator.generate(request("story-u", 1, AspectRatio.PORTRAIT));

        assertThat(charges).singleElement().satisfies(charge -> assertThat(charge.usd()).isEmpty());
        assertThat(generator.quote(AspectRatio.PORTRAIT).usd()).isEmpty();
    }

    @Test
    void healthSeesTheLastCallAndTheAdapterIsNamedAfterItsModel() throws Exception {
        GeminiImageGenerator generator = generator(ReferenceImages.NONE);
        assertThat(generator.lastCall().called()).isFalse();

        generator.generate(request("story-h", 1, AspectRatio.SQUARE));

        assertThat(generator.lastCall().answered()).isTrue();
        assertThat(generator.lastCall().httpStatus()).isEqualTo(200);
        assertThat(generator.name()).isEqualTo("gemini:" + MODEL);
    }

    private static long inputTokens(Charge charge) {
        Matcher matcher = Pattern.compile("\\+ (\\d+) input tokens").matcher(charge.detail());
        assertThat(matcher.find()).as(charge.detail()).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
