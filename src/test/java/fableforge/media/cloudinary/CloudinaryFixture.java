package fableforge.media.cloudinary;

import fableforge.Providers;
import fableforge.fake.FakeCloudinary;
import fableforge.fake.FakeServer;
import fableforge.fake.Multipart;
import fableforge.job.Sleeper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;

/**
 * A loopback Cloudinary (cloud {@code demo-cloud}, key {@code key-123}, secret {@code right-secret}, an
 * unsigned preset {@code keeps} that keeps assets and one {@code replaces} that overwrites them) and the
 * store's settings and instances pointed at it, with the pauses its retries asked for.
 */
final class CloudinaryFixture implements AutoCloseable {

    private final FakeCloudinary cloudinary = new FakeCloudinary("demo-cloud", "key-123", "right-secret", Clock.systemUTC())
            .withUnsignedPreset("keeps", false)
            .withUnsignedPreset("replaces", true);
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final Sleeper sleeper = pauses::add;

    FakeCloudinary cloudinary() {
        return cloudinary;
    }

    /** What the store's retries paused for, in order (nothing really waits). */
    List<Duration> pauses() {
        return pauses;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    CloudinarySettings signed(String secret) {
        return settings(Optional.of("key-123"), Optional.of(secret), Optional.empty(), Duration.ofSeconds(5));
    }

    CloudinarySettings unsigned(String preset) {
        return settings(Optional.empty(), Optional.empty(), Optional.of(preset), Duration.ofSeconds(5));
    }

    CloudinarySettings settings(Optional<String> key, Optional<String> secret, Optional<String> preset, Duration timeout) {
        return new CloudinarySettings(Optional.of("demo-cloud"), key, secret, preset, "fableforge",
                URI.create(cloudinary.apiBaseUrl()), URI.create(cloudinary.deliveryBaseUrl()), timeout);
    }

    CloudinaryMediaStore store(CloudinarySettings settings) {
        return new CloudinaryMediaStore(settings, sleeper, Clock.systemUTC());
    }

    /** A store that sends anything over the smallest chunk Cloudinary takes in chunks of that size. */
    CloudinaryMediaStore chunking(CloudinarySettings settings) {
        return new CloudinaryMediaStore(settings, sleeper, Clock.systemUTC(), CloudinaryMediaStore.MIN_CHUNK_BYTES);
    }

    /** A tiny PNG with one pixel of {@code rgb}, so different colours make different bytes. */
    static byte[] png(int rgb) throws Exception {
        BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, rgb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A form field of an upload the fake received, or null when it was not sent. */
    static String field(FakeServer.Recorded request, String name) {
        return Multipart.field(request.header("content-type"), request.body(), name);
    }

    @Override
    public void close() {
        cloudinary.close();
    }
}
