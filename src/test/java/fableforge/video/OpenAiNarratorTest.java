package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.fake.FakeOpenAiSpeech;
import fableforge.fake.FakeServer;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendTally;
import fableforge.story.Scene;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI text-to-speech adapter against a fake that speaks the API's contract, errors included. */
class OpenAiNarratorTest {

    private static final Scene SCENE = Scene.of(3, "Ember stood at the edge of Mossy Hollow.", "Ember wandered to the edge of Mossy Hollow and stared at her reflection.");

    private final FakeOpenAiSpeech fake = new FakeOpenAiSpeech();
    private final SpendTally spend = new SpendTally();

    @AfterEach
    void stop() {
        fake.close();
    }

    private OpenAiNarrator narrator(String key, Duration timeout) {
        return new OpenAiNarrator(URI.create(fake.baseUrl()), Optional.ofNullable(key), "tts-1", "nova", false, timeout, spend,
                PriceTable.builtIn(), Clock.systemUTC());
    }

    private OpenAiNarrator narrator() {
        return narrator(FakeOpenAiSpeech.KEY, Duration.ofSeconds(10));
    }

    @Test
    void sendsModelVoiceTextAndWavFormatWithTheKeyAndGetsTheSpokenSound() throws Exception {
        float[] samples = narrator().narrate("story-1", SCENE).orElseThrow();

        double expected = SCENE.narration().length() * FakeOpenAiSpeech.SECONDS_PER_CHARACTER;
        assertThat(Audio.seconds(samples)).as("24 kHz answer resampled to 48 kHz").isCloseTo(expected, org.assertj.core.data.Offset.offset(0.05));
        assertThat(Soundtrack.peak(samples)).isGreaterThan(0.2f);
        FakeServer.Recorded request = fake.server().requests().getFirst();
        assertThat(request.header("authorization")).isEqualTo("Bearer " + FakeOpenAiSpeech.KEY);
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(body.path("model").asText()).isEqualTo("tts-1");
        assertThat(body.path("voice").asText()).isEqualTo("nova");
        assertThat(body.path("input").asText()).as("the narration line is read, not the scene text").isEqualTo(SCENE.narration());
        assertThat(body.path("response_format").asText()).isEqualTo("wav");
    }

    @Test
    void eachSpokenSceneIsChargedPerCharacterAtTheModelsPrice() throws Exception {
        narrator().narrate("story-1", SCENE);

        var line = spend.summary().lines().getFirst();
        assertThat(line.stage()).isEqualTo("narration");
        assertThat(line.model()).isEqualTo("tts-1");
        assertThat(line.usd()).isEqualByComparingTo(new BigDecimal("0.000015").multiply(BigDecimal.valueOf(SCENE.narration().length())));
    }

    @Test
    void aWrongKeyIsBadCredentialsAndNothingIsCharged() {
        assertThatThrownBy(() -> narrator("sk-wrong", Duration.ofSeconds(10)).narrate("story-1", SCENE))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.BadCredentials.class));
        assertThat(spend.summary().lines()).isEmpty();
    }

    @Test
    void rateLimitCarriesTheWaitTheServerAskedFor() {
        fake.server().script("POST", "/v1/audio/speech",
                FakeOpenAiSpeech.error(429, "Rate limit reached for tts-1", "requests", "rate_limit_exceeded").withHeader("retry-after", "7"));

        assertThatThrownBy(() -> narrator().narrate("story-1", SCENE))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.RateLimited.class);
                    assertThat(e.error().retryAfter()).hasValue(Duration.ofSeconds(7));
                });
    }

    @Test
    void serverErrorIsTransientAndQuotaIsBilling() {
        fake.server().script("POST", "/v1/audio/speech",
                FakeOpenAiSpeech.error(500, "The server had an error", "server_error", null),
                FakeOpenAiSpeech.error(429, "You exceeded your current quota", "insufficient_quota", "insufficient_quota"));

        assertThatThrownBy(() -> narrator().narrate("story-1", SCENE))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.Transient.class));
        assertThatThrownBy(() -> narrator().narrate("story-1", SCENE))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.BillingLimit.class));
    }

    @Test
    void anAnswerThatIsNotSoundIsTransientNotACrash() {
        fake.server().script("POST", "/v1/audio/speech", FakeServer.Reply.bytes(200, "text/html", "<html>proxy says hi</html>".getBytes()));

        assertThatThrownBy(() -> narrator().narrate("story-1", SCENE))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.Transient.class);
                    assertThat(e.error().message()).contains("not audio");
                });
        assertThat(spend.summary().lines()).isEmpty();
    }

    @Test
    void aSlowServerTimesOut() {
        fake.server().script("POST", "/v1/audio/speech",
                FakeServer.Reply.bytes(200, "audio/wav", FakeOpenAiSpeech.wavTone(1, 24_000)).after(Duration.ofSeconds(3)));

        assertThatThrownBy(() -> narrator(FakeOpenAiSpeech.KEY, Duration.ofMillis(300)).narrate("story-1", SCENE))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.TimedOut.class));
    }

    @Test
    void textBeyondTheApisLimitIsRefusedBeforeAnyCall() {
        Scene long_ = Scene.of(4, "A long scene.", "word ".repeat(900));

        assertThatThrownBy(() -> narrator().narrate("story-1", long_))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class));
        assertThat(fake.server().requests()).isEmpty();
    }
}
