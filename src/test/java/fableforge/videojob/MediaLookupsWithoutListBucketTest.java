package fableforge.videojob;

import fableforge.media.s3.S3Settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.fake.FakeS3;
import fableforge.image.AspectRatio;
import fableforge.image.GeneratedImage;
import fableforge.image.ImageBrief;
import fableforge.image.ImageRequest;
import fableforge.image.ReferenceImages;
import fableforge.image.StoredReferenceImages;
import fableforge.media.s3.S3MediaStore;
import fableforge.prompt.TestHeroes;
import fableforge.provider.ProviderException;
import fableforge.story.Beat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The callers that look for media that may not be there (the character sheet, kept clips, uploaded
 * music), on an S3 bucket whose policy lacks s3:ListBucket, where S3 answers a missing key with 403.
 * Such a look must not fail the image or the video.
 */
class MediaLookupsWithoutListBucketTest {

    private final FakeS3 s3 = new FakeS3("AKIDEXAMPLE", "right-secret", "eu-west-1", Clock.systemUTC()).withBucket("fable").withoutListBucket();
    private final S3MediaStore media = new S3MediaStore(new S3Settings(Optional.of("fable"), "eu-west-1", Optional.of(URI.create(s3.url())), true,
            Optional.of("AKIDEXAMPLE"), Optional.of("right-secret"), Optional.empty(), Duration.ofMinutes(5)), Clock.systemUTC());

    @AfterEach
    void stop() {
        media.close();
        s3.close();
    }

    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    @Test
    void theCharacterSheetIsPaintedOnceWhenTheStoreAnswers403ForTheMissingSheet() throws Exception {
        byte[] sheet = png();
        AtomicInteger paintings = new AtomicInteger();
        ReferenceImages.SheetPainter painter = request -> {
            paintings.incrementAndGet();
            return new GeneratedImage(sheet, "image/png", 4, 4);
        };
        ImageBrief brief = new ImageBrief(2, Beat.ofScene(2), TestHeroes.ember(), "forest", "anime", "caption", AspectRatio.PORTRAIT, 1);
        ImageRequest request = new ImageRequest("story-1", 1, "prompt", brief);
        StoredReferenceImages references = StoredReferenceImages.sheetOnly(media);

        List<ReferenceImages.Reference> first = references.referencesFor(request, painter);
        List<ReferenceImages.Reference> again = references.referencesFor(request, painter);

        assertThat(first).singleElement().satisfies(reference -> assertThat(reference.bytes()).isEqualTo(sheet));
        assertThat(again).singleElement().satisfies(reference -> assertThat(reference.bytes()).isEqualTo(sheet));
        assertThat(paintings).as("the stored sheet is reused").hasValue(1);
        assertThat(s3.object("fable", StoredReferenceImages.sheetKey("story-1"))).isPresent();
    }

    @Test
    void aStoredSheetThatCannotBeReadFailsTheImageWithTheBucketPolicyAndIsNotRetried() throws Exception {
        media.put(StoredReferenceImages.sheetKey("story-1"), png(), "image/png");
        s3.server().script("GET", FakeS3.OBJECT_PATH, FakeS3.error(403, "AccessDenied", "Access Denied"));
        ImageBrief brief = new ImageBrief(2, Beat.ofScene(2), TestHeroes.ember(), "forest", "anime", "caption", AspectRatio.PORTRAIT, 1);

        assertThatThrownBy(() -> StoredReferenceImages.sheetOnly(media).referencesFor(new ImageRequest("story-1", 1, "prompt", brief),
                request -> { throw new AssertionError("a stored sheet is not painted again"); }))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().retryable()).isFalse();
                    assertThat(e.getMessage()).contains("AccessDenied", "s3:GetObject");
                });
    }

    @Test
    void aClipThatWasNeverKeptIsNotFoundAndAKeptOneIs() throws Exception {
        MediaClipCache cache = new MediaClipCache(media, "stories/story-1/video-v1-clips");

        assertThat(cache.find(7, 150)).isEmpty();
        cache.keep(7, 150, new byte[] {1, 2, 3});
        assertThat(cache.find(7, 150)).get().isEqualTo(new byte[] {1, 2, 3});
    }

    @Test
    void musicThatWasNeverUploadedDoesNotExist(@TempDir Path scratch) throws Exception {
        MusicLibrary music = new MusicLibrary(media, scratch, new ObjectMapper());

        assertThat(music.exists("music/0123456789abcdef0123456789abcdef.mp3")).isFalse();
    }
}
