package fableforge.media.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.fake.FakeS3;
import fableforge.fake.FakeServer;
import fableforge.media.MediaStoreException;
import fableforge.media.StoredMedia;
import fableforge.provider.ProviderError;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The S3 media store against a loopback S3 that verifies every SigV4 signature it gets. */
class S3MediaStoreTest {

    private static final String KEY = "stories/s1/images/scene-01-a1.png";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2, 3, 4};

    private final FakeS3 s3 = new FakeS3("AKIDEXAMPLE", "right-secret", "eu-west-1", Clock.systemUTC())
            .withBucket("fable").withPublicBucket("public-fable");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        s3.close();
    }

    private S3Settings settings(String bucket, String secret, Optional<URI> publicBase, Duration presignTtl) {
        return new S3Settings(Optional.of(bucket), "eu-west-1", Optional.of(URI.create(s3.url())), true,
                Optional.of("AKIDEXAMPLE"), Optional.of(secret), publicBase, presignTtl);
    }

    private S3MediaStore store() {
        return new S3MediaStore(settings("fable", "right-secret", Optional.empty(), Duration.ofMinutes(60)), Clock.systemUTC());
    }

    private HttpResponse<byte[]> fetch(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] read(Optional<InputStream> in) throws Exception {
        assertThat(in).isPresent();
        try (InputStream stream = in.get()) {
            return stream.readAllBytes();
        }
    }

    @Test
    void putStoresTheObjectWithItsContentTypeInASignedPlainPut() throws Exception {
        try (S3MediaStore store = store()) {
            StoredMedia stored = store.put(KEY, PNG, "image/png");

            assertThat(stored.url()).as("the app's own route: presigned links expire").isEqualTo("/media/" + KEY);
            assertThat(stored.sizeBytes()).isEqualTo(PNG.length);
            assertThat(s3.object("fable", KEY)).get().satisfies(object -> {
                assertThat(object.bytes()).isEqualTo(PNG);
                assertThat(object.contentType()).isEqualTo("image/png");
            });
            FakeServer.Recorded put = s3.server().requests("PUT", FakeS3.OBJECT_PATH).get(0);
            assertThat(put.path()).isEqualTo("/fable/" + KEY);
            assertThat(put.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
            assertThat(put.header("x-amz-content-sha256")).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PNG)));
            assertThat(put.header("content-encoding")).isNull();
            assertThat(store.lastCall().httpStatus()).isEqualTo(200);
        }
    }

    @Test
    void aWrongSecretIsRefusedWithSignatureDoesNotMatchAndReportedAsBadCredentials() {
        try (S3MediaStore store = new S3MediaStore(settings("fable", "wrong-secret", Optional.empty(), Duration.ofMinutes(5)), Clock.systemUTC())) {
            assertThatThrownBy(() -> store.put(KEY, PNG, "image/png"))
                    .isInstanceOfSatisfying(MediaStoreException.class, e -> {
                        assertThat(e.error()).isInstanceOf(ProviderError.BadCredentials.class);
                        assertThat(e.getMessage()).contains("403", "SignatureDoesNotMatch", "fable", "S3_SECRET_ACCESS_KEY");
                    });
            assertThat(s3.object("fable", KEY)).isEmpty();
            assertThat(s3.server().requests()).as("not retried").hasSize(1);
            assertThat(store.lastCall().httpStatus()).isEqualTo(403);
        }
    }

    @Test
    void putReplacesEarlierContentAndOpenReadsTheLatestBack() throws Exception {
        try (S3MediaStore store = store()) {
            store.put(KEY, "first".getBytes(StandardCharsets.UTF_8), "image/png");
            store.put(KEY, PNG, "image/png");

            assertThat(read(store.open(KEY))).isEqualTo(PNG);
            assertThat(store.open("stories/s1/images/scene-02-a1.png")).as("NoSuchKey").isEmpty();
            assertThat(s3.server().requests("GET", FakeS3.OBJECT_PATH)).hasSize(2)
                    .allSatisfy(get -> assertThat(get.header("authorization")).startsWith("AWS4-HMAC-SHA256"));
        }
    }

    @Test
    void aFileIsStreamedFromDiskIntoASignedPutAndReadsBackWhole() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("video", ".mp4");
        byte[] video = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(5).nextBytes(video);
        java.nio.file.Files.write(file, video);
        try (S3MediaStore store = store()) {
            var stored = store.putFile("stories/s1/video-v1.mp4", file, "video/mp4");

            assertThat(stored.sizeBytes()).isEqualTo(video.length);
            assertThat(read(store.open("stories/s1/video-v1.mp4"))).isEqualTo(video);
            assertThat(s3.server().requests("PUT", FakeS3.OBJECT_PATH)).singleElement()
                    .satisfies(put -> assertThat(put.header("content-type")).isEqualTo("video/mp4"));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void aMissingBucketIsABadRequestThatNamesIt() {
        try (S3MediaStore store = new S3MediaStore(settings("no-such-bucket", "right-secret", Optional.empty(), Duration.ofMinutes(5)), Clock.systemUTC())) {
            assertThatThrownBy(() -> store.put(KEY, PNG, "image/png"))
                    .isInstanceOfSatisfying(MediaStoreException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class))
                    .hasMessageContaining("NoSuchBucket").hasMessageContaining("no-such-bucket");
            assertThatThrownBy(() -> store.open(KEY)).isInstanceOf(MediaStoreException.class).hasMessageContaining("NoSuchBucket");
        }
    }

    @Test
    void withAPublicBaseUrlTheUrlIsThePublicObjectUrl() throws Exception {
        URI base = URI.create(s3.url() + "/public-fable");
        try (S3MediaStore store = new S3MediaStore(settings("public-fable", "right-secret", Optional.of(base), Duration.ofMinutes(5)), Clock.systemUTC())) {
            StoredMedia stored = store.put(KEY, PNG, "image/png");

            assertThat(stored.url()).isEqualTo(base + "/" + KEY);
            HttpResponse<byte[]> anonymous = fetch(URI.create(stored.url()));
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(anonymous.body()).isEqualTo(PNG);
            assertThat(store.redirect(KEY)).contains(URI.create(stored.url()));
        }
    }

    @Test
    void browsersLoadMediaFromThePublicBaseOrThePresignedEndpoint() {
        URI endpoint = URI.create(s3.url());
        String origin = "http://" + endpoint.getHost() + ":" + endpoint.getPort();
        try (S3MediaStore presigned = new S3MediaStore(settings("fable", "right-secret", Optional.empty(), Duration.ofMinutes(5)), Clock.systemUTC());
             S3MediaStore cdn = new S3MediaStore(settings("fable", "right-secret", Optional.of(URI.create("https://cdn.example.com/fable")),
                     Duration.ofMinutes(5)), Clock.systemUTC())) {
            assertThat(presigned.browserOrigins()).containsExactly(origin);
            assertThat(cdn.browserOrigins()).containsExactly("https://cdn.example.com");
        }
    }

    @Test
    void aPrivateObjectCannotBeReadWithoutASignature() throws Exception {
        try (S3MediaStore store = store()) {
            store.put(KEY, PNG, "image/png");

            assertThat(fetch(URI.create(s3.url() + "/fable/" + KEY)).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aPresignedLinkWorksAtTheFakeUntilItExpiresAndTheNextOneIsFresh() throws Exception {
        try (S3MediaStore store = new S3MediaStore(settings("fable", "right-secret", Optional.empty(), Duration.ofSeconds(2)), Clock.systemUTC())) {
            store.put(KEY, PNG, "image/png");

            URI link = store.redirect(KEY).orElseThrow();
            assertThat(link.toString()).startsWith(s3.url() + "/fable/" + KEY + "?").contains("X-Amz-Signature=", "X-Amz-Expires=2");
            HttpResponse<byte[]> fresh = fetch(link);
            assertThat(fresh.statusCode()).isEqualTo(200);
            assertThat(fresh.body()).isEqualTo(PNG);
            URI tampered = URI.create(link.toString().replace("scene-01-a1", "scene-02-a1"));
            assertThat(new String(fetch(tampered).body(), StandardCharsets.UTF_8)).contains("SignatureDoesNotMatch");

            Thread.sleep(3_100);
            HttpResponse<byte[]> expired = fetch(link);
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("Request has expired");
            assertThat(fetch(store.redirect(KEY).orElseThrow()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void slowDownIsRetriedByTheSdkThenReportedAsRateLimited() {
        FakeServer.Reply slowDown = FakeS3.error(503, "SlowDown", "Please reduce your request rate.");
        s3.server().script("PUT", FakeS3.OBJECT_PATH, slowDown, slowDown, slowDown);
        try (S3MediaStore store = store()) {
            assertThatThrownBy(() -> store.put(KEY, PNG, "image/png"))
                    .isInstanceOfSatisfying(MediaStoreException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.RateLimited.class))
                    .hasMessageContaining("SlowDown");
            assertThat(s3.server().requests()).hasSize(3);
        }
    }

    @Test
    void aServerErrorIsRetriedByTheSdkAndTheUploadThenSucceeds() throws Exception {
        s3.server().script("PUT", FakeS3.OBJECT_PATH, FakeS3.error(500, "InternalError", "We encountered an internal error. Please try again."));
        try (S3MediaStore store = store()) {
            store.put(KEY, PNG, "image/png");

            assertThat(s3.server().requests()).hasSize(2);
            assertThat(s3.object("fable", KEY)).isPresent();
        }
    }

    @Test
    void repeatedServerErrorsAreTransient() {
        FakeServer.Reply broken = FakeS3.error(500, "InternalError", "We encountered an internal error. Please try again.");
        s3.server().script("GET", FakeS3.OBJECT_PATH, broken, broken, broken);
        try (S3MediaStore store = store()) {
            assertThatThrownBy(() -> store.open(KEY))
                    .isInstanceOfSatisfying(MediaStoreException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.Transient.class))
                    .hasMessageContaining("InternalError");
        }
    }

    @Test
    void aSlowEndpointTimesOut() {
        s3.server().script("PUT", FakeS3.OBJECT_PATH, FakeServer.Reply.json(200, "").after(Duration.ofSeconds(5)));
        try (S3MediaStore store = new S3MediaStore(settings("fable", "right-secret", Optional.empty(), Duration.ofMinutes(5)),
                Duration.ofSeconds(1), Clock.systemUTC())) {
            assertThatThrownBy(() -> store.put(KEY, PNG, "image/png"))
                    .isInstanceOfSatisfying(MediaStoreException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.TimedOut.class));
            assertThat(store.lastCall().answered()).isFalse();
        }
    }

    @Test
    void anUnreachableEndpointIsTransient() throws Exception {
        int closedPort = fableforge.testing.ClosedPort.NUMBER;
        S3Settings unreachable = new S3Settings(Optional.of("fable"), "eu-west-1", Optional.of(URI.create("http://127.0.0.1:" + closedPort)),
                true, Optional.of("AKIDEXAMPLE"), Optional.of("right-secret"), Optional.empty(), Duration.ofMinutes(5));
        try (S3MediaStore store = new S3MediaStore(unreachable, Clock.systemUTC())) {
            assertThatThrownBy(() -> store.put(KEY, PNG, "image/png"))
                    .isInstanceOfSatisfying(MediaStoreException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.Transient.class))
                    .hasMessageContaining("could not be reached");
        }
    }
    @Test
    void existsAsksWithAHeadAndTellsAStoredKeyFromAMissingOne() throws Exception {
        try (S3MediaStore store = store()) {
            store.put(KEY, PNG, "image/png");

            assertThat(store.exists(KEY)).isTrue();
            assertThat(store.exists("stories/s1/images/scene-02-a1.png")).isFalse();
            assertThat(s3.server().requests("HEAD", FakeS3.OBJECT_PATH)).hasSize(2);
            assertThat(s3.server().requests("GET", FakeS3.OBJECT_PATH)).as("nothing downloaded to look").isEmpty();
        }
    }

    @Test
    void underAPolicyWithoutListBucketAMissingKeyIsAbsentToExistsInsteadOfAnError() throws Exception {
        s3.withoutListBucket();
        try (S3MediaStore store = store()) {
            store.put(KEY, PNG, "image/png");

            assertThat(store.exists("stories/s1/character-sheet.png")).isFalse();
            assertThat(store.lastCall().httpStatus()).as("S3's answer was 403, not 404").isEqualTo(403);
            assertThat(store.exists(KEY)).isTrue();
        }
    }

    @Test
    void underAPolicyWithoutListBucketReadingAMissingKeyFailsWithAccessDeniedNamingTheBucketPolicyAndIsNotRetried() {
        s3.withoutListBucket();
        try (S3MediaStore store = store()) {
            assertThatThrownBy(() -> store.open(KEY))
                    .isInstanceOfSatisfying(MediaStoreException.class, e -> {
                        assertThat(e.error().retryable()).isFalse();
                        assertThat(e.getMessage()).contains("HTTP 403 AccessDenied", "bucket fable", "bucket policy",
                                "s3:GetObject", "s3:ListBucket", "docs/DEPLOYMENT.md");
                    });
            assertThat(s3.server().requests()).hasSize(1);
        }
    }

    @Test
    void aPolicyWithoutPutObjectFailsTheUploadWithAMessageNamingIt() {
        s3.server().script("PUT", FakeS3.OBJECT_PATH, FakeS3.error(403, "AccessDenied", "Access Denied"));
        try (S3MediaStore store = store()) {
            assertThatThrownBy(() -> store.put(KEY, PNG, "image/png"))
                    .isInstanceOfSatisfying(MediaStoreException.class, e -> {
                        assertThat(e.error().retryable()).isFalse();
                        assertThat(e.getMessage()).contains("upload of " + KEY, "AccessDenied", "s3:PutObject");
                    });
            assertThat(s3.server().requests()).hasSize(1);
        }
    }

    @Test
    void sizeComesFromAHeadWithoutDownloadingTheObject() throws Exception {
        try (S3MediaStore store = store()) {
            store.put(KEY, PNG, "image/png");

            assertThat(store.size(KEY)).contains((long) PNG.length);
            assertThat(store.size("stories/s1/images/scene-02-a1.png")).isEmpty();
            assertThat(s3.server().requests("GET", FakeS3.OBJECT_PATH)).isEmpty();
        }
    }

    @Test
    void anErrorAnswerWeDoNotKnowFailsWithS3sMessageWithoutTheSecretAndIsNotRetried() {
        s3.server().script("PUT", FakeS3.OBJECT_PATH, FakeS3.error(418, "SomethingNew", "An answer no adapter has seen"));
        try (S3MediaStore store = store()) {
            assertThatThrownBy(() -> store.put(KEY, PNG, "image/png"))
                    .isInstanceOfSatisfying(MediaStoreException.class, e -> {
                        assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class);
                        assertThat(e.getMessage()).contains("418", "SomethingNew", "An answer no adapter has seen")
                                .doesNotContain("right-secret");
                    });
            assertThat(s3.server().requests()).as("not retried as if transient").hasSize(1);
        }
    }
}
