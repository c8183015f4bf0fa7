package fableforge.video.remote;

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

/** VIDEO_CLIPS and the Kling and Hailuo settings: defaults, key forms, start-up problems, the generator chosen. */
class VideoClipSourcesTest {

    @TempDir
    Path dir;

    private final LocalMotionClips local = new LocalMotionClips(new MotionPlan());

    private Providers providers(Map<String, String> environment) {
        return Config.load(environment, dir.resolve("none.env")).providers();
    }

    private VideoClipGenerator generator(Providers providers) {
        return new VideoClipSources(providers.video(), PriceTable.builtIn(), Clock.systemUTC(), Sleeper.REAL)
                .clips(local, SpendMeter.NONE, ClipFallback.Listener.NONE);
    }

    @Test
    void withNothingSetClipsAreTheLocalCameraMotion() {
        Providers providers = providers(Map.of());
        Providers.Video video = providers.video();

        assertThat(video.clips()).isEqualTo("local");
        assertThat(video.maxConcurrent()).isEqualTo(2);
        assertThat(video.ratePerMinute()).isEqualTo(6);
        assertThat(video.maxTries()).isEqualTo(3);
        assertThat(video.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(video.kling().baseUrl()).hasToString("https://api.klingai.com");
        assertThat(video.kling().model()).isEqualTo("kling-v1-6");
        assertThat(video.kling().mode()).isEqualTo("std");
        assertThat(video.kling().timeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(video.hailuo().baseUrl()).hasToString("https://api.minimax.io");
        assertThat(video.hailuo().model()).isEqualTo("MiniMax-Hailuo-02");
        assertThat(video.hailuo().resolution()).isEqualTo("768P");
        assertThat(generator(providers)).isSameAs(local);
    }

    @Test
    void klingTakesItsKeyPairInOneVariableAndIsWrappedInTheFallback() {
        Providers providers = providers(Map.of("VIDEO_CLIPS", "kling", "KLING_API_KEY", "ak-1:sk-2", "VIDEO_POLL_MS", "250"));

        assertThat(providers.video().kling().accessKey()).contains("ak-1");
        assertThat(providers.video().kling().secretKey()).contains("sk-2");
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
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("VIDEO_CLIPS=kling needs KLING_API_KEY (access_key:secret_key) or KLING_ACCESS_KEY and KLING_SECRET_KEY");
        assertThatThrownBy(() -> providers(Map.of("VIDEO_CLIPS", "hailuo")))
                .hasMessageContaining("VIDEO_CLIPS=hailuo needs HAILUO_AUTH");
        assertThatThrownBy(() -> providers(Map.of("KLING_API_KEY", "no-colon", "HAILUO_RESOLUTION", "900p", "VIDEO_CLIPS", "runway")))
                .hasMessageContaining("KLING_API_KEY: must be access_key:secret_key")
                .hasMessageContaining("HAILUO_RESOLUTION=900P")
                .hasMessageContaining("VIDEO_CLIPS");
    }

    @Test
    void keysSetWhileClipsStayLocalAreAWarning() {
        Providers providers = providers(Map.of("KLING_ACCESS_KEY", "ak", "KLING_SECRET_KEY", "sk"));

        assertThat(providers.video().clips()).isEqualTo("local");
        assertThat(providers.warnings()).anySatisfy(warning -> assertThat(warning).contains("Kling keys are set but VIDEO_CLIPS is local"));
    }
}
