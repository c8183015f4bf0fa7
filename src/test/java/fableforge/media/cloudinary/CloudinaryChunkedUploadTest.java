package fableforge.media.cloudinary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.fake.FakeCloudinary;
import fableforge.fake.FakeServer;
import fableforge.fake.FakeServer.Reply;
import fableforge.media.MediaStoreException;
import fableforge.media.StoredMedia;
import fableforge.provider.ProviderError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large files and archives go to Cloudinary in signed chunks of one upload id, as its chunked upload asks. */
class CloudinaryChunkedUploadTest {

    private static final int CHUNK = CloudinaryMediaStore.MIN_CHUNK_BYTES;
    private static final String VIDEO_KEY = "stories/s1/video-v1.mp4";

    private final CloudinaryFixture fixture = new CloudinaryFixture();
    private final FakeCloudinary cloudinary = fixture.cloudinary();
    private final List<Duration> pauses = fixture.pauses();

    @AfterEach
    void stop() {
        fixture.close();
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

        StoredMedia stored = fixture.chunking(fixture.signed("right-secret")).putFile(VIDEO_KEY, file(video, dir), "video/mp4");

        List<FakeServer.Recorded> parts = cloudinary.server().requests();
        assertThat(parts).extracting(part -> part.header("content-range")).containsExactly(
                "bytes 0-" + (CHUNK - 1) + "/" + total,
                "bytes " + CHUNK + "-" + (2 * CHUNK - 1) + "/" + total,
                "bytes " + 2 * CHUNK + "-" + (total - 1) + "/" + total);
        assertThat(parts).extracting(part -> part.header("x-unique-upload-id")).doesNotContainNull().containsOnly(parts.get(0).header("x-unique-upload-id"));
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.path()).isEqualTo("/v1_1/demo-cloud/video/upload");
            assertThat(CloudinaryFixture.field(part, "signature")).as("each part signed as a whole upload is").matches("[0-9a-f]{40}");
            assertThat(CloudinaryFixture.field(part, "public_id")).isEqualTo("fableforge/stories/s1/video-v1");
        });
        assertThat(cloudinary.asset("video", "fableforge/stories/s1/video-v1")).get().satisfies(asset -> assertThat(asset.bytes()).isEqualTo(video));
        assertThat(stored.url()).matches(".*/video/upload/v\\d+/fableforge/stories/s1/video-v1\\.mp4");
        assertThat(stored.sizeBytes()).isEqualTo(total);
        assertThat(cloudinary.unfinishedChunkedUploads()).isZero();
    }

    @Test
    void bytesLargerThanOneChunkAreChunkedToo() throws Exception {
        byte[] zip = random(CHUNK + 1);

        fixture.chunking(fixture.signed("right-secret")).put("stories/s1/video-v1.zip", zip, "application/zip");

        assertThat(cloudinary.server().requests()).hasSize(2);
        assertThat(cloudinary.asset("raw", "fableforge/stories/s1/video-v1.zip")).get().satisfies(asset -> assertThat(asset.bytes()).isEqualTo(zip));
    }

    @Test
    void aFileNoLargerThanOneChunkGoesUpInOneRequestWithoutChunkHeaders(@TempDir Path dir) throws Exception {
        byte[] video = random(CHUNK);

        fixture.chunking(fixture.signed("right-secret")).putFile(VIDEO_KEY, file(video, dir), "video/mp4");

        assertThat(cloudinary.server().requests()).singleElement().satisfies(request -> {
            assertThat(request.header("content-range")).isNull();
            assertThat(request.header("x-unique-upload-id")).isNull();
        });
        assertThat(cloudinary.asset("video", "fableforge/stories/s1/video-v1")).get().satisfies(asset -> assertThat(asset.bytes()).isEqualTo(video));
    }

    @Test
    void aFileOverThePlansSizeLimitIsReportedAsThatLimitAndNotRetried() {
        cloudinary.withUploadLimit(1_000_000);

        assertThatThrownBy(() -> fixture.store(fixture.signed("right-secret")).put("stories/s1/story.json", random(1_500_000), "application/json"))
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

        assertThatThrownBy(() -> fixture.chunking(fixture.signed("right-secret")).put(VIDEO_KEY, random(2 * CHUNK + 1), "video/mp4"))
                .isInstanceOfSatisfying(MediaStoreException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class))
                .hasMessageContaining("Invalid transformation");
        assertThat(cloudinary.server().requests()).as("the SDK's uploadLarge would send the other chunks anyway").hasSize(1);
    }

    @Test
    void aServerErrorOnAChunkIsRetriedFromTheFirstChunkUnderANewUploadId() throws Exception {
        cloudinary.server().script("POST", FakeCloudinary.UPLOAD_PATH, Reply.json(500, "{\"error\":{\"message\":\"General Error\"}}"));
        byte[] video = random(2 * CHUNK + 1);

        fixture.chunking(fixture.signed("right-secret")).put(VIDEO_KEY, video, "video/mp4");

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

        fixture.chunking(fixture.unsigned("replaces")).put(VIDEO_KEY, video, "video/mp4");

        assertThat(cloudinary.server().requests()).hasSize(2)
                .allSatisfy(part -> assertThat(CloudinaryFixture.field(part, "upload_preset")).isEqualTo("replaces"));
        assertThat(cloudinary.asset("video", "fableforge/stories/s1/video-v1")).get().satisfies(asset -> assertThat(asset.bytes()).isEqualTo(video));
    }

    @Test
    void chunksSmallerThanCloudinarysMinimumAreNotConfigurable() {
        assertThatThrownBy(() -> new CloudinaryMediaStore(fixture.signed("right-secret"), fixture.sleeper(), Clock.systemUTC(), 1024 * 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 MB");
    }
}
