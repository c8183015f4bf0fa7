package fableforge.media.cloudinary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.fake.FakeCloudinary;
import fableforge.fake.FakeServer;
import fableforge.fake.FakeServer.Reply;
import fableforge.media.MediaStoreException;
import fableforge.media.StoredMedia;
import fableforge.provider.ProviderError;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Cloudinary media store against a loopback Cloudinary that checks what it is sent. */
class CloudinaryMediaStoreTest {

    private static final String KEY = "stories/s1/images/scene-01-a1.png";

    private final CloudinaryFixture fixture = new CloudinaryFixture();
    private final FakeCloudinary cloudinary = fixture.cloudinary();
    private final List<Duration> pauses = fixture.pauses();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static byte[] read(Optional<InputStream> in) throws Exception {
        assertThat(in).isPresent();
        try (InputStream stream = in.get()) {
            return stream.readAllBytes();
        }
    }

    @Test
    void browsersLoadMediaFromTheDeliveryHost() {
        URI delivery = URI.create(cloudinary.deliveryBaseUrl());
        assertThat(fixture.store(fixture.unsigned("fableforge-unsigned")).browserOrigins())
                .containsExactly(delivery.getScheme() + "://" + delivery.getHost() + (delivery.getPort() < 0 ? "" : ":" + delivery.getPort()));
    }

    @Test
    void signedUploadStoresTheImageUnderAPublicIdFromTheKeyAndReturnsItsSecureUrl() throws Exception {
        byte[] image = CloudinaryFixture.png(0xFF0000);

        StoredMedia stored = fixture.store(fixture.signed("right-secret")).put(KEY, image, "image/png");

        assertThat(cloudinary.asset("image", "fableforge/stories/s1/images/scene-01-a1")).get()
                .satisfies(asset -> assertThat(asset.bytes()).isEqualTo(image));
        assertThat(stored.url()).matches(cloudinary.deliveryBaseUrl()
                + "/demo-cloud/image/upload/v\\d+/fableforge/stories/s1/images/scene-01-a1\\.png");
        assertThat(stored.key()).isEqualTo(KEY);
        assertThat(stored.sizeBytes()).isEqualTo(image.length);
        FakeServer.Recorded upload = cloudinary.server().requests().get(0);
        assertThat(upload.path()).isEqualTo("/v1_1/demo-cloud/image/upload");
        assertThat(CloudinaryFixture.field(upload, "api_key")).isEqualTo("key-123");
        assertThat(CloudinaryFixture.field(upload, "overwrite")).isEqualTo("true");
        assertThat(CloudinaryFixture.field(upload, "signature")).matches("[0-9a-f]{40}");
        assertThat(CloudinaryFixture.field(upload, "upload_preset")).isNull();
        assertThat(read(Optional.of(URI.create(stored.url()).toURL().openStream()))).as("what the UI shows").isEqualTo(image);
    }

    @Test
    void aWrongSecretIsReportedAsBadCredentialsWithCloudinarysMessageAndNotRetried() {
        assertThatThrownBy(() -> fixture.store(fixture.signed("wrong-secret")).put(KEY, CloudinaryFixture.png(0x00FF00), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadCredentials.class);
                    assertThat(e.getMessage()).contains("HTTP 400", "Invalid Signature", "CLOUDINARY_URL", KEY).doesNotContain("wrong-secret");
                });
        assertThat(cloudinary.server().requests()).hasSize(1);
        assertThat(cloudinary.assetCount()).isZero();
    }

    @Test
    void unsignedUploadSendsThePresetWithoutKeySignatureOrOverwrite() throws Exception {
        byte[] image = CloudinaryFixture.png(0x0000FF);

        StoredMedia stored = fixture.store(fixture.unsigned("replaces")).put(KEY, image, "image/png");

        FakeServer.Recorded upload = cloudinary.server().requests().get(0);
        assertThat(CloudinaryFixture.field(upload, "upload_preset")).isEqualTo("replaces");
        assertThat(CloudinaryFixture.field(upload, "public_id")).isEqualTo("fableforge/stories/s1/images/scene-01-a1");
        assertThat(CloudinaryFixture.field(upload, "signature")).isNull();
        assertThat(CloudinaryFixture.field(upload, "api_key")).isNull();
        assertThat(CloudinaryFixture.field(upload, "overwrite")).isNull();
        assertThat(stored.url()).contains("/demo-cloud/image/upload/");
        assertThat(read(fixture.store(fixture.unsigned("replaces")).open(KEY))).isEqualTo(image);
    }

    @Test
    void anUnknownPresetIsABadRequestThatNamesIt() {
        assertThatThrownBy(() -> fixture.store(fixture.unsigned("nope")).put(KEY, CloudinaryFixture.png(1), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class);
                    assertThat(e.getMessage()).contains("Upload preset not found", "nope");
                });
    }

    @Test
    void putReplacesEarlierContentAtTheSameKey() throws Exception {
        CloudinaryMediaStore store = fixture.store(fixture.signed("right-secret"));
        StoredMedia first = store.put(KEY, CloudinaryFixture.png(0x111111), "image/png");
        byte[] second = CloudinaryFixture.png(0x222222);

        StoredMedia replaced = store.put(KEY, second, "image/png");

        assertThat(replaced.url()).isNotEqualTo(first.url());
        assertThat(read(store.open(KEY))).isEqualTo(second);
        assertThat(cloudinary.assetCount()).isOne();
    }

    @Test
    void anUnsignedPresetThatKeepsAssetsAcceptsTheSameBytesAgainButNotDifferentOnes() throws Exception {
        CloudinaryMediaStore store = fixture.store(fixture.unsigned("keeps"));
        byte[] image = CloudinaryFixture.png(0x333333);
        store.put(KEY, image, "image/png");

        assertThat(store.put(KEY, image, "image/png").key()).as("a repeated upload (say after a lost answer)").isEqualTo(KEY);
        assertThatThrownBy(() -> store.put(KEY, CloudinaryFixture.png(0x444444), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class);
                    assertThat(e.getMessage()).contains("kept an earlier asset", "preset");
                });
        assertThat(read(store.open(KEY))).isEqualTo(image);
    }

    @Test
    void openReadsBackThroughTheDeliveryUrlAfterARestartAndIsEmptyForUnknownKeys() throws Exception {
        byte[] image = CloudinaryFixture.png(0x555555);
        fixture.store(fixture.signed("right-secret")).put(KEY, image, "image/png");

        CloudinaryMediaStore restarted = fixture.store(fixture.signed("right-secret"));

        assertThat(read(restarted.open(KEY))).isEqualTo(image);
        assertThat(restarted.open("stories/s1/images/scene-02-a1.png")).isEmpty();
        assertThatThrownBy(() -> restarted.open("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void videosAndOtherFilesGoToTheVideoAndRawResourceTypes() throws Exception {
        CloudinaryMediaStore store = fixture.store(fixture.signed("right-secret"));
        byte[] video = "not really an mp4, but Cloudinary's fake keeps video bytes as they are".getBytes(StandardCharsets.UTF_8);
        byte[] json = "{\"title\":\"Ember\"}".getBytes(StandardCharsets.UTF_8);

        StoredMedia mp4 = store.put("stories/s1/video/final.mp4", video, "video/mp4");
        StoredMedia raw = store.put("stories/s1/story.json", json, "application/json");

        assertThat(cloudinary.server().requests().stream().map(FakeServer.Recorded::path))
                .containsExactly("/v1_1/demo-cloud/video/upload", "/v1_1/demo-cloud/raw/upload");
        assertThat(mp4.url()).matches(".*/video/upload/v\\d+/fableforge/stories/s1/video/final\\.mp4");
        assertThat(raw.url()).matches(".*/raw/upload/v\\d+/fableforge/stories/s1/story\\.json");
        assertThat(read(store.open("stories/s1/video/final.mp4"))).isEqualTo(video);
        assertThat(read(store.open("stories/s1/story.json"))).isEqualTo(json);
    }

    @Test
    void bytesThatAreNotAnImageAreRefusedAsABadRequest() {
        assertThatThrownBy(() -> fixture.store(fixture.signed("right-secret")).put(KEY, "hello".getBytes(StandardCharsets.UTF_8), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class,
                        e -> assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class))
                .hasMessageContaining("Invalid image file");
    }

    @Test
    void aStaleTimestampIsRefusedWithCloudinarysReason() throws Exception {
        try (FakeCloudinary twoHoursAhead = new FakeCloudinary("demo-cloud", "key-123", "right-secret",
                Clock.offset(Clock.systemUTC(), Duration.ofHours(2)))) {
            CloudinarySettings settings = new CloudinarySettings(Optional.of("demo-cloud"), Optional.of("key-123"),
                    Optional.of("right-secret"), Optional.empty(), "fableforge", URI.create(twoHoursAhead.apiBaseUrl()),
                    URI.create(twoHoursAhead.deliveryBaseUrl()), Duration.ofSeconds(5));

            assertThatThrownBy(() -> fixture.store(settings).put(KEY, CloudinaryFixture.png(7), "image/png"))
                    .isInstanceOfSatisfying(MediaStoreException.class,
                            e -> assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class))
                    .hasMessageContaining("Stale request");
        }
    }

    @Test
    void aRefusedApiKeyIsBadCredentials() {
        cloudinary.server().script("POST", FakeCloudinary.UPLOAD_PATH, Reply.json(401, "{\"error\":{\"message\":\"Invalid api_key key-123\"}}"));

        assertThatThrownBy(() -> fixture.store(fixture.signed("right-secret")).put(KEY, CloudinaryFixture.png(8), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class,
                        e -> assertThat(e.error()).isInstanceOf(ProviderError.BadCredentials.class))
                .hasMessageContaining("HTTP 401").hasMessageContaining("Invalid api_key");
        assertThat(cloudinary.server().requests()).hasSize(1);
    }

    @Test
    void rateLimitingIsRetriedTwiceWithPausesThenReportedAsRateLimited() {
        Reply limited = Reply.json(420, "{\"error\":{\"message\":\"Rate Limit Exceeded\"}}");
        cloudinary.server().script("POST", FakeCloudinary.UPLOAD_PATH, limited, limited, limited);

        assertThatThrownBy(() -> fixture.store(fixture.signed("right-secret")).put(KEY, CloudinaryFixture.png(9), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class,
                        e -> assertThat(e.error()).isInstanceOf(ProviderError.RateLimited.class))
                .hasMessageContaining("Rate Limit Exceeded");
        assertThat(cloudinary.server().requests()).hasSize(3);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aServerErrorOrA429IsRetriedAndTheUploadThenSucceeds() throws Exception {
        cloudinary.server().script("POST", FakeCloudinary.UPLOAD_PATH,
                Reply.json(500, "{\"error\":{\"message\":\"General Error\"}}"),
                Reply.json(429, "{\"error\":{\"message\":\"Too many requests\"}}"));
        byte[] image = CloudinaryFixture.png(10);

        StoredMedia stored = fixture.store(fixture.signed("right-secret")).put(KEY, image, "image/png");

        assertThat(cloudinary.server().requests()).as("the 429 is repeated by the SDK's HTTP client").hasSize(3);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
        assertThat(stored.url()).contains("/image/upload/");
        assertThat(cloudinary.asset("image", "fableforge/stories/s1/images/scene-01-a1")).isPresent();
    }

    @Test
    void aSlowAnswerTimesOutAndTheLastCallSaysNoAnswerCame() throws Exception {
        Reply slow = Reply.json(200, "{}").after(Duration.ofSeconds(3));
        cloudinary.server().script("POST", FakeCloudinary.UPLOAD_PATH, slow, slow, slow);
        CloudinaryMediaStore store = fixture.store(fixture.settings(Optional.of("key-123"), Optional.of("right-secret"), Optional.empty(), Duration.ofSeconds(1)));

        assertThatThrownBy(() -> store.put(KEY, CloudinaryFixture.png(11), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class,
                        e -> assertThat(e.error()).isInstanceOf(ProviderError.TimedOut.class))
                .hasMessageContaining("within 1 s");
        assertThat(store.lastCall().called()).isTrue();
        assertThat(store.lastCall().answered()).isFalse();
    }

    @Test
    void malformedAnswersAndUnavailabilityAreTransientAndTheLastCallRecordsTheStatus() throws Exception {
        Reply unavailable = Reply.json(503, "Service Unavailable");
        cloudinary.server().script("POST", FakeCloudinary.UPLOAD_PATH, Reply.bytes(200, "text/html", "<html>oops".getBytes(StandardCharsets.UTF_8)),
                Reply.json(200, "{\"public_id\":\"x\"}"), unavailable, unavailable);
        CloudinaryMediaStore store = fixture.store(fixture.signed("right-secret"));

        assertThatThrownBy(() -> store.put(KEY, CloudinaryFixture.png(12), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class,
                        e -> assertThat(e.error()).isInstanceOf(ProviderError.Transient.class))
                .hasMessageContaining("503");
        assertThat(cloudinary.server().requests()).as("three tries; the SDK's HTTP client repeats a 503 once itself").hasSize(4);
        assertThat(store.lastCall().answered()).isTrue();
        assertThat(store.lastCall().httpStatus()).isEqualTo(503);
    }

    @Test
    void anErrorAnswerWeDoNotKnowFailsWithCloudinarysMessageAndIsNotRetried() {
        cloudinary.server().script("POST", FakeCloudinary.UPLOAD_PATH, Reply.json(409, "{\"error\":{\"message\":\"Something Cloudinary never documented\"}}"));

        assertThatThrownBy(() -> fixture.store(fixture.signed("right-secret")).put(KEY, CloudinaryFixture.png(13), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class);
                    assertThat(e.getMessage()).contains("409", "Something Cloudinary never documented").doesNotContain("right-secret");
                });
        assertThat(cloudinary.server().requests()).hasSize(1);
        assertThat(pauses).isEmpty();
    }
}
