package fableforge.media.cloudinary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.fake.FakeCloudinary;
import fableforge.fake.FakeServer;
import fableforge.fake.FakeServer.Reply;
import fableforge.job.Sleeper;
import fableforge.media.MediaStoreException;
import fableforge.media.StoredMedia;
import fableforge.provider.ProviderError;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Cloudinary media store against a loopback Cloudinary that checks what it is sent. */
class CloudinaryMediaStoreTest {

    private static final String KEY = "stories/s1/images/scene-01-a1.png";

    private final FakeCloudinary cloudinary = new FakeCloudinary("demo-cloud", "key-123", "right-secret", Clock.systemUTC())
            .withUnsignedPreset("keeps", false)
            .withUnsignedPreset("replaces", true);
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final Sleeper sleeper = pauses::add;

    @AfterEach
    void stop() {
        cloudinary.close();
    }

    private CloudinarySettings signed(String secret) {
        return settings(Optional.of("key-123"), Optional.of(secret), Optional.empty(), Duration.ofSeconds(5));
    }

    private CloudinarySettings unsigned(String preset) {
        return settings(Optional.empty(), Optional.empty(), Optional.of(preset), Duration.ofSeconds(5));
    }

    private CloudinarySettings settings(Optional<String> key, Optional<String> secret, Optional<String> preset, Duration timeout) {
        return new CloudinarySettings(Optional.of("demo-cloud"), key, secret, preset, "fableforge",
                URI.create(cloudinary.apiBaseUrl()), URI.create(cloudinary.deliveryBaseUrl()), timeout);
    }

    private CloudinaryMediaStore store(CloudinarySettings settings) {
        return new CloudinaryMediaStore(settings, sleeper, Clock.systemUTC());
    }

    static byte[] png(int rgb) throws Exception {
        BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, rgb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] read(Optional<InputStream> in) throws Exception {
        assertThat(in).isPresent();
        try (InputStream stream = in.get()) {
            return stream.readAllBytes();
        }
    }

    private static String field(FakeServer.Recorded request, String name) {
        String body = request.bodyText();
        int at = body.indexOf("name=\"" + name + "\"");
        if (at < 0) {
            return null;
        }
        int start = body.indexOf("\r\n\r\n", at) + 4;
        return body.substring(start, body.indexOf("\r\n", start));
    }

    @Test
    void browsersLoadMediaFromTheDeliveryHost() {
        URI delivery = URI.create(cloudinary.deliveryBaseUrl());
        assertThat(store(unsigned("fableforge-unsigned")).browserOrigins())
                .containsExactly(delivery.getScheme() + "://" + delivery.getHost() + (delivery.getPort() < 0 ? "" : ":" + delivery.getPort()));
    }

    @Test
    void signedUploadStoresTheImageUnderAPublicIdFromTheKeyAndReturnsItsSecureUrl() throws Exception {
        byte[] image = png(0xFF0000);

        StoredMedia stored = store(signed("right-secret")).put(KEY, image, "image/png");

        assertThat(cloudinary.asset("image", "fableforge/stories/s1/images/scene-01-a1")).get()
                .satisfies(asset -> assertThat(asset.bytes()).isEqualTo(image));
        assertThat(stored.url()).matches(cloudinary.deliveryBaseUrl()
                + "/demo-cloud/image/upload/v\\d+/fableforge/stories/s1/images/scene-01-a1\\.png");
        assertThat(stored.key()).isEqualTo(KEY);
        assertThat(stored.sizeBytes()).isEqualTo(image.length);
        FakeServer.Recorded upload = cloudinary.server().requests().get(0);
        assertThat(upload.path()).isEqualTo("/v1_1/demo-cloud/image/upload");
        assertThat(field(upload, "api_key")).isEqualTo("key-123");
        assertThat(field(upload, "overwrite")).isEqualTo("true");
        assertThat(field(upload, "signature")).matches("[0-9a-f]{40}");
        assertThat(field(upload, "upload_preset")).isNull();
        assertThat(read(Optional.of(URI.create(stored.url()).toURL().openStream()))).as("what the UI shows").isEqualTo(image);
    }

    @Test
    void aWrongSecretIsReportedAsBadCredentialsWithCloudinarysMessageAndNotRetried() {
        assertThatThrownBy(() -> store(signed("wrong-secret")).put(KEY, png(0x00FF00), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadCredentials.class);
                    assertThat(e.getMessage()).contains("HTTP 400", "Invalid Signature", "CLOUDINARY_URL", KEY).doesNotContain("wrong-secret");
                });
        assertThat(cloudinary.server().requests()).hasSize(1);
        assertThat(cloudinary.assetCount()).isZero();
    }

    @Test
    void unsignedUploadSendsThePresetWithoutKeySignatureOrOverwrite() throws Exception {
        byte[] image = png(0x0000FF);

        StoredMedia stored = store(unsigned("replaces")).put(KEY, image, "image/png");

        FakeServer.Recorded upload = cloudinary.server().requests().get(0);
        assertThat(field(upload, "upload_preset")).isEqualTo("replaces");
        assertThat(field(upload, "public_id")).isEqualTo("fableforge/stories/s1/images/scene-01-a1");
        assertThat(field(upload, "signature")).isNull();
        assertThat(field(upload, "api_key")).isNull();
        assertThat(field(upload, "overwrite")).isNull();
        assertThat(stored.url()).contains("/demo-cloud/image/upload/");
        assertThat(read(store(unsigned("replaces")).open(KEY))).isEqualTo(image);
    }

    @Test
    void anUnknownPresetIsABadRequestThatNamesIt() {
        assertThatThrownBy(() -> store(unsigned("nope")).put(KEY, png(1), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class);
                    assertThat(e.getMessage()).contains("Upload preset not found", "nope");
                });
    }

    @Test
    void putReplacesEarlierContentAtTheSameKey() throws Exception {
        CloudinaryMediaStore store = store(signed("right-secret"));
        StoredMedia first = store.put(KEY, png(0x111111), "image/png");
        byte[] second = png(0x222222);

        StoredMedia replaced = store.put(KEY, second, "image/png");

        assertThat(replaced.url()).isNotEqualTo(first.url());
        assertThat(read(store.open(KEY))).isEqualTo(second);
        assertThat(cloudinary.assetCount()).isOne();
    }

    @Test
    void anUnsignedPresetThatKeepsAssetsAcceptsTheSameBytesAgainButNotDifferentOnes() throws Exception {
        CloudinaryMediaStore store = store(unsigned("keeps"));
        byte[] image = png(0x333333);
        store.put(KEY, image, "image/png");

        assertThat(store.put(KEY, image, "image/png").key()).as("a repeated upload (say after a lost answer)").isEqualTo(KEY);
        assertThatThrownBy(() -> store.put(KEY, png(0x444444), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class);
                    assertThat(e.getMessage()).contains("kept an earlier asset", "preset");
                });
        assertThat(read(store.open(KEY))).isEqualTo(image);
    }

    @Test
    void openReadsBackThroughTheDeliveryUrlAfterARestartAndIsEmptyForUnknownKeys() throws Exception {
        byte[] image = png(0x555555);
        store(signed("right-secret")).put(KEY, image, "image/png");

        CloudinaryMediaStore restarted = store(signed("right-secret"));

        assertThat(read(restarted.open(KEY))).isEqualTo(image);
        assertThat(restarted.open("stories/s1/images/scene-02-a1.png")).isEmpty();
        assertThatThrownBy(() -> restarted.open("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void videosAndOtherFilesGoToTheVideoAndRawResourceTypes() throws Exception {
        CloudinaryMediaStore store = store(signed("right-secret"));
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
        assertThatThrownBy(() -> store(signed("right-secret")).put(KEY, "hello".getBytes(StandardCharsets.UTF_8), "image/png"))
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

            assertThatThrownBy(() -> store(settings).put(KEY, png(7), "image/png"))
                    .isInstanceOfSatisfying(MediaStoreException.class,
                            e -> assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class))
                    .hasMessageContaining("Stale request");
        }
    }

    @Test
    void aRefusedApiKeyIsBadCredentials() {
        cloudinary.server().script("POST", FakeCloudinary.UPLOAD_PATH, Reply.json(401, "{\"error\":{\"message\":\"Invalid api_key key-123\"}}"));

        assertThatThrownBy(() -> store(signed("right-secret")).put(KEY, png(8), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class,
                        e -> assertThat(e.error()).isInstanceOf(ProviderError.BadCredentials.class))
                .hasMessageContaining("HTTP 401").hasMessageContaining("Invalid api_key");
        assertThat(cloudinary.server().requests()).hasSize(1);
    }

    @Test
    void rateLimitingIsRetriedTwiceWithPausesThenReportedAsRateLimited() {
        Reply limited = Reply.json(420, "{\"error\":{\"message\":\"Rate Limit Exceeded\"}}");
        cloudinary.server().script("POST", FakeCloudinary.UPLOAD_PATH, limited, limited, limited);

        assertThatThrownBy(() -> store(signed("right-secret")).put(KEY, png(9), "image/png"))
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
        byte[] image = png(10);

        StoredMedia stored = store(signed("right-secret")).put(KEY, image, "image/png");

        assertThat(cloudinary.server().requests()).as("the 429 is repeated by the SDK's HTTP client").hasSize(3);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
        assertThat(stored.url()).contains("/image/upload/");
        assertThat(cloudinary.asset("image", "fableforge/stories/s1/images/scene-01-a1")).isPresent();
    }

    @Test
    void aSlowAnswerTimesOutAndTheLastCallSaysNoAnswerCame() throws Exception {
        Reply slow = Reply.json(200, "{}").after(Duration.ofSeconds(3));
        cloudinary.server().script("POST", FakeCloudinary.UPLOAD_PATH, slow, slow, slow);
        CloudinaryMediaStore store = store(settings(Optional.of("key-123"), Optional.of("right-secret"), Optional.empty(), Duration.ofSeconds(1)));

        assertThatThrownBy(() -> store.put(KEY, png(11), "image/png"))
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
        CloudinaryMediaStore store = store(signed("right-secret"));

        assertThatThrownBy(() -> store.put(KEY, png(12), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class,
                        e -> assertThat(e.error()).isInstanceOf(ProviderError.Transient.class))
                .hasMessageContaining("503");
        assertThat(cloudinary.server().requests()).as("three tries; the SDK's HTTP client repeats a 503 once itself").hasSize(4);
        assertThat(store.lastCall().answered()).isTrue();
        assertThat(store.lastCall().httpStatus()).isEqualTo(503);
    }
    private static final int CHUNK = CloudinaryMediaStore.MIN_CHUNK_BYTES;
    private static final String VIDEO_KEY = "stories/s1/video-v1.mp4";

    private CloudinaryMediaStore chunking(CloudinarySettings settings) {
        return new CloudinaryMediaStore(settings, sleeper, Clock.systemUTC(), CHUNK);
    }

    private static Path file(byte[] bytes, Path dir) throws Exception {
        return Files.write(dir.resolve("upload.bin"), bytes);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aFileLargerThanOneChunkGoesUpInSignedChunksUnderOneUploadIdWithContiguousRanges(@TempDir Path dir)
            throws Exception {
        cloudinary.withUploadLimit(CHUNK);
        byte[] video = random(2 * CHUNK + 17);
        long total = video.length;

        StoredMedia stored = chunking(signed("right-secret")).putFile(VIDEO_KEY, file(video, dir), "video/mp4");

        List<FakeServer.Recorded> parts = cloudinary.server().requests();
        assertThat(parts).extracting(part -> part.header("content-range")).containsExactly(
                "bytes 0-" + (CHUNK - 1) + "/" + total,
                "bytes " + CHUNK + "-" + (2 * CHUNK - 1) + "/" + total,
                "bytes " + 2 * CHUNK + "-" + (total - 1) + "/" + total);
        assertThat(parts).extracting(part -> part.header("x-unique-upload-id")).doesNotContainNull().containsOnly(parts.get(0).header("x-unique-upload-id"));
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.path()).isEqualTo("/v1_1/demo-cloud/video/upload");
            assertThat(field(part, "signature")).as("each part signed as a whole upload is").matches("[0-9a-f]{40}");
            assertThat(field(part, "public_id")).isEqualTo("fableforge/stories/s1/video-v1");
        });
        assertThat(cloudinary.asset("video", "fableforge/stories/s1/video-v1")).get().satisfies(asset -> assertThat(asset.bytes()).isEqualTo(video));
        assertThat(stored.url()).matches(".*/video/upload/v\\d+/fableforge/stories/s1/video-v1\\.mp4");
        assertThat(stored.sizeBytes()).isEqualTo(total);
        assertThat(cloudinary.unfinishedChunkedUploads()).isZero();
    }

    @Test
    void bytesLargerThanOneChunkAreChunkedToo() throws Exception {
        byte[] zip = random(CHUNK + 1);

        chunking(signed("right-secret")).put("stories/s1/video-v1.zip", zip, "application/zip");

        assertThat(cloudinary.server().requests()).hasSize(2);
        assertThat(cloudinary.asset("raw", "fableforge/stories/s1/video-v1.zip")).get().satisfies(asset -> assertThat(asset.bytes()).isEqualTo(zip));
    }

    @Test
    void aFileNoLargerThanOneChunkGoesUpInOneRequestWithoutChunkHeaders(@TempDir Path dir) throws Exception {
        byte[] video = random(CHUNK);

        chunking(signed("right-secret")).putFile(VIDEO_KEY, file(video, dir), "video/mp4");

        assertThat(cloudinary.server().requests()).singleElement().satisfies(request -> {
            assertThat(request.header("content-range")).isNull();
            assertThat(request.header("x-unique-upload-id")).isNull();
        });
        assertThat(cloudinary.asset("video", "fableforge/stories/s1/video-v1")).get().satisfies(asset -> assertThat(asset.bytes()).isEqualTo(video));
    }

    @Test
    void aFileOverThePlansSizeLimitIsReportedAsThatLimitAndNotRetried() {
        cloudinary.withUploadLimit(1_000_000);

        assertThatThrownBy(() -> store(signed("right-secret")).put("stories/s1/story.json", random(1_500_000), "application/json"))
                .isInstanceOfSatisfying(MediaStoreException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class);
                    assertThat(e.getMessage()).contains("File size too large. Got 1500000. Maximum is 1000000.",
                            "Cloudinary plan's file-size limit", "the file is 1.5 MB, the plan allows 1.0 MB");
                });
        assertThat(cloudinary.server().requests()).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aRefusedFirstChunkEndsTheUploadWithoutSendingTheRest() {
        cloudinary.server().script("POST", FakeCloudinary.UPLOAD_PATH, Reply.json(400, "{\"error\":{\"message\":\"Invalid transformation\"}}"));

        assertThatThrownBy(() -> chunking(signed("right-secret")).put(VIDEO_KEY, random(2 * CHUNK + 1), "video/mp4"))
                .isInstanceOfSatisfying(MediaStoreException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class))
                .hasMessageContaining("Invalid transformation");
        assertThat(cloudinary.server().requests()).as("the SDK's uploadLarge would send the other chunks anyway").hasSize(1);
    }

    @Test
    void aServerErrorOnAChunkIsRetriedFromTheFirstChunkUnderANewUploadId() throws Exception {
        cloudinary.server().script("POST", FakeCloudinary.UPLOAD_PATH, Reply.json(500, "{\"error\":{\"message\":\"General Error\"}}"));
        byte[] video = random(2 * CHUNK + 1);

        chunking(signed("right-secret")).put(VIDEO_KEY, video, "video/mp4");

        List<FakeServer.Recorded> requests = cloudinary.server().requests();
        assertThat(requests).hasSize(4);
        assertThat(requests.get(1).header("content-range")).startsWith("bytes 0-");
        assertThat(requests.subList(1, 4)).extracting(request -> request.header("x-unique-upload-id"))
                .containsOnly(requests.get(1).header("x-unique-upload-id"))
                .doesNotContain(requests.get(0).header("x-unique-upload-id"));
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
        assertThat(cloudinary.asset("video", "fableforge/stories/s1/video-v1")).get().satisfies(asset -> assertThat(asset.bytes()).isEqualTo(video));
    }

    @Test
    void anUnsignedUploadIsChunkedWithThePresetOnEveryPart() throws Exception {
        byte[] video = random(CHUNK + 5);

        chunking(unsigned("replaces")).put(VIDEO_KEY, video, "video/mp4");

        assertThat(cloudinary.server().requests()).hasSize(2)
                .allSatisfy(part -> assertThat(field(part, "upload_preset")).isEqualTo("replaces"));
        assertThat(cloudinary.asset("video", "fableforge/stories/s1/video-v1")).get().satisfies(asset -> assertThat(asset.bytes()).isEqualTo(video));
    }

    @Test
    void anErrorAnswerWeDoNotKnowFailsWithCloudinarysMessageAndIsNotRetried() {
        cloudinary.server().script("POST", FakeCloudinary.UPLOAD_PATH, Reply.json(409, "{\"error\":{\"message\":\"Something Cloudinary never documented\"}}"));

        assertThatThrownBy(() -> store(signed("right-secret")).put(KEY, png(13), "image/png"))
                .isInstanceOfSatisfying(MediaStoreException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class);
                    assertThat(e.getMessage()).contains("409", "Something Cloudinary never documented").doesNotContain("right-secret");
                });
        assertThat(cloudinary.server().requests()).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void chunksSmallerThanCloudinarysMinimumAreNotConfigurable() {
        assertThatThrownBy(() -> new CloudinaryMediaStore(signed("right-secret"), sleeper, Clock.systemUTC(), 1024 * 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 MB");
    }
}
