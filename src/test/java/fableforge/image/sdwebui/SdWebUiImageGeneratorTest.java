package fableforge.image.sdwebui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.Config;
import fableforge.fake.FakeSdWebUi;
import fableforge.fake.FakeSdWebUi.Trouble;
import fableforge.fake.FakeServer.Reply;
import fableforge.story.AspectRatio;
import fableforge.image.GeneratedImage;
import fableforge.image.ImageBrief;
import fableforge.image.ImageRequest;
import fableforge.prompt.TestHeroes;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.image.PriceQuote;
import fableforge.story.Beat;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Stable Diffusion WebUI adapter against a fake that checks requests as the WebUI does. */
class SdWebUiImageGeneratorTest {

    private static final long STORY_SEED = 8_123_456_789_012L;

    private final FakeSdWebUi webUi = new FakeSdWebUi();
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void stop() {
        webUi.close();
    }

    private SdWebUiImageGenerator generator(String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("IMAGE_PROVIDER", "sdwebui", "SD_WEBUI_URL", webUi.url()));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        Config config = Config.load(env, Path.of("none.env"));
        return new SdWebUiImageGenerator(config.providers().sdWebUi(), Clock.systemUTC());
    }

    private static ImageRequest request(int scene, int attempt, AspectRatio ratio, long storySeed) {
        ImageBrief brief = new ImageBrief(scene, Beat.ofScene(scene), TestHeroes.ember(), "enchanted forest", "watercolor",
                "caption", ratio, storySeed);
        return new ImageRequest("story-1", attempt, "Style: watercolor. Scene " + scene + " of 20: Ember by the river.", brief);
    }

    private static ImageRequest scene(int scene) {
        return request(scene, 1, AspectRatio.PORTRAIT, STORY_SEED);
    }

    private static ProviderError failure(ThrowingCallable call) {
        try {
            call.call();
        } catch (ProviderException e) {
            return e.error();
        } catch (Throwable other) {
            throw new AssertionError("expected a ProviderException, got " + other, other);
        }
        throw new AssertionError("expected a ProviderException, the call succeeded");
    }

    @Test
    void sendsOneTxt2ImgCallWithTheConfiguredSettingsAndBasicAuth() throws Exception {
        webUi.requireAuth("artist:s3cret");
        SdWebUiImageGenerator generator = generator("SD_WEBUI_AUTH", "artist:s3cret", "SD_NEGATIVE_PROMPT", "blurry, text",
                "SD_STEPS", "30", "SD_CFG_SCALE", "6.5", "SD_SAMPLER", "Euler a");

        generator.generate(scene(3));

        assertThat(webUi.requests()).hasSize(1);
        var sent = webUi.requests().get(0);
        assertThat(sent.header("authorization")).isEqualTo("Basic YXJ0aXN0OnMzY3JldA==");
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        JsonNode body = mapper.readTree(sent.body());
        Set<String> fields = new HashSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("prompt", "negative_prompt", "steps", "cfg_scale", "sampler_name",
                "width", "height", "seed", "batch_size", "n_iter");
        FakeSdWebUi.Drawn drawn = webUi.drawn().get(0);
        assertThat(drawn.prompt()).isEqualTo(scene(3).prompt());
        assertThat(drawn.negativePrompt()).isEqualTo("blurry, text");
        assertThat(drawn.steps()).isEqualTo(30);
        assertThat(drawn.cfgScale()).isEqualTo(6.5);
        assertThat(drawn.sampler()).isEqualTo("Euler a");
        assertThat(drawn.batchSize()).isEqualTo(1);
        assertThat(drawn.nIter()).isEqualTo(1);
    }

    @Test
    void answerBecomesThePngTheWebUiDrewWithItsSizeReadFromTheHeader() throws Exception {
        GeneratedImage image = generator().generate(scene(1));

        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.width()).isEqualTo(576);
        assertThat(image.height()).isEqualTo(1024);
        var decoded = ImageIO.read(new ByteArrayInputStream(image.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(576);
        assertThat(decoded.getHeight()).isEqualTo(1024);
    }

    @Test
    void framesKeepTheBaseSquaresAreaInTheStorysAspectRatioOnA64PixelGrid() throws Exception {
        SdWebUiImageGenerator sd15 = generator();
        SdWebUiImageGenerator sdxl = generator("SD_BASE_SIZE", "1024");

        List<String> sizes = List.of(
                size(sd15.generate(request(1, 1, AspectRatio.PORTRAIT, 1))),
                size(sd15.generate(request(1, 1, AspectRatio.LANDSCAPE, 1))),
                size(sd15.generate(request(1, 1, AspectRatio.SQUARE, 1))),
                size(sdxl.generate(request(1, 1, AspectRatio.PORTRAIT, 1))),
                size(sdxl.generate(request(1, 1, AspectRatio.LANDSCAPE, 1))),
                size(sdxl.generate(request(1, 1, AspectRatio.SQUARE, 1))));

        assertThat(sizes).containsExactly("576x1024", "1024x576", "768x768", "768x1344", "1344x768", "1024x1024");
        assertThat(webUi.drawn()).extracting(d -> d.width() + "x" + d.height()).containsExactlyElementsOf(sizes);
    }

    private static String size(GeneratedImage image) {
        return image.width() + "x" + image.height();
    }

    @Test
    void everySceneOfAStoryGetsTheStorysSeedAndEachRegenerationTheNextOne() throws Exception {
        SdWebUiImageGenerator generator = generator();

        for (int n = 1; n <= 20; n++) {
            generator.generate(scene(n));
        }
        generator.generate(request(5, 2, AspectRatio.PORTRAIT, STORY_SEED));
        generator.generate(request(5, 3, AspectRatio.PORTRAIT, STORY_SEED));
        generator.generate(request(1, 1, AspectRatio.PORTRAIT, STORY_SEED + 1));

        List<Long> seeds = webUi.drawn().stream().map(FakeSdWebUi.Drawn::seed).toList();
        long storySeed = seeds.get(0);
        assertThat(storySeed).isEqualTo(STORY_SEED % SdWebUiImageGenerator.SEED_RANGE);
        assertThat(seeds.subList(0, 20)).containsOnly(storySeed);
        assertThat(seeds.subList(20, 23)).containsExactly(storySeed + 1, storySeed + 2, storySeed + 1);
        assertThat(webUi.drawn()).extracting(FakeSdWebUi.Drawn::seedUsed).containsExactlyElementsOf(seeds);
    }

    @Test
    void seedsStayInsideTheRangeTheWebUiDrawsFromForAnyStorySeedAndAttempt() throws Exception {
        SdWebUiImageGenerator generator = generator();
        long[] storySeeds = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, SdWebUiImageGenerator.SEED_RANGE - 1};

        for (long storySeed : storySeeds) {
            generator.generate(request(1, 1, AspectRatio.SQUARE, storySeed));
            generator.generate(request(1, 3, AspectRatio.SQUARE, storySeed));
        }

        assertThat(webUi.drawn()).extracting(FakeSdWebUi.Drawn::seed)
                .allSatisfy(seed -> assertThat(seed).isBetween(0L, SdWebUiImageGenerator.SEED_RANGE - 1));
        assertThat(webUi.drawn().get(9).seed()).as("the last seed of the range wraps to the start").isEqualTo(1L);
    }

    @Test
    void theSameRequestDrawsTheSamePictureAndAnotherSeedADifferentOne() throws Exception {
        SdWebUiImageGenerator generator = generator();

        byte[] first = generator.generate(scene(2)).bytes();
        byte[] retried = generator.generate(scene(2)).bytes();
        byte[] regenerated = generator.generate(request(2, 2, AspectRatio.PORTRAIT, STORY_SEED)).bytes();

        assertThat(retried).isEqualTo(first);
        assertThat(regenerated).isNotEqualTo(first);
    }

    @Test
    void wrongOrMissingCredentialsAreBadCredentialsNamingSdWebUiAuth() {
        webUi.requireAuth("artist:s3cret");

        ProviderError wrong = failure(() -> generator("SD_WEBUI_AUTH", "artist:guess").generate(scene(1)));
        ProviderError missing = failure(() -> generator().generate(scene(1)));

        assertThat(wrong).isInstanceOf(ProviderError.BadCredentials.class);
        assertThat(wrong.message()).contains("SD_WEBUI_AUTH", "Incorrect username or password");
        assertThat(missing).isInstanceOf(ProviderError.BadCredentials.class);
        assertThat(missing.message()).contains("Not authenticated");
        assertThat(wrong.retryable()).isFalse();
        assertThat(webUi.drawn()).isEmpty();
    }

    @Test
    void aWebUiStartedWithoutApiIsABadRequestThatAsksForTheApiFlag() {
        webUi.withoutApi();

        ProviderError error = failure(() -> generator().generate(scene(1)));

        assertThat(error).isInstanceOf(ProviderError.BadRequest.class);
        assertThat(error.message()).contains("--api", webUi.url() + "/sdapi/v1/txt2img");
    }

    @Test
    void anUnknownSamplerIsABadRequestThatPointsAtSdSampler() {
        ProviderError error = failure(() -> generator("SD_SAMPLER", "Euler b").generate(scene(1)));

        assertThat(error).isInstanceOf(ProviderError.BadRequest.class);
        assertThat(error.message()).contains("Sampler not found", "SD_SAMPLER");
    }

    @Test
    void aValidationAnswerIsABadRequestListingEveryField() {
        // Verbatim shape of FastAPI/pydantic v2's 422: the adapter itself never sends an invalid body.
        webUi.server().script("POST", FakeSdWebUi.TXT2IMG, Reply.json(422, """
                {"detail":[{"type":"int_parsing","loc":["body","steps"],"msg":"Input should be a valid integer","input":"x"},
                           {"type":"multiple_of","loc":["body","width"],"msg":"Input should be a multiple of 8","input":570}]}"""));

        ProviderError error = failure(() -> generator().generate(scene(1)));

        assertThat(error).isInstanceOf(ProviderError.BadRequest.class);
        assertThat(error.message()).contains("steps: Input should be a valid integer; width: Input should be a multiple of 8");
    }

    @Test
    void cudaOutOfMemoryIsTransientAndSaysSo() {
        webUi.next(Trouble.OUT_OF_MEMORY);

        ProviderError error = failure(() -> generator().generate(scene(1)));

        assertThat(error).isInstanceOf(ProviderError.Transient.class);
        assertThat(error.message()).contains("500", "OutOfMemoryError", "CUDA out of memory");
        assertThat(error.message()).doesNotContain("\n");
    }

    @Test
    void malformedAnswersAreTransient() {
        SdWebUiImageGenerator generator = generator();
        webUi.next(Trouble.TRUNCATED_BODY, Trouble.NOT_AN_IMAGE);
        webUi.server().script("POST", FakeSdWebUi.TXT2IMG, Reply.json(200, "{\"images\":[],\"parameters\":{},\"info\":\"{}\"}"),
                Reply.bytes(200, "text/html", "<html>gateway</html>".getBytes()));

        List<ProviderError> errors = IntStream.range(0, 4).mapToObj(i -> failure(() -> generator.generate(scene(1)))).toList();

        assertThat(errors).allSatisfy(error -> assertThat(error).isInstanceOf(ProviderError.Transient.class));
        assertThat(errors.get(0).message()).contains("without an image");
        assertThat(errors.get(1).message()).contains("without an image", "<html>gateway");
        assertThat(errors.get(2).message()).contains("without an image");
        assertThat(errors.get(3).message()).contains("malformed image");
    }

    @Test
    void anImageClaimingMillionsOfPixelsIsMalformedAndNeverDecoded() throws Exception {
        byte[] png = fableforge.TestPngs.blank(8, 8);
        java.nio.ByteBuffer.wrap(png).putInt(16, 60_000).putInt(20, 60_000);
        String answer = "{\"images\":[\"" + java.util.Base64.getEncoder().encodeToString(png) + "\"],\"parameters\":{},\"info\":\"{}\"}";
        webUi.server().script("POST", FakeSdWebUi.TXT2IMG, Reply.json(200, answer));

        ProviderError error = failure(() -> generator().generate(scene(1)));

        assertThat(error).isInstanceOf(ProviderError.Transient.class);
        assertThat(error.message()).contains("malformed image", "60000x60000");
    }

    @Test
    void aSlowWebUiTimesOutAfterSdTimeoutSeconds() {
        webUi.answerAfter(Duration.ofSeconds(10));
        SdWebUiImageGenerator generator = generator("SD_TIMEOUT_SECONDS", "1");
        long started = System.nanoTime();

        ProviderError error = failure(() -> generator.generate(scene(1)));

        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(error).isInstanceOf(ProviderError.TimedOut.class);
        assertThat(error.message()).contains("1 s", "SD_TIMEOUT_SECONDS");
        assertThat(waited).as("the 1 s limit, not the answer's 10 s").isBetween(Duration.ofMillis(900), Duration.ofSeconds(6));
        assertThat(generator.lastCall().answered()).isFalse();
    }

    @Test
    void anUnreachableWebUiIsTransientAndNamesTheUrl() throws Exception {
        int closedPort = fableforge.testing.ClosedPort.NUMBER;
        String url = "http://127.0.0.1:" + closedPort;
        SdWebUiImageGenerator generator = new SdWebUiImageGenerator(Config.load(Map.of("IMAGE_PROVIDER", "sdwebui",
                "SD_WEBUI_URL", url), Path.of("none.env")).providers().sdWebUi(), Clock.systemUTC());

        ProviderError error = failure(() -> generator.generate(scene(1)));

        assertThat(error).isInstanceOf(ProviderError.Transient.class);
        assertThat(error.message()).contains("not reachable at " + url);
        assertThat(generator.lastCall().called()).isTrue();
        assertThat(generator.lastCall().answered()).isFalse();
    }

    @Test
    void lastCallSaysWhetherTheWebUiAnsweredAndWithWhichStatus() throws Exception {
        SdWebUiImageGenerator generator = generator();
        assertThat(generator.lastCall().called()).isFalse();

        generator.generate(scene(1));
        assertThat(generator.lastCall().answered()).isTrue();
        assertThat(generator.lastCall().httpStatus()).isEqualTo(200);

        webUi.next(Trouble.OUT_OF_MEMORY);
        failure(() -> generator.generate(scene(2)));
        assertThat(generator.lastCall().answered()).isTrue();
        assertThat(generator.lastCall().httpStatus()).isEqualTo(500);
    }

    @Test
    void imagesAreQuotedFreeBecauseTheyRunOnTheUsersGpu() {
        PriceQuote quote = generator().quote(AspectRatio.LANDSCAPE);

        assertThat(quote.provider()).isEqualTo("sdwebui");
        assertThat(quote.usd()).contains(BigDecimal.ZERO);
        assertThat(quote.detail()).contains("1024x576", "your own GPU");
    }

    @Test
    void anAuthSettingWithoutAColonStopsStartUp() {
        assertThatThrownBy(() -> Config.load(Map.of("IMAGE_PROVIDER", "sdwebui", "SD_WEBUI_AUTH", "justapassword"), Path.of("none.env")))
                .hasMessageContaining("SD_WEBUI_AUTH");
    }
}
