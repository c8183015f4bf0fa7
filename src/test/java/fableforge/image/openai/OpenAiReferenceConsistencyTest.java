package fableforge.image.openai;

import static fableforge.image.StoryFixtures.read;
import static fableforge.image.StoryFixtures.story;

import static fableforge.image.openai.OpenAiImageTesting.request;
import static fableforge.image.openai.OpenAiImageTesting.settings;
import static org.assertj.core.api.Assertions.assertThat;

import fableforge.TestPngs;
import fableforge.App;
import fableforge.Config;
import fableforge.fake.FakeOpenAiImages;
import fableforge.fake.FakeOpenAiImages.Call;
import fableforge.story.AspectRatio;
import fableforge.image.GeneratedImage;
import fableforge.image.ImageOutcome;
import fableforge.image.ImageProgressListener;
import fableforge.image.ImageRequest;
import fableforge.image.ImageTask;
import fableforge.image.ReferenceImages;
import fableforge.image.StoredReferenceImages;
import fableforge.job.RateLimiter;
import fableforge.media.LocalMediaStore;
import fableforge.media.MediaStore;
import fableforge.prompt.CharacterBible;
import fableforge.prompt.TestHeroes;
import fableforge.spend.Charge;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import fableforge.store.Database;
import fableforge.store.ImageRepository;
import fableforge.store.StoryRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IMAGE_CONSISTENCY=reference: scenes drawn through /images/edits from the story's one reference image. */
class OpenAiReferenceConsistencyTest {

    @TempDir
    Path dir;

    private final FakeOpenAiImages fake = new FakeOpenAiImages(OpenAiImageTesting.KEY);
    private final List<Charge> charges = new CopyOnWriteArrayList<>();
    private final AtomicInteger sheetTokens = new AtomicInteger();

    @AfterEach
    void stop() {
        assertThat(fake.violations()).as("requests the real API would refuse").isEmpty();
        fake.close();
    }

    private OpenAiImageGenerator generator(ReferenceImages references) {
        RateLimiter countingLimiter = new RateLimiter() {
            @Override
            public void acquire() {
                sheetTokens.incrementAndGet();
            }

            @Override
            public void pauseFor(Duration wait) {
            }
        };
        return new OpenAiImageGenerator(settings(fake.baseUrl(), "gpt-image-2", "", true, Duration.ofSeconds(10)),
                PriceTable.builtIn(), charges::add, references, countingLimiter, Clock.systemUTC());
    }

    @Test
    void tenScenesAskingAtOnceGetOneCharacterSheetAndEachEditCarriesIt() throws Exception {
        fake.latency(Duration.ofMillis(150));
        MediaStore media = new LocalMediaStore(dir.resolve("media"), "/media/");
        OpenAiImageGenerator generator = generator(StoredReferenceImages.sheetOnly(media));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<GeneratedImage>> images = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int scene = 1; scene <= 10; scene++) {
                int number = scene;
                images.add(pool.submit(() -> {
                    start.await();
                    return generator.generate(request("story-ref", number, AspectRatio.PORTRAIT));
                }));
            }
            start.countDown();
        }

        for (Future<GeneratedImage> image : images) {
            assertThat(image.get().width() + "x" + image.get().height()).isEqualTo("1080x1920");
        }
        List<Call> sheets = fake.calls("/v1/images/generations");
        assertThat(sheets).as("one character sheet for the story").hasSize(1);
        assertThat(sheets.get(0).prompt()).contains("character reference sheet")
                .contains(CharacterBible.of(TestHeroes.ember()).asPromptLine());
        assertThat(sheets.get(0).fields()).containsEntry("size", "1920x1088").containsEntry("model", "gpt-image-2");
        byte[] sheet = read(media, StoredReferenceImages.sheetKey("story-ref"));
        List<Call> edits = fake.calls("/v1/images/edits");
        assertThat(edits).hasSize(10);
        for (Call edit : edits) {
            assertThat(edit.contentType()).startsWith("multipart/form-data; boundary=");
            assertThat(edit.fields()).containsEntry("model", "gpt-image-2").containsEntry("size", "1088x1920")
                    .containsEntry("quality", "medium").containsEntry("input_fidelity", "high");
            assertThat(edit.images()).hasSize(1);
            assertThat(edit.images().get(0)).as("the stored character sheet").isEqualTo(sheet);
        }
        assertThat(edits.stream().map(Call::prompt).distinct()).hasSize(10);
        assertThat(sheetTokens.get()).as("the sheet took its own rate token").isEqualTo(1);
        assertThat(charges).hasSize(11);
        assertThat(charges).filteredOn(charge -> charge.detail().startsWith("character sheet 1920x1088 medium")).hasSize(1);
        assertThat(charges).filteredOn(charge -> charge.detail().contains(" 323 image input tokens"))
                .as("each edit is charged for its reference image's input tokens").hasSize(10);
    }

    @Test
    void theStoredSheetIsReusedAfterARestart() throws Exception {
        Path mediaRoot = dir.resolve("media");
        generator(StoredReferenceImages.sheetOnly(new LocalMediaStore(mediaRoot, ""))).generate(request("story-r", 1, AspectRatio.SQUARE));
        assertThat(fake.calls("/v1/images/generations")).hasSize(1);

        OpenAiImageGenerator restarted = generator(StoredReferenceImages.sheetOnly(new LocalMediaStore(mediaRoot, "")));
        restarted.generate(request("story-r", 2, AspectRatio.SQUARE));
        restarted.generate(request("story-other", 1, AspectRatio.SQUARE));

        assertThat(fake.calls("/v1/images/generations")).as("only the new story needed a sheet").hasSize(2);
        assertThat(fake.calls("/v1/images/edits")).hasSize(3);
        assertThat(fake.calls("/v1/images/edits").get(1).images().get(0))
                .isEqualTo(read(new LocalMediaStore(mediaRoot, ""), StoredReferenceImages.sheetKey("story-r")));
    }

    @Test
    void anApprovedSceneOneJoinsTheSheetAsASecondReferenceOnceThereIsOne() throws Exception {
        try (Database database = Database.open(dir.resolve("data"))) {
            StoryRepository stories = new StoryRepository(database.jdbi(), Clock.systemUTC());
            ImageRepository images = new ImageRepository(database.jdbi(), Clock.systemUTC());
            MediaStore media = new LocalMediaStore(dir.resolve("media"), "/media/");
            stories.create(story("story-s"));
            OpenAiImageGenerator generator = generator(StoredReferenceImages.withApprovals(images, media));
            images.createAttempt("story-s", 1, "scene 1 prompt");
            byte[] sceneOne = TestPngs.blank(32, 48);
            media.put("stories/story-s/scene-01-a1.png", sceneOne, "image/png");
            images.markProduced("story-s", 1, 1, "/media/stories/story-s/scene-01-a1.png", "stories/story-s/scene-01-a1.png",
                    32, 48, 1, "scene 1 prompt");

            generator.generate(request("story-s", 4, AspectRatio.PORTRAIT));
            images.approve("story-s", 1, 1);
            generator.generate(request("story-s", 5, AspectRatio.PORTRAIT));

            List<Call> edits = fake.calls("/v1/images/edits");
            byte[] sheet = read(media, StoredReferenceImages.sheetKey("story-s"));
            assertThat(edits.get(0).images()).as("scene 1 not approved yet: the sheet alone").containsExactly(sheet);
            assertThat(edits.get(1).images()).as("scene 1 approved: the sheet, then scene 1").containsExactly(sheet, sceneOne);
            assertThat(fake.calls("/v1/images/generations")).hasSize(1);
        }
    }

    @Test
    void withoutReferenceConsistencyScenesAreDrawnFromTheirPromptAlone() throws Exception {
        MediaStore media = new LocalMediaStore(dir.resolve("media"), "");
        OpenAiImageGenerator generator = new OpenAiImageGenerator(settings(fake.baseUrl(), "gpt-image-2", "", false, Duration.ofSeconds(5)),
                PriceTable.builtIn(), charges::add, StoredReferenceImages.sheetOnly(media), RateLimiter.unlimited(), Clock.systemUTC());

        generator.generate(request("story-n", 1, AspectRatio.PORTRAIT));

        assertThat(fake.calls()).extracting(Call::path).containsExactly("/v1/images/generations");
        assertThat(media.open(StoredReferenceImages.sheetKey("story-n"))).isEmpty();
    }

    @Test
    void theCommandLineDrawsFromACharacterSheetKeptWithItsOutput() throws Exception {
        Map<String, String> env = Map.of("OPENAI_API_KEY", OpenAiImageTesting.KEY, "OPENAI_BASE_URL", fake.baseUrl(),
                "IMAGE_PROVIDER", "openai", "STORY_PROVIDER", "offline", "IMAGE_CONSISTENCY", "reference");
        App app = new App(Config.load(env, dir.resolve("none.env")), Clock.systemUTC());
        Path out = dir.resolve("out");
        ImageRequest request = request("story-cli", 2, AspectRatio.PORTRAIT);

        LocalMediaStore media = new LocalMediaStore(out, "");
        ImageOutcome outcome = app.imageProducer(app.pipeline(SpendMeter.NONE, app.commandLineReferences(media)), media)
                .produce(new ImageTask(request, "scene-02.png"), ImageProgressListener.NONE);

        assertThat(outcome).isInstanceOf(ImageOutcome.Produced.class);
        assertThat(out.resolve(StoredReferenceImages.sheetKey("story-cli"))).isRegularFile();
        assertThat(fake.calls()).extracting(Call::path).containsExactly("/v1/images/generations", "/v1/images/edits");
    }
}
