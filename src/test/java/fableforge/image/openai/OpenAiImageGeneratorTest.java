package fableforge.image.openai;

import static fableforge.image.openai.OpenAiImageTesting.request;
import static fableforge.image.openai.OpenAiImageTesting.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fableforge.Providers;
import fableforge.fake.FakeOpenAiImages;
import fableforge.fake.FakeOpenAiImages.Answer;
import fableforge.fake.FakeOpenAiImages.Call;
import fableforge.image.AspectRatio;
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

    private OpenAiImageGenerator generator(Providers.OpenAi settings) {
        return new OpenAiImageGenerator(settings, PriceTable.builtIn(), charges::add, Clock.systemUTC());
    }

    private ProviderError failure(OpenAiImageGenerator generator, ImageRequest request) {
        return catchThrowableOfType(ProviderException.class, () -> generator.generate(request)).error();
    }

    @Test
    void dallE3PortraitAsksForTheTallSizeStandardQualityStyleAndInlineBytes() throws Exception {
        ImageRequest request = request("story-a", 3, AspectRatio.PORTRAIT);

        GeneratedImage image = generator("dall-e-3", "").generate(request);

        Call call = fake.calls().get(0);
        assertThat(call.path()).isEqualTo("/v1/images/generations");
        assertThat(call.contentType()).startsWith("application/json");
        assertThat(call.fields()).containsEntry("model", "dall-e-3").containsEntry("prompt", request.prompt())
                .containsEntry("n", "1").containsEntry("size", "1024x1792").containsEntry("quality", "standard")
                .containsEntry("style", "vivid").containsEntry("response_format", "b64_json");
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.width()).isEqualTo(1024);
        assertThat(image.height()).isEqualTo(1792);
        assertThat(charges).containsExactly(new Charge("story-a", "image", "openai", "dall-e-3", "1024x1792 standard",
                Optional.of(new BigDecimal("0.08"))));
    }

    @Test
    void eachModelGetsItsOwnSizeForEachFrameAndTheImageReportsThatSize() throws Exception {
        record Case(String model, AspectRatio ratio, int width, int height) {
        }
        List<Case> cases = List.of(
                new Case("dall-e-3", AspectRatio.LANDSCAPE, 1792, 1024), new Case("dall-e-3", AspectRatio.SQUARE, 1024, 1024),
                new Case("gpt-image-1", AspectRatio.PORTRAIT, 1024, 1536), new Case("gpt-image-1", AspectRatio.LANDSCAPE, 1536, 1024),
                new Case("gpt-image-1", AspectRatio.SQUARE, 1024, 1024));
        for (Case c : cases) {
            GeneratedImage image = generator(c.model(), "").generate(request("story-b", 1, c.ratio()));

            assertThat(image.width() + "x" + image.height()).as(c.toString()).isEqualTo(c.width() + "x" + c.height());
            assertThat(fake.calls().getLast().fields().get("size")).as(c.toString()).isEqualTo(c.width() + "x" + c.height());
        }
    }

    @Test
    void gptImage1SendsNoStyleOrResponseFormatAndIsChargedAtTheConfiguredQuality() throws Exception {
        generator("gpt-image-1", "high").generate(request("story-c", 2, AspectRatio.LANDSCAPE));
        generator("gpt-image-1", "").generate(request("story-c", 3, AspectRatio.PORTRAIT));

        assertThat(fake.calls().get(0).fields()).containsEntry("model", "gpt-image-1").containsEntry("quality", "high")
                .doesNotContainKeys("style", "response_format");
        assertThat(fake.calls().get(1).fields()).containsEntry("quality", "medium");
        // The per-image price plus the prompt's text tokens at $5 per million (the fake counts one token a word).
        long words0 = fake.calls().get(0).prompt().split("\\s+").length;
        long words1 = fake.calls().get(1).prompt().split("\\s+").length;
        assertThat(charges).extracting(Charge::detail).containsExactly(
                "1536x1024 high + " + words0 + " text / 0 image input tokens", "1024x1536 medium + " + words1 + " text / 0 image input tokens");
        assertThat(charges.get(0).usd().orElseThrow()).isEqualByComparingTo(new BigDecimal("0.25")
                .add(new BigDecimal(words0 * 5).movePointLeft(6)));
        assertThat(charges.get(1).usd().orElseThrow()).isEqualByComparingTo(new BigDecimal("0.063")
                .add(new BigDecimal(words1 * 5).movePointLeft(6)));
    }

    @Test
    void aQuoteIsThePriceTablesPriceOfOneImageAtTheFramesSize() {
        assertThat(generator("dall-e-3", "").quote(AspectRatio.PORTRAIT).usd()).contains(new BigDecimal("0.08"));
        assertThat(generator("dall-e-3", "hd").quote(AspectRatio.SQUARE).usd()).contains(new BigDecimal("0.08"));
        assertThat(generator("gpt-image-1", "low").quote(AspectRatio.LANDSCAPE).detail()).isEqualTo("1536x1024 low");
        assertThat(generator("gpt-image-1", "").quote(AspectRatio.PORTRAIT).times(20)).contains(new BigDecimal("1.260"));
        assertThat(fake.calls()).as("quoting calls nobody").isEmpty();
    }

    @Test
    void aQualityOrConsistencyTheModelCannotDoIsAStartUpError() {
        assertThatThrownBy(() -> generator("gpt-image-1", "hd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OPENAI_IMAGE_QUALITY=hd").hasMessageContaining("low, medium, high, auto");
        assertThatThrownBy(() -> generator(settings(fake.baseUrl(), "dall-e-3", "", true, Duration.ofSeconds(5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IMAGE_CONSISTENCY=reference needs OPENAI_IMAGE_MODEL=gpt-image-1");
    }

    @Test
    void theSameMismatchesAreReportedWithTheOtherConfigurationProblemsAtStartUp() {
        java.util.Map<String, String> env = java.util.Map.of("IMAGE_PROVIDER", "openai", "OPENAI_API_KEY", "sk-x",
                "OPENAI_IMAGE_MODEL", "dall-e-3", "OPENAI_IMAGE_QUALITY", "medium", "IMAGE_CONSISTENCY", "reference");

        assertThatThrownBy(() -> fableforge.Config.load(env, java.nio.file.Path.of("no-such.env")))
                .isInstanceOf(fableforge.Config.ConfigException.class)
                .hasMessageContaining("OPENAI_IMAGE_QUALITY=medium does not apply to dall-e-3")
                .hasMessageContaining("IMAGE_CONSISTENCY=reference needs OPENAI_IMAGE_MODEL=gpt-image-1");
    }

    @Test
    void aLinkAnswerIsDownloadedAtOnceWithoutTheApiKey() throws Exception {
        fake.answerWithLinks(true);

        GeneratedImage image = generator("dall-e-3", "hd").generate(request("story-d", 1, AspectRatio.LANDSCAPE));

        assertThat(image.width()).isEqualTo(1792);
        assertThat(fake.downloads()).hasSize(1);
        assertThat(fake.downloads().get(0).authorization()).as("the signed link needs no key, and must not get it").isNull();
        assertThat(charges).extracting(Charge::detail).containsExactly("1792x1024 hd");
    }

    @Test
    void anExpiredLinkIsATransientErrorButTheDeliveredImageIsStillCharged() {
        fake.answerWithLinks(true).expireLinks();

        ProviderError error = failure(generator("dall-e-3", ""), request("story-e", 1, AspectRatio.PORTRAIT));

        assertThat(error).isInstanceOf(ProviderError.Transient.class);
        assertThat(error.message()).contains("HTTP 403").contains("expired");
        assertThat(charges).as("OpenAI billed the image it made").hasSize(1);
    }

    @Test
    void aRefusedPromptIsAPolicyRefusalForBothModelsAndCostsNothing() {
        fake.refuse("menacing");
        ImageRequest request = request("story-f", 1, AspectRatio.PORTRAIT);
        ImageRequest refused = new ImageRequest("story-f", 1, request.prompt() + "\nA MENACING shadow falls.", request.brief());

        ProviderError dallE = failure(generator("dall-e-3", ""), refused);
        ProviderError gptImage = failure(generator("gpt-image-1", ""), refused);

        assertThat(dallE).isInstanceOf(ProviderError.PolicyRefusal.class);
        assertThat(gptImage).isInstanceOf(ProviderError.PolicyRefusal.class);
        assertThat(dallE.retryable()).as("retried with a changed prompt").isTrue();
        assertThat(charges).isEmpty();
    }

    @Test
    void aRateLimitCarriesTheWaitOpenAiAskedForInAnyOfItsHeaders() {
        fake.script(Answer.retryAfterSeconds(2), Answer.retryAfterMillis(750), Answer.resetRequestsIn(1500));
        OpenAiImageGenerator generator = generator("gpt-image-1", "");
        ImageRequest request = request("story-g", 1, AspectRatio.PORTRAIT);

        List<ProviderError> errors = List.of(failure(generator, request), failure(generator, request), failure(generator, request));

        assertThat(errors).allMatch(error -> error instanceof ProviderError.RateLimited);
        assertThat(errors).extracting(error -> error.retryAfter().orElseThrow())
                .containsExactly(Duration.ofSeconds(2), Duration.ofMillis(750), Duration.ofMillis(1500));
    }

    @Test
    void noCreditIsABillingLimitThatSaysOutOfCreditAndIsNotRetried() {
        fake.script(Answer.noCredit());

        ProviderError error = failure(generator("gpt-image-1", ""), request("story-h", 1, AspectRatio.PORTRAIT));

        assertThat(error).isInstanceOf(ProviderError.BillingLimit.class);
        assertThat(error.message()).contains("out of credit");
        assertThat(error.retryable()).isFalse();
    }

    @Test
    void aWrongOrRevokedKeyIsBadCredentials() {
        Providers.OpenAi wrongKey = new Providers.OpenAi(Optional.of("sk-wrong"), URI.create(fake.baseUrl()), "gpt-4o-mini",
                "gpt-image-1", "", "vivid", false, Duration.ofSeconds(5));
        fake.script(Answer.unauthorized());

        ProviderError wrong = failure(generator(wrongKey), request("story-i", 1, AspectRatio.PORTRAIT));
        ProviderError revoked = failure(generator("gpt-image-1", ""), request("story-i", 1, AspectRatio.PORTRAIT));

        assertThat(wrong).isInstanceOf(ProviderError.BadCredentials.class);
        assertThat(wrong.message()).contains("OPENAI_API_KEY");
        assertThat(revoked).isInstanceOf(ProviderError.BadCredentials.class);
        assertThat(fake.calls()).extracting(Call::status).containsExactly(401, 401);
    }

    @Test
    void serverErrorsMalformedAnswersAndNonImagesAreTransient() {
        fake.script(Answer.serverError(), Answer.malformed(), Answer.notAnImage());
        OpenAiImageGenerator generator = generator("dall-e-3", "");
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
        fake.script(Answer.slow(Duration.ofSeconds(3)));
        OpenAiImageGenerator generator = generator(settings(fake.baseUrl(), "gpt-image-1", "", false, Duration.ofMillis(400)));
        long started = System.nanoTime();

        ProviderError error = failure(generator, request("story-k", 1, AspectRatio.PORTRAIT));

        assertThat(error).isInstanceOf(ProviderError.TimedOut.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void healthSeesTheLastCallAndTheAdapterIsNamedAfterItsModel() throws Exception {
        OpenAiImageGenerator generator = generator("gpt-image-1", "");
        assertThat(generator.lastCall().called()).isFalse();

        generator.generate(request("story-l", 1, AspectRatio.SQUARE));

        assertThat(generator.lastCall().answered()).isTrue();
        assertThat(generator.lastCall().httpStatus()).isEqualTo(200);
        assertThat(generator.name()).isEqualTo("openai:gpt-image-1");
    }
}
