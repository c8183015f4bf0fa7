package fableforge.image.openai;

import fableforge.provider.openai.OpenAiSettings;
import fableforge.settings.ConfigException;
import static fableforge.image.openai.OpenAiImageTesting.request;
import static fableforge.image.openai.OpenAiImageTesting.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fableforge.fake.FakeOpenAiImages;
import fableforge.fake.FakeOpenAiImages.Call;
import fableforge.fake.OpenAiImagesAnswer;
import fableforge.story.AspectRatio;
import fableforge.image.GeneratedImage;
import fableforge.image.ImageRequest;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.spend.Charge;
import fableforge.spend.PriceTable;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter against the fake OpenAI image API: what it sends, and what each answer becomes. */
class OpenAiImageGeneratorTest {

    private final FakeOpenAiImages fake = new FakeOpenAiImages(OpenAiImageTesting.KEY);
    private final List<Charge> charges = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        assertThat(fake.violations()).as("requests the real API would refuse").isEmpty();
        fake.close();
    }

    private OpenAiImageGenerator generator(String model, String quality) {
        return generator(settings(fake.baseUrl(), model, quality));
    }

    private OpenAiImageGenerator generator(OpenAiSettings settings) {
        return new OpenAiImageGenerator(settings, PriceTable.builtIn(), charges::add, Clock.systemUTC());
    }

    private ProviderError failure(OpenAiImageGenerator generator, ImageRequest request) {
        return catchThrowableOfType(ProviderException.class, () -> generator.generate(request)).error();
    }

    @Test
    void gptImage2PortraitAsksForTheFramesOwnAspectAndFitsTheAnswerToTheFrame() throws Exception {
        ImageRequest request = request("story-a", 3, AspectRatio.PORTRAIT);

        GeneratedImage image = generator("gpt-image-2", "").generate(request);

        Call call = fake.calls().get(0);
        assertThat(call.path()).isEqualTo("/v1/images/generations");
        assertThat(call.contentType()).startsWith("application/json");
        assertThat(call.fields()).containsEntry("model", "gpt-image-2").containsEntry("prompt", request.prompt())
                .containsEntry("n", "1").containsEntry("size", "1088x1920").containsEntry("quality", "medium")
                .doesNotContainKeys("style", "response_format");
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.width() + "x" + image.height()).as("1088x1920 cut to the 9:16 frame, not stretched").isEqualTo("1080x1920");
    }

    @Test
    void everyFrameIsAskedAtANativeSizeTheModelTakesAndDeliveredAtTheFramesSize() throws Exception {
        record Case(AspectRatio ratio, String asked) {
        }
        for (Case c : List.of(new Case(AspectRatio.PORTRAIT, "1088x1920"), new Case(AspectRatio.LANDSCAPE, "1920x1088"),
                new Case(AspectRatio.SQUARE, "1088x1088"))) {
            GeneratedImage image = generator("gpt-image-2-2026-04-21", "").generate(request("story-b", 1, c.ratio()));

            assertThat(fake.calls().getLast().fields().get("size")).as(c.toString()).isEqualTo(c.asked());
            assertThat(FakeOpenAiImages.sizeAllowed(c.asked())).as(c.asked() + " within gpt-image-2's size rule").isTrue();
            assertThat(image.width() + "x" + image.height()).as(c.toString()).isEqualTo(c.ratio().width() + "x" + c.ratio().height());
        }
    }

    @Test
    void gptImage2IsChargedFromTheTokensItsAnswerReports() throws Exception {
        generator("gpt-image-2", "high").generate(request("story-c", 2, AspectRatio.LANDSCAPE));

        assertThat(fake.calls().get(0).fields()).containsEntry("quality", "high");
        long words = fake.calls().get(0).prompt().split("\\s+").length;
        long output = Math.round(4_160 * 1920L * 1088 / 1_048_576.0); // what the fake reports for high 1920x1088
        assertThat(charges).extracting(Charge::detail).containsExactly(
                "1920x1088 high + " + words + " text / 0 image input tokens + " + output + " output tokens");
        assertThat(charges.get(0).usd().orElseThrow()).isEqualByComparingTo(
                new BigDecimal(words * 5 + output * 30).movePointLeft(6));
    }

    @Test
    void anAnswerWithoutUsageLeavesThePriceOfATokenBilledModelUnknownNeverFree() throws Exception {
        fake.omitUsage();

        generator("gpt-image-2", "").generate(request("story-c2", 2, AspectRatio.PORTRAIT));

        assertThat(charges).hasSize(1);
        assertThat(charges.get(0).usd()).as("unknown, not $0").isEmpty();
    }

    @Test
    void aQuoteEstimatesTheOutputTokensOfOneImageAtTheFramesSize() {
        var quote = generator("gpt-image-2", "").quote(AspectRatio.PORTRAIT);

        assertThat(quote.detail()).startsWith("1088x1920 medium");
        // 1010 output tokens a megapixel (prices.json) x 1.99 MP x $30 a million.
        assertThat(quote.usd().orElseThrow()).isBetween(new BigDecimal("0.05"), new BigDecimal("0.07"));
        assertThat(generator("my-local-model", "").quote(AspectRatio.PORTRAIT).usd()).as("no price known: unknown").isEmpty();
        assertThat(fake.calls()).as("quoting calls nobody").isEmpty();
    }

    @Test
    void aModelOfNoKnownFamilyIsSentOnlyWhatEveryImageModelTakes() {
        failure(generator("my-local-model", ""), request("story-u", 1, AspectRatio.PORTRAIT));

        assertThat(fake.calls().get(0).fields()).containsOnlyKeys("model", "prompt", "n", "size")
                .containsEntry("size", "1024x1024");
    }

    @Test
    void aQualityOrConsistencyTheModelCannotDoIsAStartUpError() {
        assertThatThrownBy(() -> generator("gpt-image-2", "hd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OPENAI_IMAGE_QUALITY=hd").hasMessageContaining("low, medium, high, auto");
        assertThatThrownBy(() -> generator(settings(fake.baseUrl(), "dall-e-3", "", true, Duration.ofSeconds(5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IMAGE_CONSISTENCY=reference needs an OPENAI_IMAGE_MODEL");
    }

    @Test
    void theSameMismatchesAreReportedWithTheOtherConfigurationProblemsAtStartUp() {
        java.util.Map<String, String> env = java.util.Map.of("IMAGE_PROVIDER", "openai", "OPENAI_API_KEY", "sk-x",
                "OPENAI_IMAGE_MODEL", "dall-e-3", "OPENAI_IMAGE_QUALITY", "medium", "IMAGE_CONSISTENCY", "reference");

        assertThatThrownBy(() -> fableforge.Config.load(env, java.nio.file.Path.of("no-such.env")))
                .isInstanceOf(fableforge.settings.ConfigException.class)
                .hasMessageContaining("OPENAI_IMAGE_QUALITY=medium does not apply to dall-e-3")
                .hasMessageContaining("IMAGE_CONSISTENCY=reference needs an OPENAI_IMAGE_MODEL that draws from reference images, such as gpt-image-2");
    }

    @Test
    void aRetiredModelIsReportedAsRetiredNamingTheVariableAndIsNotRetried() {
        ProviderError error = failure(generator("gpt-image-1", ""), request("story-r", 1, AspectRatio.PORTRAIT));

        assertThat(fake.calls()).extracting(Call::status).containsExactly(404);
        assertThat(error).isInstanceOf(ProviderError.BadRequest.class);
        assertThat(error.retryable()).isFalse();
        assertThat(error.message()).contains("model retired or not available to this key").contains("OPENAI_IMAGE_MODEL=gpt-image-1");
    }

    @Test
    void aLinkAnswerIsDownloadedAtOnceWithoutTheApiKey() throws Exception {
        fake.answerWithLinks(true);

        GeneratedImage image = generator("gpt-image-2", "high").generate(request("story-d", 1, AspectRatio.LANDSCAPE));

        assertThat(image.width()).isEqualTo(1920);
        assertThat(fake.downloads()).hasSize(1);
        assertThat(fake.downloads().get(0).authorization()).as("the signed link needs no key, and must not get it").isNull();
        assertThat(charges).extracting(Charge::detail).allMatch(detail -> detail.startsWith("1920x1088 high"));
    }

    @Test
    void anExpiredLinkIsATransientErrorButTheDeliveredImageIsStillCharged() {
        fake.answerWithLinks(true).expireLinks();

        ProviderError error = failure(generator("gpt-image-2", ""), request("story-e", 1, AspectRatio.PORTRAIT));

        assertThat(error).isInstanceOf(ProviderError.Transient.class);
        assertThat(error.message()).contains("HTTP 403").contains("expired");
        assertThat(charges).as("OpenAI billed the image it made").hasSize(1);
    }

    @Test
    void aModerationBlockedPromptIsAPolicyRefusalAndCostsNothing() {
        fake.refuse("menacing");
        ImageRequest request = request("story-f", 1, AspectRatio.PORTRAIT);
        ImageRequest refused = new ImageRequest("story-f", 1, request.prompt() + "\nA MENACING shadow falls.", request.brief());

        ProviderError gptImage = failure(generator("gpt-image-2", ""), refused);

        assertThat(gptImage).isInstanceOf(ProviderError.PolicyRefusal.class);
        assertThat(gptImage.retryable()).as("retried with a changed prompt").isTrue();
        assertThat(charges).isEmpty();
    }

    @Test
    void aRateLimitCarriesTheWaitOpenAiAskedForInAnyOfItsHeaders() {
        fake.script(OpenAiImagesAnswer.retryAfterSeconds(2), OpenAiImagesAnswer.retryAfterMillis(750), OpenAiImagesAnswer.resetRequestsIn(1500));
        OpenAiImageGenerator generator = generator("gpt-image-2", "");
        ImageRequest request = request("story-g", 1, AspectRatio.PORTRAIT);

        List<ProviderError> errors = List.of(failure(generator, request), failure(generator, request), failure(generator, request));

        assertThat(errors).allMatch(error -> error instanceof ProviderError.RateLimited);
        assertThat(errors).extracting(error -> error.retryAfter().orElseThrow())
                .containsExactly(Duration.ofSeconds(2), Duration.ofMillis(750), Duration.ofMillis(1500));
    }

    @Test
    void noCreditIsABillingLimitThatSaysOutOfCreditAndIsNotRetried() {
        fake.script(OpenAiImagesAnswer.noCredit());

        ProviderError error = failure(generator("gpt-image-2", ""), request("story-h", 1, AspectRatio.PORTRAIT));

        assertThat(error).isInstanceOf(ProviderError.BillingLimit.class);
        assertThat(error.message()).contains("out of credit");
        assertThat(error.retryable()).isFalse();
    }

    @Test
    void aWrongOrRevokedKeyIsBadCredentials() {
        OpenAiSettings wrongKey = new OpenAiSettings(Optional.of("sk-wrong"), URI.create(fake.baseUrl()), "gpt-4o-mini",
                "gpt-image-2", "", "vivid", false, Duration.ofSeconds(5), fableforge.provider.openai.ModelTable.builtIn());
        fake.script(OpenAiImagesAnswer.unauthorized());

        ProviderError wrong = failure(generator(wrongKey), request("story-i", 1, AspectRatio.PORTRAIT));
        ProviderError revoked = failure(generator("gpt-image-2", ""), request("story-i", 1, AspectRatio.PORTRAIT));

        assertThat(wrong).isInstanceOf(ProviderError.BadCredentials.class);
        assertThat(wrong.message()).contains("OPENAI_API_KEY");
        assertThat(revoked).isInstanceOf(ProviderError.BadCredentials.class);
        assertThat(fake.calls()).extracting(Call::status).containsExactly(401, 401);
    }

    @Test
    void serverErrorsMalformedAnswersAndNonImagesAreTransient() {
        fake.script(OpenAiImagesAnswer.serverError(), OpenAiImagesAnswer.malformed(), OpenAiImagesAnswer.notAnImage());
        OpenAiImageGenerator generator = generator("gpt-image-2", "");
        ImageRequest request = request("story-j", 1, AspectRatio.PORTRAIT);

        ProviderError server = failure(generator, request);
        ProviderError malformed = failure(generator, request);
        ProviderError notAnImage = failure(generator, request);

        assertThat(List.of(server, malformed, notAnImage)).allMatch(error -> error instanceof ProviderError.Transient);
        assertThat(server.message()).contains("500");
        assertThat(malformed.message()).contains("not the expected JSON");
        assertThat(notAnImage.message()).contains("not a PNG, JPEG or WebP");
    }

    @Test
    void aSlowAnswerTimesOutAtTheConfiguredTimeout() {
        fake.script(OpenAiImagesAnswer.slow(Duration.ofSeconds(10)));
        OpenAiImageGenerator generator = generator(settings(fake.baseUrl(), "gpt-image-2", "", false, Duration.ofMillis(400)));
        long started = System.nanoTime();

        ProviderError error = failure(generator, request("story-k", 1, AspectRatio.PORTRAIT));

        assertThat(error).isInstanceOf(ProviderError.TimedOut.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the call's own limit, not the answer's 10 s").isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void healthSeesTheLastCallAndTheAdapterIsNamedAfterItsModel() throws Exception {
        OpenAiImageGenerator generator = generator("gpt-image-2", "");
        assertThat(generator.lastCall().called()).isFalse();

        generator.generate(request("story-l", 1, AspectRatio.SQUARE));

        assertThat(generator.lastCall().answered()).isTrue();
        assertThat(generator.lastCall().httpStatus()).isEqualTo(200);
        assertThat(generator.name()).isEqualTo("openai:gpt-image-2");
    }
}
