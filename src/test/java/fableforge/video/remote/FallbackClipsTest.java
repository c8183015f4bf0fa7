package fableforge.video.remote;

import fableforge.video.kling.KlingSettings;
import static org.assertj.core.api.Assertions.assertThat;

import fableforge.fake.FakeKling;
import fableforge.image.AspectRatio;
import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.job.TokenBucketRateLimiter;
import fableforge.provider.ProviderError;
import fableforge.spend.Charge;
import fableforge.spend.PriceTable;
import fableforge.story.Scene;
import fableforge.video.LocalMotionClips;
import fableforge.video.MotionPlan;
import fableforge.video.Narrator;
import fableforge.video.RenderQuality;
import fableforge.video.SceneClip;
import fableforge.video.SceneStill;
import fableforge.video.VideoAssembler;
import fableforge.video.VideoJob;
import fableforge.video.VideoProgressListener;
import fableforge.video.VideoResult;
import fableforge.video.kling.KlingClips;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote service behind its gate and retries, with camera motion for the scenes it cannot do. */
class FallbackClipsTest {

    @TempDir
    Path dir;

    private final FakeKling kling = new FakeKling();
    private final List<ClipFallback> fallbacks = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final List<Charge> charges = new CopyOnWriteArrayList<>();
    private final LocalMotionClips local = new LocalMotionClips(new MotionPlan());

    @AfterEach
    void close() {
        kling.close();
    }

    private KlingClips remote(String secret) {
        return new KlingClips(new KlingSettings(Optional.of(FakeKling.ACCESS_KEY), Optional.of(secret), URI.create(kling.baseUrl()),
                "kling-v1-6", "std", Duration.ofSeconds(20)), Duration.ofMillis(20), charges::add, PriceTable.builtIn(),
                Clock.systemUTC(), Sleeper.REAL);
    }

    private FallbackClips clips(KlingClips remote, CallGate gate) {
        return new FallbackClips(remote, local, gate, new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(20)),
                waits::add, new Random(1), fallbacks::add);
    }

    private FallbackClips clips() {
        return clips(remote(FakeKling.SECRET_KEY), new CallGate(2, RateLimiter.unlimited()));
    }

    @Test
    void aSceneWhoseClipIsRefusedGetsCameraMotionAtOnceAndTheListenerSaysSo() throws Exception {
        kling.failScene(2, "Failure to pass the risk control system");
        FallbackClips clips = clips();

        List<SceneClip> made = new ArrayList<>();
        for (int scene = 1; scene <= 3; scene++) {
            made.add(clips.clip(ClipRequests.scene(scene, 3.0)));
        }

        assertThat(made.get(0)).isInstanceOf(FittedClip.class);
        assertThat(made.get(1)).as("camera motion").isNotInstanceOf(FittedClip.class);
        assertThat(made.get(1).frameCount()).isEqualTo(90);
        assertThat(made.get(2)).isInstanceOf(FittedClip.class);
        made.forEach(SceneClip::close);
        assertThat(fallbacks).singleElement().satisfies(fallback -> {
            assertThat(fallback.sceneNumber()).isEqualTo(2);
            assertThat(fallback.reason()).isInstanceOf(ProviderError.PolicyRefusal.class);
            assertThat(fallback.message()).startsWith("scene 2: Kling failed (Kling task ").contains("risk control")
                    .endsWith("), used camera motion");
        });
        assertThat(kling.submitted()).extracting(body -> body.path("external_task_id").asText().replaceFirst("-[0-9a-z]+-scene", "-scene"))
                .containsExactly("story-1-scene1-try1", "story-1-scene2-try1", "story-1-scene3-try1");
        assertThat(waits).as("a refusal is not tried again").isEmpty();
    }

    @Test
    void aFailingServiceIsTriedUpToTheLimitWithBackoffThenFallsBack() throws Exception {
        kling.failTasks("internal generation error");

        try (SceneClip clip = clips().clip(ClipRequests.scene(5, 3.0))) {
            assertThat(clip).isNotInstanceOf(FittedClip.class);
        }

        assertThat(kling.submitted()).extracting(body -> body.path("external_task_id").asText().replaceFirst("-[0-9a-z]+-scene", "-scene"))
                .containsExactly("story-1-scene5-try1", "story-1-scene5-try2", "story-1-scene5-try3");
        assertThat(waits).hasSize(2).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofMillis(5), Duration.ofMillis(40)));
        assertThat(fallbacks).singleElement().satisfies(fallback -> assertThat(fallback.reason()).isInstanceOf(ProviderError.Transient.class));
    }

    @Test
    void anErrorCodeWeDoNotKnowIsTriedOnceThenTheSceneFallsBackWithKlingsMessage() throws Exception {
        kling.server().script("POST", FakeKling.SUBMIT, FakeKling.envelope(200, 1999, "something new went wrong"));

        try (SceneClip clip = clips().clip(ClipRequests.scene(5, 3.0))) {
            assertThat(clip).isNotInstanceOf(FittedClip.class);
        }

        assertThat(kling.submitted()).as("not retried as if it were transient").hasSize(1);
        assertThat(waits).isEmpty();
        assertThat(fallbacks).singleElement().satisfies(fallback -> {
            assertThat(fallback.reason()).isInstanceOf(ProviderError.BadRequest.class);
            assertThat(fallback.message()).contains("Kling code 1999").contains("something new went wrong");
        });
    }

    @Test
    void anIpNotOnKlingsAllowListIsTriedOnceNotWaitedOutAsARateLimit() throws Exception {
        kling.server().script("POST", FakeKling.SUBMIT, FakeKling.ipNotAllowed());

        clips().clip(ClipRequests.scene(5, 3.0)).close();

        assertThat(kling.submitted()).hasSize(1);
        assertThat(waits).isEmpty();
        assertThat(fallbacks).singleElement().satisfies(fallback -> assertThat(fallback.reason()).isInstanceOf(ProviderError.BadCredentials.class));
    }

    @Test
    void aServerErrorThatPassesGivesTheRemoteClipAndNoFallback() throws Exception {
        kling.server().script("POST", FakeKling.SUBMIT, FakeKling.envelope(500, 5000, "busy"));

        try (SceneClip clip = clips().clip(ClipRequests.scene(5, 3.0))) {
            assertThat(clip).isInstanceOf(FittedClip.class);
        }
        assertThat(kling.server().requests("POST", FakeKling.SUBMIT)).hasSize(2);
        assertThat(fallbacks).isEmpty();
        assertThat(charges).hasSize(1);
    }

    @Test
    void badCredentialsEndTheServicesPartForTheRestOfTheVideo() throws Exception {
        FallbackClips clips = clips(remote("wrong-secret"), new CallGate(2, RateLimiter.unlimited()));

        clips.clip(ClipRequests.scene(1, 3.0)).close();
        clips.clip(ClipRequests.scene(2, 3.0)).close();

        assertThat(kling.server().requests("POST", FakeKling.SUBMIT)).as("scene 2 is not even asked").hasSize(1);
        assertThat(fallbacks).extracting(ClipFallback::sceneNumber).containsExactly(1, 2);
        assertThat(fallbacks).allSatisfy(fallback -> assertThat(fallback.reason()).isInstanceOf(ProviderError.BadCredentials.class));
    }

    @Test
    void tasksInFlightAndTasksStartedAMinuteStayWithinTheGate() throws Exception {
        kling.statusDelay(Duration.ofMillis(40));
        // Two in flight; 600 a minute with no burst: one start every 100 ms.
        FallbackClips clips = clips(remote(FakeKling.SECRET_KEY), new CallGate(2, new TokenBucketRateLimiter(600, 1, Clock.systemUTC())));

        List<Future<SceneClip>> made = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int scene = 1; scene <= 6; scene++) {
                int number = scene;
                made.add(threads.submit(() -> clips.clip(ClipRequests.scene(number, 3.0))));
            }
        }
        for (Future<SceneClip> clip : made) {
            assertThat(clip.get()).isInstanceOf(FittedClip.class);
            clip.get().close();
        }

        assertThat(kling.maxActive()).as("tasks in flight at the service").isEqualTo(2);
        List<Long> starts = kling.server().requests("POST", FakeKling.SUBMIT).stream().map(r -> r.receivedNanos()).sorted().toList();
        assertThat(starts).hasSize(6);
        // Each start leaves the gate 100 ms after the one before; preparing the still adds a little jitter on the way to the fake.
        assertThat((starts.getLast() - starts.getFirst()) / 1e6).as("ms from the first start to the sixth").isGreaterThan(450);
        assertThat(fallbacks).isEmpty();
    }

    @Test
    void threeScenesRenderThroughKlingIntoAnMp4OfTheTimelinesLength() throws Exception {
        kling.failScene(2, "Failure to pass the risk control system");
        List<SceneStill> stills = List.of(
                new SceneStill(Scene.of(1, "The little fox sits alone."), ClipRequests.still(1)),
                new SceneStill(Scene.of(2, "The fox finds a glowing stone."), ClipRequests.still(2)),
                new SceneStill(Scene.of(3, "The stone hums in the dark."), ClipRequests.still(3)));
        VideoJob job = new VideoJob("story-1", AspectRatio.PORTRAIT, stills, RenderQuality.DRAFT, Optional.empty());

        VideoResult result = new VideoAssembler(clips(), Narrator.NONE).assemble(job, dir.resolve("kling.mp4"), VideoProgressListener.NONE);

        assertThat(decodedFrames(result.file())).isEqualTo(result.timeline().totalFrames());
        assertThat(kling.submitted()).hasSize(3);
        assertThat(charges).hasSize(2);
        assertThat(fallbacks).extracting(ClipFallback::sceneNumber).containsExactly(2);
    }

    @Test
    void aVideosClipsAreMadeAtTheSameTimeNotOneAfterAnotherWhileItEncodes() throws Exception {
        kling.statusDelay(Duration.ofMillis(40));
        List<SceneStill> stills = new ArrayList<>();
        for (int scene = 1; scene <= 4; scene++) {
            stills.add(new SceneStill(Scene.of(scene, "The fox runs on, scene " + scene + "."), ClipRequests.still(scene)));
        }
        VideoJob job = new VideoJob("story-2", AspectRatio.PORTRAIT, stills, RenderQuality.DRAFT, Optional.empty());

        VideoResult result = new VideoAssembler(clips(), Narrator.NONE).assemble(job, dir.resolve("four.mp4"), VideoProgressListener.NONE);

        assertThat(kling.maxActive()).as("tasks in flight at once: the gate's limit, not one").isEqualTo(2);
        assertThat(kling.submitted()).hasSize(4);
        assertThat(decodedFrames(result.file())).isEqualTo(result.timeline().totalFrames());
        assertThat(fallbacks).isEmpty();
    }

    @Test
    void aRenderThatRunsAgainUsesTheClipsAlreadyDeliveredInsteadOfPayingTwice() throws Exception {
        java.util.Map<String, byte[]> kept = new java.util.concurrent.ConcurrentHashMap<>();
        ClipCache cache = new ClipCache() {
            @Override
            public Optional<byte[]> find(int sceneNumber, int frameCount) {
                return Optional.ofNullable(kept.get(sceneNumber + "/" + frameCount));
            }

            @Override
            public void keep(int sceneNumber, int frameCount, byte[] clip) {
                kept.put(sceneNumber + "/" + frameCount, clip);
            }
        };
        CallGate gate = new CallGate(2, RateLimiter.unlimited());
        RetryPolicy retries = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(20));
        FallbackClips firstRun = new FallbackClips(remote(FakeKling.SECRET_KEY), local, gate, retries, waits::add, new Random(1), fallbacks::add, cache);
        for (int scene = 1; scene <= 2; scene++) {
            firstRun.clip(ClipRequests.scene(scene, 3.0)).close();
        }

        FallbackClips secondRun = new FallbackClips(remote(FakeKling.SECRET_KEY), local, gate, retries, waits::add, new Random(1), fallbacks::add, cache);
        SceneClip again = secondRun.clip(ClipRequests.scene(1, 3.0));
        SceneClip longer = secondRun.clip(ClipRequests.scene(2, 4.0));

        assertThat(again).isInstanceOf(FittedClip.class);
        assertThat(again.frameCount()).isEqualTo(90);
        again.close();
        longer.close();
        assertThat(kling.submitted()).as("scene 1 from the cache; scene 2 at a new length asked again").hasSize(3);
        assertThat(charges).hasSize(3);
        assertThat(kept).containsOnlyKeys("1/90", "2/90", "2/120");
    }

    private static int decodedFrames(Path file) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            int frames = 0;
            while (grabber.grabImage() != null) {
                frames++;
            }
            return frames;
        }
    }
}
