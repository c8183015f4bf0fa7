package fableforge.video.hailuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.fake.FakeHailuo;
import fableforge.fake.FakeServer;
import fableforge.job.ManualClock;
import fableforge.job.Sleeper;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.spend.Charge;
import fableforge.spend.PriceTable;
import fableforge.video.SceneClip;
import fableforge.video.remote.ClipRequests;
import fableforge.video.remote.FittedClip;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HailuoClips against a fake speaking MiniMax's contract: outcomes in base_resp under HTTP 200, task, file, download. */
class HailuoClipsTest {

    private final FakeHailuo hailuo = new FakeHailuo();
    private final List<Charge> charges = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        hailuo.close();
    }

    private HailuoClips adapter(String key, String model, String resolution, Optional<String> group, Duration timeout) {
        HailuoSettings settings = new HailuoSettings(Optional.of(key), URI.create(hailuo.baseUrl()), model, resolution,
                group, timeout);
        return new HailuoClips(settings, Duration.ofMillis(20), charges::add, PriceTable.builtIn(), Clock.systemUTC(), Sleeper.REAL);
    }

    private HailuoClips adapter() {
        return adapter(FakeHailuo.KEY, "MiniMax-Hailuo-02", "768P", Optional.empty(), Duration.ofSeconds(20));
    }

    @Test
    void taskAndFileIdsWithDotDotSlashQuestionMarkAndAmpersandStayInsideTheirParameter() throws Exception {
        hailuo.idsStartingWith("../x?file_id=1&GroupId=");

        try (SceneClip clip = adapter().clip(ClipRequests.scene(5, 5.0), 1)) {
            assertThat(clip.frameCount()).isEqualTo(150);
        }

        assertThat(hailuo.problems()).isEmpty();
        assertThat(hailuo.server().requests("GET", FakeHailuo.RETRIEVE)).singleElement()
                .satisfies(retrieve -> assertThat(retrieve.uri().getRawQuery()).startsWith("file_id=..%2Fx%3Ffile_id%3D1%26GroupId%3D")
                        .doesNotContain("&GroupId"));
    }

    @Test
    void sendsTheStillAsADataUriFirstFramePollsRetrievesTheFileWithItsGroupAndFitsTheClip() throws Exception {
        hailuo.requireGroupId("group-42");

        try (SceneClip clip = adapter(FakeHailuo.KEY, "MiniMax-Hailuo-02", "768P", Optional.of("group-42"), Duration.ofSeconds(20))
                .clip(ClipRequests.scene(11, 5.0), 1)) {
            assertThat(clip).isInstanceOf(FittedClip.class);
            assertThat(clip.frameCount()).isEqualTo(150);
        }

        assertThat(hailuo.problems()).isEmpty();
        JsonNode sent = hailuo.submitted().getFirst();
        assertThat(sent.path("model").asText()).isEqualTo("MiniMax-Hailuo-02");
        assertThat(sent.path("first_frame_image").asText()).startsWith("data:image/png;base64,");
        assertThat(sent.path("duration").isInt()).isTrue();
        assertThat(sent.path("duration").asInt()).isEqualTo(6);
        assertThat(sent.path("resolution").asText()).isEqualTo("768P");
        assertThat(sent.path("prompt_optimizer").isBoolean()).isTrue();
        assertThat(sent.path("prompt_optimizer").asBoolean()).isFalse();
        assertThat(sent.path("prompt").asText()).contains("transforms");
        assertThat(hailuo.queries()).as("Preparing, Queueing, Processing, Success").isEqualTo(4);
        assertThat(hailuo.server().requests("GET", FakeHailuo.RETRIEVE)).singleElement()
                .satisfies(request -> assertThat(request.uri().getQuery()).contains("GroupId=group-42"));
        assertThat(hailuo.downloads()).isEqualTo(1);
        assertThat(charges).singleElement().satisfies(charge -> {
            assertThat(charge.provider()).isEqualTo("hailuo");
            assertThat(charge.detail()).isEqualTo("scene 11, 6 s 768P");
            assertThat(charge.usd()).contains(new BigDecimal("0.28"));
        });
    }

    private HailuoClips adapter(String model, String resolution) {
        return adapter(FakeHailuo.KEY, model, resolution, Optional.empty(), Duration.ofSeconds(20));
    }

    @Test
    void aLongSceneAsksForTenSecondsButTheFirstGenerationModelsOnlyMakeSixAt720p() throws Exception {
        adapter().clip(ClipRequests.scene(2, 8.0), 1).close();
        adapter("I2V-01", "720P").clip(ClipRequests.scene(2, 8.0), 1).close();

        assertThat(hailuo.problems()).isEmpty();
        assertThat(hailuo.submitted().get(0).path("duration").asInt()).isEqualTo(10);
        assertThat(hailuo.submitted().get(1).path("duration").asInt()).isEqualTo(6);
        assertThat(hailuo.submitted().get(1).path("resolution").asText()).isEqualTo("720P");
        assertThat(charges.get(0).usd()).contains(new BigDecimal("0.56"));
        assertThat(charges.get(1).usd()).contains(new BigDecimal("0.43"));
    }

    @Test
    void hailuo23At1080pMakesOnlySixSecondsEvenForALongSceneAndIsChargedItsPrice() throws Exception {
        adapter("MiniMax-Hailuo-2.3", "1080P").clip(ClipRequests.scene(4, 8.0), 1).close();

        assertThat(hailuo.problems()).isEmpty();
        JsonNode sent = hailuo.submitted().getFirst();
        assertThat(sent.path("model").asText()).isEqualTo("MiniMax-Hailuo-2.3");
        assertThat(sent.path("resolution").asText()).isEqualTo("1080P");
        assertThat(sent.path("duration").asInt()).isEqualTo(6);
        assertThat(charges).singleElement().satisfies(charge -> {
            assertThat(charge.detail()).isEqualTo("scene 4, 6 s 1080P");
            assertThat(charge.usd()).contains(new BigDecimal("0.49"));
        });
    }

    @Test
    void hailuo23FastMakesTenSecondsAt768pForALongScene() throws Exception {
        adapter("MiniMax-Hailuo-2.3-Fast", "768P").clip(ClipRequests.scene(4, 8.0), 1).close();

        assertThat(hailuo.problems()).isEmpty();
        assertThat(hailuo.submitted().getFirst().path("duration").asInt()).isEqualTo(10);
        assertThat(charges.getFirst().usd()).contains(new BigDecimal("0.32"));
    }

    @Test
    void aResolutionTheModelDoesNotRenderIsRefusedByMiniMaxWith2013AsABadRequest() {
        // Start-up stops this pair (HAILUO_RESOLUTION is checked per model); the fake must refuse it too, as MiniMax does.
        assertThatThrownBy(() -> adapter("MiniMax-Hailuo-2.3", "512P").clip(ClipRequests.scene(1, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class);
                    assertThat(e.getMessage()).contains("MiniMax status 2013").contains("resolution");
                });
        assertThat(hailuo.problems()).singleElement().asString().contains("512P is not one MiniMax-Hailuo-2.3 renders");
        assertThat(hailuo.queries()).isZero();
    }

    @Test
    void aStatusCodeMiniMaxsTableDoesNotListFailsWithItsMessageAndIsNotRetried() {
        hailuo.server().script("POST", FakeHailuo.SUBMIT, FakeHailuo.baseResp(1999, "something new went wrong"));

        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(1, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class);
                    assertThat(e.error().retryable()).isFalse();
                    assertThat(e.getMessage()).contains("MiniMax status 1999").contains("something new went wrong");
                });
    }

    @Test
    void aWrongKeyIsBadCredentialsThoughMiniMaxAnswersHttp200() {
        assertThatThrownBy(() -> adapter("wrong-key", "MiniMax-Hailuo-02", "768P", Optional.empty(), Duration.ofSeconds(5))
                .clip(ClipRequests.scene(1, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadCredentials.class);
                    assertThat(e.getMessage()).contains("1004").contains("HAILUO_AUTH");
                });
    }

    @ParameterizedTest(name = "status {0} is {1}")
    @CsvSource({
            "1002, RateLimited",
            "1041, RateLimited",
            "1008, BillingLimit",
            "2056, BillingLimit",
            "2049, BadCredentials",
            "1024, Transient",
            "1026, PolicyRefusal",
            "2013, BadRequest",
            "1013, Transient",
            "1000, Transient"})
    void aSubmitAnsweredWithAnErrorInBaseRespIsClassifiedByItsCode(int code, String expected) {
        hailuo.server().script("POST", FakeHailuo.SUBMIT, FakeHailuo.baseResp(code, "scripted"));

        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(1, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().getClass().getSimpleName()).isEqualTo(expected);
                    assertThat(e.getMessage()).contains("MiniMax status " + code);
                });
        assertThat(hailuo.queries()).isZero();
    }

    @Test
    void aPlainServerErrorPageIsTransient() {
        hailuo.server().script("POST", FakeHailuo.SUBMIT, FakeServer.Reply.bytes(502, "text/html", "<html>Bad Gateway</html>".getBytes()));

        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(1, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.Transient.class));
    }

    @Test
    void aTaskWhoseVideoWasRefusedIsAPolicyRefusalAndOneThatFailedIsTransient() {
        hailuo.failTasks(1027);
        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(1, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.PolicyRefusal.class));
        int queriesForRefusal = hailuo.queries();

        hailuo.failTasks(0);
        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(2, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.Transient.class));
        assertThat(queriesForRefusal).as("the task is over at its first Fail").isEqualTo(4);
        assertThat(hailuo.queries()).isEqualTo(8);
        assertThat(charges).isEmpty();
    }

    @Test
    void aTaskThatNeverFinishesTimesOut() {
        hailuo.neverFinish();
        // Time on a clock the test moves: on a busy machine a real 600 ms saw only the first status, "Preparing".
        ManualClock clock = new ManualClock(Instant.now());
        HailuoSettings settings = new HailuoSettings(Optional.of(FakeHailuo.KEY), URI.create(hailuo.baseUrl()), "MiniMax-Hailuo-02",
                "768P", Optional.empty(), Duration.ofMillis(600));
        HailuoClips adapter = new HailuoClips(settings, Duration.ofMillis(20), charges::add, PriceTable.builtIn(), clock, clock.sleeper());

        assertThatThrownBy(() -> adapter.clip(ClipRequests.scene(1, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.TimedOut.class);
                    // The status of the last poll, however many fitted in the 600 ms (one, on a loaded machine:
                    // "Processing" was expected and "Preparing" came in a suite run at load 25).
                    String last = switch (hailuo.queries()) {
                        case 0 -> "not yet asked";
                        case 1 -> "Preparing";
                        case 2 -> "Queueing";
                        default -> "Processing";
                    };
                    assertThat(e.getMessage()).contains("(last status: " + last + ")");
                });
        assertThat(clock.slept()).as("waited up to the deadline, not past it").isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void anExpiredLinkIsReplacedByRetrievingTheFileAgain() throws Exception {
        hailuo.expireFirstLinks(1);

        try (SceneClip clip = adapter().clip(ClipRequests.scene(1, 3.0), 1)) {
            assertThat(clip.frameCount()).isEqualTo(90);
        }
        assertThat(hailuo.server().requests("GET", FakeHailuo.RETRIEVE)).hasSize(2);
        assertThat(hailuo.downloads()).isEqualTo(2);
        assertThat(charges).hasSize(1);
        assertThat(hailuo.problems()).isEmpty();
    }
}
