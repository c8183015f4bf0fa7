package fableforge.image;

import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.util.Optional;

/**
 * What an image's first bytes say: its format (from the magic bytes, not from what the answer
 * claimed) and its pixel size (from the format's header), without decoding the pixels.
 */
public record ImageHeader(String contentType, int width, int height) {

    /**
     * The most pixels a provider's image may have: decoding one holds 4 bytes a pixel, allocated from the
     * header before a byte of pixel data is read, so a small file claiming 50,000 × 50,000 would ask for
     * 10 GB. Today's largest generated images stay well under it: OpenAI's image models at most 3840 × 2160
     * (8.3 million; ../shared/provider-contracts.md), Gemini's {@code imageSize: "4K"} about 4096 on the longest
     * side (at most 16.8 million; the Gemini API's ImageConfig).
     */
    public static final long MAX_PIXELS = 40_000_000L;

    /**
     * The header of an image a provider answered with, checked before anything decodes it.
     *
     * @param provider the provider's name, for the error ("OpenAI", "Gemini")
     * @throws ProviderException (transient) when the bytes are no PNG, JPEG or WebP, or claim more than {@link #MAX_PIXELS}
     */
    public static ImageHeader ofProviderImage(byte[] bytes, String provider) throws ProviderException {
        ImageHeader header = read(bytes).orElseThrow(() -> new ProviderException(new ProviderError.Transient(
                provider + "'s answer held " + bytes.length + " bytes that are not a PNG, JPEG or WebP image")));
        Optional<String> tooLarge = header.tooLargeToDecode();
        if (tooLarge.isPresent()) {
            throw new ProviderException(new ProviderError.Transient(provider + "'s image " + tooLarge.get()));
        }
        return header;
    }

    /** Why this image must not be decoded ("claims W×H pixels, more than …"), when it has more than {@link #MAX_PIXELS}. */
    public Optional<String> tooLargeToDecode() {
        return (long) width * height > MAX_PIXELS
                ? Optional.of("claims " + width + "x" + height + " pixels, more than the " + MAX_PIXELS + " this server decodes")
                : Optional.empty();
    }

    public static Optional<ImageHeader> read(byte[] bytes) {
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return png(bytes);
        }
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return jpeg(bytes);
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return webp(bytes);
        }
        return Optional.empty();
    }

    /** PNG: the IHDR chunk comes first; width and height are its first two big-endian ints. */
    private static Optional<ImageHeader> png(byte[] bytes) {
        if (bytes.length < 24 || !startsWith(bytes, 12, 'I', 'H', 'D', 'R')) {
            return Optional.empty();
        }
        return sized("image/png", bigEndian32(bytes, 16), bigEndian32(bytes, 20));
    }

    /** JPEG: walk the marker segments to the first start-of-frame (SOF0..SOF15 but DHT, JPG, DAC). */
    private static Optional<ImageHeader> jpeg(byte[] bytes) {
        int at = 2;
        while (at + 9 < bytes.length) {
            if ((bytes[at] & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int marker = bytes[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            int length = bigEndian16(bytes, at + 2);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                return sized("image/jpeg", bigEndian16(bytes, at + 7), bigEndian16(bytes, at + 5));
            }
            at += 2 + length;
        }
        return Optional.empty();
    }

    /** WebP: lossy (VP8), lossless (VP8L) and extended (VP8X) chunks keep the size in different places. */
    private static Optional<ImageHeader> webp(byte[] bytes) {
        if (bytes.length < 30) {
            return Optional.empty();
        }
        if (startsWith(bytes, 12, 'V', 'P', '8', ' ')) {
            return sized("image/webp", littleEndian16(bytes, 26) & 0x3FFF, littleEndian16(bytes, 28) & 0x3FFF);
        }
        if (startsWith(bytes, 12, 'V', 'P', '8', 'L')) {
            int bits = littleEndian16(bytes, 21) | littleEndian16(bytes, 23) << 16;
            return sized("image/webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }
        if (startsWith(bytes, 12, 'V', 'P', '8', 'X')) {
            return sized("image/webp", littleEndian24(bytes, 24) + 1, littleEndian24(bytes, 27) + 1);
        }
        return Optional.empty();
    }

    private static Optional<ImageHeader> sized(String contentType, int width, int height) {
        return width > 0 && height > 0 ? Optional.of(new ImageHeader(contentType, width, height)) : Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int bigEndian32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static int bigEndian16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static int littleEndian16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int littleEndian24(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16;
    }
}
