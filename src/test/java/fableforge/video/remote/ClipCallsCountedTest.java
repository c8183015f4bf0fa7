package fableforge.video.remote;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.fake.FakeKling;
import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.provider.call.ProviderMeters;
import fableforge.spend.PriceTable;
import fableforge.video.LocalMotionClips;
import fableforge.video.MotionPlan;
import fableforge.video.SceneClip;
import fableforge.video.kling.KlingClips;
import fableforge.video.kling.KlingSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each try of a remote clip, through the clip source's pipeline, is counted under its service for GET /metrics. */
class ClipCallsCountedTest {

    private final FakeKling kling = new FakeKling();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        kling.close();
    }

    @Test
    void aClipRetriedAfterAServerErrorCountsBothTriesUnderKling() throws Exception {
        kling.server().script("POST", FakeKling.SUBMIT, FakeKling.envelope(500, 5000, "busy"));
        KlingClips remote = new KlingClips(new KlingSettings(Optional.of(FakeKling.ACCESS_KEY), Optional.of(FakeKling.SECRET_KEY),
                URI.create(kling.baseUrl()), "kling-v1-6", "std", Duration.ofSeconds(20)), Duration.ofMillis(20), charge -> { },
                PriceTable.builtIn(), Clock.systemUTC(), Sleeper.REAL);
        FallbackClips clips = new FallbackClips(remote, new LocalMotionClips(new MotionPlan()), new CallGate(2, RateLimiter.unlimited()),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(20)), wait -> { }, new Random(1),
                fallback -> { }, ClipCache.NONE, new ProviderMeters(registry).of(ProviderMeters.providerOf(remote.name()), "clip"));

        try (SceneClip clip = clips.clip(ClipRequests.scene(5, 3.0))) {
            assertThat(clip).isNotNull();
        }

        assertThat(tries("server_error")).isEqualTo(1);
        assertThat(tries("ok")).isEqualTo(1);
    }

    private long tries(String outcome) {
        return registry.get(ProviderMeters.METER).tags("provider", "kling", "operation", "clip", "outcome", outcome).timer().count();
    }
}
