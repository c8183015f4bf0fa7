package fableforge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.provider.ProviderError;
import fableforge.provider.call.ProviderMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeteredMediaStoreTest {

    @TempDir
    Path dir;

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void everyStoreReadAndLookupIsCountedUnderTheStoresProvider() throws Exception {
        MediaStore media = new MeteredMediaStore(new LocalMediaStore(dir.resolve("media"), "/media/"), new ProviderMeters(registry));
        Path video = Files.write(dir.resolve("video.mp4"), new byte[] {1, 2, 3});

        media.put("stories/s/scene-01.png", new byte[] {9}, "image/png");
        media.putFile("stories/s/video-v1.mp4", video, "video/mp4");
        try (InputStream in = media.open("stories/s/video-v1.mp4").orElseThrow()) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThat(media.open("stories/s/missing.png")).isEmpty();
        assertThat(media.exists("stories/s/scene-01.png")).isTrue();
        assertThat(media.size("stories/s/video-v1.mp4")).contains(3L);

        assertThat(count("local", "store", "ok")).isEqualTo(2);
        assertThat(count("local", "read", "ok")).as("a key with nothing stored is an answer, not a failure").isEqualTo(2);
        assertThat(count("local", "lookup", "ok")).isEqualTo(2);
        assertThat(timer("local", "store", "ok").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void aFailingStoreIsCountedByWhatWentWrongAndTheFailureStillReachesTheCaller() {
        IOException[] failures = {
                new MediaStoreException(new ProviderError.BadCredentials("the S3 secret key is wrong")),
                new MediaStoreException(new ProviderError.Transient("could not reach Cloudinary"), new ConnectException("refused")),
                new SocketTimeoutException("read timed out"),
                new IOException("No space left on device")};
        for (IOException failure : failures) {
            MediaStore media = new MeteredMediaStore(new FailingStore(failure), new ProviderMeters(registry));
            assertThatThrownBy(() -> media.put("k", new byte[1], "image/png")).isSameAs(failure);
        }

        assertThat(count("s3", "store", "client_error")).isEqualTo(1);
        assertThat(count("s3", "store", "unreachable")).isEqualTo(1);
        assertThat(count("s3", "store", "timeout")).isEqualTo(1);
        assertThat(count("s3", "store", "server_error")).isEqualTo(1);
        assertThat(registry.find(ProviderMeters.METER).tag("outcome", "ok").timers()).isEmpty();
    }

    private long count(String provider, String operation, String outcome) {
        return timer(provider, operation, outcome).count();
    }

    private Timer timer(String provider, String operation, String outcome) {
        return registry.get(ProviderMeters.METER).tags("provider", provider, "operation", operation, "outcome", outcome).timer();
    }

    /** A store whose every call fails the same way. */
    private record FailingStore(IOException failure) implements MediaStore {
        @Override
        public StoredMedia put(String key, byte[] bytes, String contentType) throws IOException {
            throw failure;
        }

        @Override
        public Optional<InputStream> open(String key) throws IOException {
            throw failure;
        }

        @Override
        public String name() {
            return "s3:bucket";
        }
    }
}
