package fableforge.video.kling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.fake.FakeKling;
import fableforge.job.ManualClock;
import fableforge.job.Sleeper;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.spend.Charge;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import fableforge.video.SceneClip;
import fableforge.video.VideoFrame;
import fableforge.video.remote.ClipRequests;
import fableforge.video.remote.FittedClip;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** KlingClips against a fake speaking Kling's contract: what is sent, how it is polled, what each failure becomes. */
class KlingClipsTest {

    private static final Duration POLL = Duration.ofMillis(20);

    private final FakeKling kling = new FakeKling();
    private final List<Charge> charges = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        kling.close();
    }

    private KlingClips adapter(String secret, Duration timeout) {
        return adapter(secret, "kling-v1-6", "std", timeout);
    }

    private KlingClips adapter(String secret, String model, String mode, Duration timeout) {
        return adapter(kling, charges::add, secret, model, mode, timeout);
    }

    /** KlingClips against {@code kling}, polling every 20 ms, reporting its charges to {@code meter}. */
    static KlingClips adapter(FakeKling kling, SpendMeter meter, String secret, String model, String mode, Duration timeout) {
        KlingSettings settings = new KlingSettings(Optional.of(FakeKling.ACCESS_KEY), Optional.of(secret),
                URI.create(kling.baseUrl()), model, mode, timeout);
        return new KlingClips(settings, POLL, meter, PriceTable.builtIn(), Clock.systemUTC(), Sleeper.REAL);
    }

    private KlingClips adapter(String model, String mode) {
        return adapter(FakeKling.SECRET_KEY, model, mode, Duration.ofSeconds(20));
    }

    private KlingClips adapter() {
        return adapter(FakeKling.SECRET_KEY, Duration.ofSeconds(20));
    }

    @Test
    void aTaskIdWithDotDotSlashAndQuestionMarkIsSentAsOnePathSegment() throws Exception {
        kling.taskIdsStartingWith("../../v1/account?x=1&");

        try (SceneClip clip = adapter().clip(ClipRequests.scene(3, 4.0), 1)) {
            assertThat(clip.frameCount()).isEqualTo(120);
        }

        assertThat(kling.problems()).isEmpty();
        assertThat(kling.server().requests("GET", FakeKling.STATUS)).isNotEmpty()
                .allSatisfy(poll -> assertThat(poll.uri().getRawPath()).startsWith("/v1/videos/image2video/..%2F..%2Fv1%2Faccount%3Fx%3D1%26")
                        .satisfies(path -> assertThat(poll.uri().getRawQuery()).isNull()));
    }

    @Test
    void sendsTheStillAsRawBase64WithAStringDurationPollsUntilDoneAndFitsTheClip() throws Exception {
        try (SceneClip clip = adapter().clip(ClipRequests.scene(7, 4.0), 1)) {
            assertThat(clip).isInstanceOf(FittedClip.class);
            assertThat(clip.frameCount()).isEqualTo(120);
            VideoFrame frame = new VideoFrame(ClipRequests.SIZE);
            clip.render(119, frame);
        }

        assertThat(kling.problems()).isEmpty();
        JsonNode sent = kling.submitted().getFirst();
        assertThat(sent.path("model_name").asText()).isEqualTo("kling-v1-6");
        assertThat(sent.path("duration").isTextual()).isTrue();
        assertThat(sent.path("duration").asText()).isEqualTo("5");
        assertThat(sent.path("mode").asText()).isEqualTo("std");
        assertThat(sent.path("cfg_scale").asDouble()).isEqualTo(0.5);
        assertThat(sent.path("external_task_id").asText()).matches("story-1-[0-9a-z]+-scene7-try1");
        assertThat(sent.path("prompt").asText()).contains("Slow pull back").contains("the little fox looks up");
        assertThat(sent.path("negative_prompt").asText()).contains("watermark");
        assertThat(sent.path("image").asText()).doesNotStartWith("data:");
        var still = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(sent.path("image").asText())));
        assertThat(still.getWidth()).isEqualTo(360);
        assertThat(still.getHeight()).isEqualTo(640);
        assertThat(kling.statusCalls()).as("submitted, processing, succeed").isEqualTo(3);
        assertThat(kling.downloads()).isEqualTo(1);
        assertThat(charges).singleElement().satisfies(charge -> {
            assertThat(charge.stage()).isEqualTo("video");
            assertThat(charge.provider()).isEqualTo("kling");
            assertThat(charge.model()).isEqualTo("kling-v1-6");
            assertThat(charge.detail()).isEqualTo("scene 7, 5 s std");
            assertThat(charge.usd()).contains(new BigDecimal("0.28"));
        });
    }

    @Test
    void aRenderThatRunsAgainNeverReusesAnEarlierRunsTaskIds() throws Exception {
        adapter().clip(ClipRequests.scene(3, 4.0), 1).close();
        adapter().clip(ClipRequests.scene(3, 4.0), 1).close();

        assertThat(kling.problems()).as("Kling refuses a used external_task_id").isEmpty();
        assertThat(kling.submitted()).extracting(sent -> sent.path("external_task_id").asText()).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void aSceneLongerThanFiveSecondsAsksForTenAndIsChargedForTen() throws Exception {
        try (SceneClip clip = adapter().clip(ClipRequests.scene(13, 6.0), 2)) {
            assertThat(clip.frameCount()).isEqualTo(180);
        }
        assertThat(kling.submitted().getFirst().path("duration").asText()).isEqualTo("10");
        assertThat(kling.submitted().getFirst().path("external_task_id").asText()).matches("story-1-[0-9a-z]+-scene13-try2");
        assertThat(charges.getFirst().usd()).contains(new BigDecimal("0.56"));
    }

    @Test
    void aWrongSecretIsBadCredentialsAndNothingIsCharged() {
        assertThatThrownBy(() -> adapter("not-the-secret", Duration.ofSeconds(5)).clip(ClipRequests.scene(1, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadCredentials.class);
                    assertThat(e.getMessage()).contains("1000");
                });
        assertThat(charges).isEmpty();
    }

    @Test
    void aV2ModelIsSentItsModeButNoCfgScaleAndIsChargedAtItsOwnPrice() throws Exception {
        adapter("kling-v2-5-turbo", "pro").clip(ClipRequests.scene(7, 4.0), 1).close();

        assertThat(kling.problems()).as("the fake answers cfg_scale on a v2 model with 1201, as Kling does").isEmpty();
        JsonNode sent = kling.submitted().getFirst();
        assertThat(sent.path("model_name").asText()).isEqualTo("kling-v2-5-turbo");
        assertThat(sent.path("mode").asText()).isEqualTo("pro");
        assertThat(sent.has("cfg_scale")).isFalse();
        assertThat(charges).singleElement().satisfies(charge -> {
            assertThat(charge.detail()).isEqualTo("scene 7, 5 s pro");
            assertThat(charge.usd()).contains(new BigDecimal("0.35"));
        });
    }

    @Test
    void aMasterModelIsSentNeitherModeNorCfgScaleAndIsPricedByDurationAlone() throws Exception {
        adapter("kling-v2-master", "std").clip(ClipRequests.scene(3, 6.0), 1).close();

        assertThat(kling.problems()).isEmpty();
        JsonNode sent = kling.submitted().getFirst();
        assertThat(sent.has("mode")).isFalse();
        assertThat(sent.has("cfg_scale")).isFalse();
        assertThat(sent.path("duration").asText()).isEqualTo("10");
        assertThat(charges).singleElement().satisfies(charge -> {
            assertThat(charge.detail()).isEqualTo("scene 3, 10 s");
            assertThat(charge.usd()).contains(new BigDecimal("2.8"));
        });
    }

    @Test
    void aModelMissingFromOurTableIsSentOnlyTheCommonParametersAndItsPriceIsUnknown() throws Exception {
        kling.offerModel("kling-v9-future");

        adapter("kling-v9-future", "pro").clip(ClipRequests.scene(3, 4.0), 1).close();

        assertThat(kling.problems()).isEmpty();
        assertThat(kling.submitted().getFirst().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("model_name", "image", "prompt", "negative_prompt", "duration", "external_task_id");
        assertThat(charges).singleElement().satisfies(charge -> assertThat(charge.usd()).as("unknown, never free").isEmpty());
    }

    @Test
    void theFakeRefusesWhatKlingRefuses() throws Exception {
        // What the fake must refuse, or the tests above could not fail: cfg_scale or mode where the model takes none, an unknown model.
        assertThat(rawSubmit("{\"model_name\":\"kling-v2-1\",\"cfg_scale\":0.5,\"mode\":\"std\"}")).contains("\"code\":1201").contains("cfg_scale");
        assertThat(rawSubmit("{\"model_name\":\"kling-v2-master\",\"mode\":\"std\"}")).contains("\"code\":1201").contains("mode");
        assertThat(rawSubmit("{\"model_name\":\"kling-v0\"}")).contains("\"code\":1203");
    }

    private String rawSubmit(String json) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(URI.create(kling.baseUrl() + FakeKling.SUBMIT))
                .header("Authorization", "Bearer " + KlingToken.sign(FakeKling.ACCESS_KEY, FakeKling.SECRET_KEY, Instant.now().getEpochSecond()))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    @Test
    void aTaskFailedForItsContentIsARefusalAndOneThatBrokeIsTransient() {
        kling.failTasks("Failure to pass the risk control system");
        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(3, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.PolicyRefusal.class);
                    assertThat(e.getMessage()).contains("risk control");
                });

        kling.failTasks("internal generation error");
        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(4, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.Transient.class));
        assertThat(kling.downloads()).isZero();
        assertThat(charges).isEmpty();
    }

    @Test
    void aTaskThatNeverFinishesTimesOutAtTheDeadlineWithBackoff() {
        kling.neverFinish();
        // Time on a clock the test moves: the count of polls is the policy's, not the machine's speed.
        ManualClock clock = new ManualClock(Instant.now());
        KlingSettings settings = new KlingSettings(Optional.of(FakeKling.ACCESS_KEY), Optional.of(FakeKling.SECRET_KEY),
                URI.create(kling.baseUrl()), "kling-v1-6", "std", Duration.ofMillis(800));
        KlingClips adapter = new KlingClips(settings, POLL, charges::add, PriceTable.builtIn(), clock, clock.sleeper());

        assertThatThrownBy(() -> adapter.clip(ClipRequests.scene(3, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.TimedOut.class);
                    assertThat(e.getMessage()).contains("processing");
                });

        assertThat(clock.slept()).as("waited up to the deadline, not past it").isEqualTo(Duration.ofMillis(800));
        assertThat(clock.sleeps()).first().isEqualTo(POLL);
        assertThat(clock.sleeps()).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(POLL.multipliedBy(4)));
        // 20 ms growing by half up to 80 ms: 11 polls in 0.8 s, not 40.
        assertThat(kling.statusCalls()).isEqualTo(11);
    }

    @Test
    void slowStatusAnswersAndServerHiccupsWhilePollingAreWaitedOut() throws Exception {
        kling.statusDelay(Duration.ofMillis(150));
        kling.server().script("GET", FakeKling.STATUS, FakeKling.envelope(500, 5000, "busy"), FakeKling.envelope(200, 5002, "timeout"));

        try (SceneClip clip = adapter().clip(ClipRequests.scene(3, 3.0), 1)) {
            assertThat(clip.frameCount()).isEqualTo(90);
        }
        assertThat(kling.statusCalls()).isEqualTo(2 + 3);
    }

    @Test
    void anExpiredLinkIsReplacedByTheOneAFreshPollGives() throws Exception {
        kling.expireFirstLinks(1);

        try (SceneClip clip = adapter().clip(ClipRequests.scene(3, 3.0), 1)) {
            assertThat(clip.frameCount()).isEqualTo(90);
        }
        assertThat(kling.statusCalls()).isEqualTo(3 + 1);
        assertThat(kling.downloads()).isEqualTo(2);
        assertThat(charges).as("one task, charged once").hasSize(1);
        assertThat(kling.problems()).isEmpty();
    }

    @Test
    void aLinkThatStaysExpiredIsTransient() {
        kling.expireFirstLinks(5);

        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(3, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.Transient.class);
                    assertThat(e.getMessage()).contains("403");
                });
        assertThat(kling.downloads()).isEqualTo(2);
    }

    @Test
    void aDownloadThatIsNotAVideoIsTransient() {
        kling.clip("not an mp4 at all".getBytes());

        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(3, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.Transient.class);
                    assertThat(e.getMessage()).contains("not a video");
                });
    }
}
