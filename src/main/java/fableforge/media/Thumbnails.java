package fableforge.media;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;

/**
 * The small rendition of a stored image that galleries and story lists load instead of the full
 * image (issue 14: the 20 full 1080×1920 PNGs weighed 30 MB in 200-pixel cards).
 *
 * <p>A thumbnail is a JPEG at most {@link #MAX_WIDTH} pixels wide, kept in the same media store
 * under the image's key plus {@link #SUFFIX} ({@code stories/s/scene-01-a1.png} →
 * {@code stories/s/scene-01-a1.png.thumb.jpg}): it sits beside its image, so whoever may read the
 * image may read it, and the image's key can be read back from it. JPEG rather than WebP: the JDK
 * writes JPEG, and every Java WebP encoder is a native library (libwebp through JNI). The dots of
 * the key are allowed in Cloudinary's public IDs
 * (https://cloudinary.com/documentation/ts_permitted_naming_conventions) and in S3 object keys.
 */
public final class Thumbnails {

    public static final int MAX_WIDTH = 480;
    public static final String SUFFIX = ".thumb.jpg";
    /** Measured on the offline illustrator's scenes: 20 thumbnails at this quality weigh well under 1.6 MB (ThumbnailsBudgetTest). */
    static final float JPEG_QUALITY = 0.82f;
    /** A stored image larger than this is not read to make a thumbnail on request (ours are under 10 MB). */
    static final long MAX_SOURCE_BYTES = 40L * 1024 * 1024;
    /** Nor is one of more pixels than this decoded (a 1080×1920 image is 2.1 million): decoding holds 4 bytes a pixel. */
    static final long MAX_SOURCE_PIXELS = 40_000_000L;
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp");

    private final MediaStore media;

    public Thumbnails(MediaStore media) {
        this.media = media;
    }

    /**
     * The thumbnail's key for an image's key. Clients get it as {@code MediaUrls.ofKey(keyOf(imageKey))}: through
     * {@code GET /media/<key>}, which makes the thumbnail of an older image on first request and redirects to
     * remote stores, so it works for every store.
     */
    public static String keyOf(String imageKey) {
        return imageKey + SUFFIX;
    }

    /** The image a thumbnail key was made from, or empty when the key is no thumbnail's. */
    public static Optional<String> imageKeyOf(String key) {
        if (key == null || !key.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String image = key.substring(0, key.length() - SUFFIX.length());
        return MediaKey.isValid(image) && IMAGE_EXTENSIONS.contains(MediaKey.extension(image)) ? Optional.of(image) : Optional.empty();
    }

    /** Makes and stores the thumbnail of an image just stored under {@code imageKey}. */
    public StoredMedia store(String imageKey, byte[] image) throws IOException {
        return media.put(keyOf(imageKey), render(image), "image/jpeg");
    }

    /** The same from the image's picture, already decoded (drawn in this process): no second decoding of its bytes. */
    public StoredMedia store(String imageKey, BufferedImage picture) throws IOException {
        return media.put(keyOf(imageKey), render(picture), "image/jpeg");
    }

    /**
     * Makes and stores the thumbnail of an image already in the store (older images), or empty when
     * nothing is stored at {@code imageKey}. Fails when the image is too large or not an image.
     */
    public Optional<StoredMedia> storeFromStored(String imageKey) throws IOException {
        Optional<Long> size = media.size(imageKey);
        if (size.isEmpty()) {
            return Optional.empty();
        }
        if (size.get() > MAX_SOURCE_BYTES) {
            throw new IOException("the image is " + size.get() + " bytes, over the " + MAX_SOURCE_BYTES + " a thumbnail is made from");
        }
        Optional<InputStream> in = media.open(imageKey);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream stream = in.get()) {
            bytes = stream.readNBytes((int) MAX_SOURCE_BYTES + 1);
        }
        if (bytes.length > MAX_SOURCE_BYTES) {
            throw new IOException("the image grew over " + MAX_SOURCE_BYTES + " bytes while it was read");
        }
        return Optional.of(store(imageKey, bytes));
    }

    /** The JPEG thumbnail of an image's bytes (PNG, JPEG; WebP where an ImageIO reader for it is installed). */
    public static byte[] render(byte[] image) throws IOException {
        return render(decode(image));
    }

    /** The JPEG thumbnail of a decoded picture; the picture itself is left as it is. */
    public static byte[] render(BufferedImage picture) throws IOException {
        return encode(ThumbnailScaling.fitWidth(picture, MAX_WIDTH));
    }

    /** Decodes after checking the header's pixel count, so a small file claiming huge dimensions is never decoded. */
    private static BufferedImage decode(byte[] image) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("not an image this server can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_SOURCE_PIXELS) {
                    throw new IOException("the image has " + pixels + " pixels, over the " + MAX_SOURCE_PIXELS + " a thumbnail is made from");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            // Progressive: a card shows the whole picture blurred first, then sharpens.
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
