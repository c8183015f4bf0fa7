package fableforge.video.remote;

import fableforge.settings.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.Config;
import fableforge.Providers;
import fableforge.job.Sleeper;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import fableforge.video.LocalMotionClips;
import fableforge.video.MotionPlan;
import fableforge.video.VideoClipGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** VIDEO_CLIPS and the Kling and Hailuo settings: defaults, key forms, start-up problems, the generator chosen. */
class VideoClipSourcesTest {

    @TempDir
    Path dir;

    private final LocalMotionClips local = new LocalMotionClips(new MotionPlan());

    private Providers providers(Map<String, String> environment) {
        return Config.load(environment, dir.resolve("none.env")).providers();
    }

    private VideoClipGenerator generator(Providers providers) {
        return new VideoClipSources(providers.video(), providers.remoteClips(), PriceTable.builtIn(), Clock.systemUTC(), Sleeper.REAL)
                .clips(local, SpendMeter.NONE, ClipFallback.Listener.NONE);
    }

    /** What the chosen remote service's own package warns about at start-up. */
    private static java.util.List<String> warnings(Providers providers) {
        return providers.remoteClips().orElseThrow().warnings();
    }

    @Test
    void withNothingSetClipsAreTheLocalCameraMotion() {
        Providers providers = providers(Map.of());
        RemoteClipSettings video = providers.video();

        assertThat(video.clips()).isEqualTo("local");
        assertThat(video.maxConcurrent()).isEqualTo(2);
        assertThat(video.ratePerMinute()).isEqualTo(6);
        assertThat(video.maxTries()).isEqualTo(3);
        assertThat(video.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(providers.kling().baseUrl()).as("Kling's international host since it left api.klingai.com")
                .hasToString("https://api-singapore.klingai.com");
        assertThat(providers.kling().model()).isEqualTo("kling-v2-5-turbo");
        assertThat(providers.kling().mode()).isEqualTo("std");
        assertThat(providers.kling().timeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(providers.hailuo().baseUrl()).hasToString("https://api.minimax.io");
        assertThat(providers.hailuo().model()).isEqualTo("MiniMax-Hailuo-02");
        assertThat(providers.hailuo().resolution()).isEqualTo("768P");
        assertThat(generator(providers)).isSameAs(local);
    }

    @Test
    void klingTakesItsKeyPairInOneVariableAndIsWrappedInTheFallback() {
        Providers providers = providers(Map.of("VIDEO_CLIPS", "kling", "KLING_API_KEY", "ak-1:sk-2", "VIDEO_POLL_MS", "250"));

        assertThat(providers.kling().accessKey()).contains("ak-1");
        assertThat(providers.kling().secretKey()).contains("sk-2");
        assertThat(providers.video().pollInterval()).isEqualTo(Duration.ofMillis(250));
        VideoClipGenerator clips = generator(providers);
        assertThat(clips).isInstanceOf(FallbackClips.class);
        assertThat(clips.name()).isEqualTo("kling");
    }

    @Test
    void hailuoIsChosenWithItsKey() {
        VideoClipGenerator clips = generator(providers(Map.of("VIDEO_CLIPS", "hailuo", "HAILUO_AUTH", "key", "HAILUO_GROUP_ID", "g")));

        assertThat(clips).isInstanceOf(FallbackClips.class);
        assertThat(clips.name()).isEqualTo("hailuo");
    }

    @Test
    void aChosenServiceWithoutItsKeysStopsStartUpNamingWhatIsMissing() {
        assertThatThrownBy(() -> providers(Map.of("VIDEO_CLIPS", "kling", "KLING_ACCESS_KEY", "ak-only")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("VIDEO_CLIPS=kling needs KLING_API_KEY (access_key:secret_key) or KLING_ACCESS_KEY and KLING_SECRET_KEY");
        assertThatThrownBy(() -> providers(Map.of("VIDEO_CLIPS", "hailuo")))
                .hasMessageContaining("VIDEO_CLIPS=hailuo needs HAILUO_AUTH");
        assertThatThrownBy(() -> providers(Map.of("KLING_API_KEY", "no-colon", "HAILUO_RESOLUTION", "900p", "VIDEO_CLIPS", "runway")))
                .hasMessageContaining("KLING_API_KEY: must be access_key:secret_key")
                .hasMessageContaining("HAILUO_RESOLUTION=900P")
                .hasMessageContaining("VIDEO_CLIPS");
    }

    @ParameterizedTest(name = "{0} at {1} stops start-up, naming {2}")
    @CsvSource({
            "MiniMax-Hailuo-2.3, 512P, '768P, 1080P'",
            "MiniMax-Hailuo-2.3-Fast, 720P, '768P, 1080P'",
            "MiniMax-Hailuo-02, 720P, '512P, 768P, 1080P'",
            "I2V-01, 768P, 720P",
            "I2V-01-Director, 1080P, 720P"})
    void aHailuoResolutionTheModelDoesNotRenderStopsStartUpNamingTheSettingTheModelAndWhatItTakes(String model, String resolution, String allowed) {
        assertThatThrownBy(() -> providers(Map.of("VIDEO_CLIPS", "hailuo", "HAILUO_AUTH", "key", "HAILUO_MODEL", model, "HAILUO_RESOLUTION", resolution)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HAILUO_RESOLUTION=" + resolution + " is not offered by HAILUO_MODEL=" + model + ": use one of " + allowed);
    }

    @ParameterizedTest(name = "{0} at {1} is accepted")
    @CsvSource({
            "MiniMax-Hailuo-02, 512P",
            "MiniMax-Hailuo-02, 1080p",
            "MiniMax-Hailuo-2.3, 1080P",
            "MiniMax-Hailuo-2.3-Fast, 768P",
            "I2V-01-live, 720P"})
    void aHailuoResolutionTheModelRendersIsAccepted(String model, String resolution) {
        Providers providers = providers(Map.of("VIDEO_CLIPS", "hailuo", "HAILUO_AUTH", "key", "HAILUO_MODEL", model, "HAILUO_RESOLUTION", resolution));

        assertThat(providers.hailuo().resolution()).isEqualTo(resolution.toUpperCase());
    }

    @Test
    void withoutHailuoResolutionEachModelRendersAtItsOwnDefault() {
        assertThat(providers(Map.of("HAILUO_MODEL", "I2V-01")).hailuo().resolution()).isEqualTo("720P");
        assertThat(providers(Map.of("HAILUO_MODEL", "MiniMax-Hailuo-2.3-Fast")).hailuo().resolution()).isEqualTo("768P");
    }

    @Test
    void aKlingModelMissingFromOurTableIsAStartUpWarningNotAProblem() {
        Providers providers = providers(Map.of("VIDEO_CLIPS", "kling", "KLING_API_KEY", "ak:sk", "KLING_MODEL", "kling-v9-future", "KLING_MODE", "pro"));

        assertThat(warnings(providers)).singleElement().asString()
                .contains("KLING_MODEL=kling-v9-future is not in our table").contains("only the common parameters").contains("KLING_MODE=pro");
    }

    @Test
    void aModeForAKlingModelWithoutModesIsAWarningAndAKnownModelHasNone() {
        assertThat(warnings(providers(Map.of("VIDEO_CLIPS", "kling", "KLING_API_KEY", "ak:sk",
                "KLING_MODEL", "kling-v2-master", "KLING_MODE", "pro"))))
                .singleElement().asString().contains("KLING_MODE=pro is ignored: kling-v2-master takes no mode");
        assertThat(warnings(providers(Map.of("VIDEO_CLIPS", "kling", "KLING_API_KEY", "ak:sk", "KLING_MODE", "pro"))))
                .isEmpty();
    }

    @Test
    void aHailuoModelMissingFromOurTableIsAStartUpWarningAndItsResolutionIsNotChecked() {
        Providers providers = providers(Map.of("VIDEO_CLIPS", "hailuo", "HAILUO_AUTH", "key", "HAILUO_MODEL", "MiniMax-Hailuo-9", "HAILUO_RESOLUTION", "2K"));

        assertThat(warnings(providers)).singleElement().asString()
                .contains("HAILUO_MODEL=MiniMax-Hailuo-9 is not in our table").contains("6 s only");
    }

    @Test
    void keysSetWhileClipsStayLocalAreAWarning() {
        Providers providers = providers(Map.of("KLING_ACCESS_KEY", "ak", "KLING_SECRET_KEY", "sk"));

        assertThat(providers.video().clips()).isEqualTo("local");
        assertThat(providers.warnings()).anySatisfy(warning -> assertThat(warning).contains("Kling keys are set but VIDEO_CLIPS is local"));
    }
}
