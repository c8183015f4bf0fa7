package fableforge.media;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.TestPngs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailRequestsTest {

    private static final String IMAGE = "stories/s/scene-01-a1.png";

    @TempDir
    Path root;

    @Test
    void aMissingThumbnailIsMadeFromItsStoredImage() throws Exception {
        LocalMediaStore media = new LocalMediaStore(root, "media/");
        media.put(IMAGE, TestPngs.blank(1080, 1920), "image/png");

        assertThat(new ThumbnailRequests(new Thumbnails(media)).make(IMAGE)).isEqualTo(ThumbnailRequests.Outcome.MADE);
        assertThat(media.exists(Thumbnails.keyOf(IMAGE))).isTrue();
    }

    @Test
    void withoutItsImageThereIsNoThumbnail() throws Exception {
        LocalMediaStore media = new LocalMediaStore(root, "media/");
        assertThat(new ThumbnailRequests(new Thumbnails(media)).make(IMAGE)).isEqualTo(ThumbnailRequests.Outcome.NO_IMAGE);
        assertThat(media.exists(Thumbnails.keyOf(IMAGE))).isFalse();
    }

    @Test
    void anImageThatCannotBeReadLeavesTheFullImageToBeShown() throws Exception {
        LocalMediaStore media = new LocalMediaStore(root, "media/");
        media.put(IMAGE, new byte[] {1, 2, 3}, "image/png");
        assertThat(new ThumbnailRequests(new Thumbnails(media)).make(IMAGE)).isEqualTo(ThumbnailRequests.Outcome.UNAVAILABLE);
        assertThat(media.exists(Thumbnails.keyOf(IMAGE))).isFalse();
    }

    /** The second request arrives while the first is reading the image: it waits for that making instead of making its own. */
    @Test
    void twoRequestsAtOnceMakeTheThumbnailOnce() throws Exception {
        CountDownLatch firstIsReading = new CountDownLatch(1);
        CountDownLatch letItRead = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        LocalMediaStore local = new LocalMediaStore(root, "media/");
        local.put(IMAGE, TestPngs.blank(1080, 1920), "image/png");
        MediaStore media = new Delegating(local) {
            @Override
            public Optional<InputStream> open(String key) throws IOException {
                reads.incrementAndGet();
                firstIsReading.countDown();
                try {
                    letItRead.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return local.open(key);
            }
        };
        ThumbnailRequests requests = new ThumbnailRequests(new Thumbnails(media));
        AtomicReference<ThumbnailRequests.Outcome> first = new AtomicReference<>();
        AtomicReference<ThumbnailRequests.Outcome> second = new AtomicReference<>();
        Thread one = Thread.ofVirtual().start(() -> first.set(makeQuietly(requests)));
        firstIsReading.await();
        Thread two = Thread.ofVirtual().start(() -> second.set(makeQuietly(requests)));
        // Joining the first making waits with a time limit; reading the image would wait without one.
        while (two.getState() != Thread.State.TIMED_WAITING && two.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        letItRead.countDown();
        one.join();
        two.join();

        assertThat(first.get()).isEqualTo(ThumbnailRequests.Outcome.MADE);
        assertThat(second.get()).isEqualTo(ThumbnailRequests.Outcome.MADE);
        assertThat(reads.get()).isEqualTo(1);
    }

    private static ThumbnailRequests.Outcome makeQuietly(ThumbnailRequests requests) {
        try {
            return requests.make(IMAGE);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A store passing every call on, for a test to override one. */
    private static class Delegating implements MediaStore {
        private final MediaStore inner;

        Delegating(MediaStore inner) {
            this.inner = inner;
        }

        @Override
        public StoredMedia put(String key, byte[] bytes, String contentType) throws IOException {
            return inner.put(key, bytes, contentType);
        }

        @Override
        public Optional<InputStream> open(String key) throws IOException {
            return inner.open(key);
        }

        @Override
        public Optional<Long> size(String key) throws IOException {
            return inner.size(key);
        }

        @Override
        public String name() {
            return "delegating";
        }
    }
}
