package fableforge.media.cloudinary;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.fake.FakeCloudinary;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake holds chunked uploads to Cloudinary's rules, so the adapter's tests mean something. */
class FakeCloudinaryChunkedUploadTest {

    private static final int MIN = FakeCloudinary.MIN_CHUNK_BYTES;

    private final FakeCloudinary cloudinary = new FakeCloudinary("demo-cloud", "key-123", "right-secret", Clock.systemUTC())
            .withUnsignedPreset("replaces", true);
    private final HttpClient http = HttpClient.newHttpClient();
    private final byte[] file = new byte[2 * MIN + 10];

    @AfterEach
    void stop() {
        cloudinary.close();
    }

    /** Posts one unsigned part of {@link #file} (bytes {@code start..end}) with the given headers. */
    private HttpResponse<String> part(String uploadId, long start, long end, long total) throws Exception {
        byte[] body = Arrays.copyOfRange(file, (int) start, (int) end + 1);
        String boundary = "b0undary";
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"upload_preset\"\r\n\r\nreplaces\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"public_id\"\r\n\r\nbig\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.writeBytes(body);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(cloudinary.apiBaseUrl() + "/v1_1/demo-cloud/raw/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-Unique-Upload-Id", uploadId)
                .header("Content-Range", "bytes " + start + "-" + end + "/" + total)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onlyTheLastChunkIsAnsweredWithTheUploadAndStoresTheWholeFile() throws Exception {
        new java.util.Random(3).nextBytes(file);
        long total = file.length;

        HttpResponse<String> first = part("u1", 0, MIN - 1, total);
        HttpResponse<String> second = part("u1", MIN, 2L * MIN - 1, total);
        HttpResponse<String> last = part("u1", 2L * MIN, total - 1, total);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).doesNotContain("secure_url");
        assertThat(second.body()).doesNotContain("secure_url");
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(last.body()).contains("\"secure_url\"", "\"bytes\":" + total);
        assertThat(cloudinary.asset("raw", "big")).get().satisfies(asset -> assertThat(asset.bytes()).isEqualTo(file));
    }

    @Test
    void aChunkThatDoesNotFollowTheLastOneIsRefused() throws Exception {
        long total = file.length;
        part("u2", 0, MIN - 1, total);

        HttpResponse<String> gap = part("u2", MIN + 1, 2L * MIN, total);

        assertThat(gap.statusCode()).isEqualTo(400);
        assertThat(gap.body()).contains("does not follow");
        assertThat(cloudinary.assetCount()).isZero();
    }

    @Test
    void aChunkUnderAnotherUploadIdDoesNotContinueTheUpload() throws Exception {
        long total = file.length;
        part("u3", 0, MIN - 1, total);

        HttpResponse<String> stranger = part("u4", MIN, 2L * MIN - 1, total);

        assertThat(stranger.statusCode()).isEqualTo(400);
        assertThat(stranger.body()).contains("does not follow");
    }

    @Test
    void aChunkUnderFiveMegabytesIsRefusedUnlessItIsTheLast() throws Exception {
        HttpResponse<String> small = part("u5", 0, 1023, file.length);

        assertThat(small.statusCode()).isEqualTo(400);
        assertThat(small.body()).contains("at least 5 MB");
    }

    @Test
    void aSingleUploadOverTheLimitIsRefusedWithCloudinarysSizeError() throws Exception {
        cloudinary.withUploadLimit(100);
        String boundary = "b0undary";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"upload_preset\"\r\n\r\nreplaces\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\r\n"
                + "x".repeat(101) + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(cloudinary.apiBaseUrl() + "/v1_1/demo-cloud/raw/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"message\":\"File size too large. Got 101. Maximum is 100.\"}}");
    }
}
